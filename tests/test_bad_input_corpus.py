"""One corpus of bad inputs through the command line, on a real on-disk Oxigraph store that
already holds the founding release: releases, RDF imports, SPARQL text, parameters and
judgement files. Each case asserts the exit code, the one error line naming the problem,
that no traceback reaches the user, and that the store is exactly as it was."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kgraph.cli import app


@dataclass(frozen=True)
class Case:
    name: str
    args: Callable[[Path], list[str]]  # the command line, given the case's folder
    write: dict[str, bytes]  # files to create in that folder first
    exit_code: int
    message: str  # a piece of the error line


def _f(name: str) -> Callable[[Path], str]:
    return lambda d: str(d / name)


def build(name: str, data: bytes, message: str) -> Case:
    return Case(f"release-{name}", lambda d, n=name: ["build", str(d / n)], {name: data}, 1,
                message)


def query_file(name: str, text: str, message: str, code: int = 2, extra: tuple[str, ...] = ()) -> Case:
    return Case(f"query-{name}", lambda d, n=name: ["query", str(d / f"{n}.rq"), *extra],
                {f"{name}.rq": text.encode()}, code, message)


def imported(name: str, suffix: str, data: bytes, message: str) -> Case:
    fname = f"{name}{suffix}"
    return Case(f"import-{name}", lambda d, f=fname: ["import", str(d / f), "-g", "kgg:imported"],
                {fname: data}, 2, message)


def named(name: str, params: list[str], message: str, query: str = "entity-facts") -> Case:
    return Case(f"param-{name}", lambda d: ["query", query, *params], {}, 2, message)


CASES = [
    # releases: every one fails alone with a `kgraph: failed:` line, exit 1
    build("empty.txt", b"", "empty file"),
    build("blank.txt", b" \n\t \n", "empty file"),
    build("nul.txt", b"Assomac\x00\x01\x02" * 40, "binary file"),
    build("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    build("mixed.txt", "Milano, 3 marzo – più export".encode() + " perché così".encode("latin-1") * 3,
          "character set cannot be decided"),
    build("damaged.txt", "Milano – più export, più ordini, più città".encode()[:30] + b"\xff\xfe\xfd"
          + "Milano – più export, più ordini".encode(), "character set cannot be decided"),
    build("bom-lie.txt", b"\xef\xbb\xbf" + "perché".encode("latin-1"), "byte-order mark"),
    build("utf16-odd.txt", b"\xff\xfe" + b"A\x00s\x00\x00", "byte-order mark"),
    build("noise.txt", bytes((i * 151 + 7) % 255 + 1 for i in range(3000)), "character set"),
    build("script-only.html", b"<html><head><script>evil()</script></head><body></body></html>",
          "without any main text"),
    build("style-only.htm", b"<html><head><style>p{}</style></head><body>   </body></html>",
          "without any main text"),
    build("blank.md", b"\n\n\n", "empty file"),
    build("crlf-blank.txt", b"\r\n\r\n", "empty file"),
    build("ctrl.txt", b"\x01\x02\x03\x04\x05\x06\x07\x08" * 200, "binary file"),
    # RDF imports: all or nothing, exit 1 with the line of the problem
    imported("turtle-syntax", ".ttl", b"<urn:a> <urn:b> .", "line 1, column 17: malformed RDF"),
    imported("turtle-prefix", ".ttl", b"ex:a ex:b ex:c .", "has not been declared"),
    imported("ntriples-literal", ".nt", b'<urn:a> <urn:b> "open .\n', "malformed RDF"),
    imported("nquads-graph", ".nq", b"<urn:a> <urn:b> <urn:c> <urn:g> <urn:extra> .\n", "malformed RDF"),
    imported("trig-brace", ".trig", b"<urn:g> { <urn:a> <urn:b> <urn:c> .", "malformed RDF"),
    imported("jsonld-broken", ".jsonld", b'{"@id": "urn:a", ', "malformed RDF"),
    imported("rdfxml-broken", ".rdf", b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
             b"<rdf:Description rdf:about='urn:a'><x:p xmlns:x='urn:x#'>v</rdf:Description></rdf:RDF>",
             "malformed RDF"),
    imported("second-line", ".nt", b"<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> .\n", "line 2"),
    # SPARQL text: exit 2 with the problem (and its line where known)
    query_file("unclosed", "SELECT ?s WHERE { ?s ?p ?o ", "malformed SPARQL"),
    query_file("half-triple", "SELECT ?s WHERE { ?s ?p }", "malformed SPARQL"),
    query_file("no-form", "hello world", "not a SPARQL query or update"),
    query_file("empty", "# only a comment\n", "empty query"),
    query_file("service", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
               "SERVICE"),
    query_file("service-cr", "SELECT * WHERE { # x\rSERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
               "SERVICE"),
    query_file("load", "LOAD <http://127.0.0.1:9/data.ttl>", "LOAD"),
    query_file("update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "update"),
    query_file("unknown-prefix", "SELECT * WHERE { ?s nope:p ?o }", "malformed SPARQL"),
    query_file("bad-iri", "SELECT * WHERE { <urn:a b> ?p ?o }", "malformed SPARQL"),
    query_file("bad-function", "SELECT (nofn(?s) AS ?x) WHERE { ?s ?p ?o }", "malformed SPARQL"),
    query_file("unbalanced", "SELECT * WHERE { { ?s ?p ?o }", "malformed SPARQL"),
    # parameters of named queries: exit 2 naming the parameter
    named("missing", [], "entity"),
    named("unknown", ["-p", "entity=kgi:org/assomac", "-p", "nope=1"], "nope"),
    named("bad-iri", ["-p", "entity=<not an iri>"], "entity"),
    named("empty-entity", ["-p", "entity="], "entity"),
    named("no-equals", ["-p", "entity"], "entity"),
    named("bad-decimal", ["-p", "minShare=lots"], "minShare", query="world-export-share"),
    Case("import-no-graph", lambda d: ["import", str(d / "t.ttl")], {"t.ttl": b"<urn:a> <urn:b> <urn:c> ."},
         2, "needs a target graph"),
    Case("unknown-query", lambda d: ["query", "no-such-query"], {}, 2, "unknown query"),
    Case("missing-rq", lambda d: ["query", str(d / "nope.rq")], {}, 2, "nope.rq"),
    # judgements and review files
    Case("judgements-bad-kind", lambda d: ["build", str(d / "r.txt")],
         {"r.txt": b"Milan, 3 March 2025 - Acimit met.", "judgements.csv": b"judgement,left,right\nmaybe,kgi:org/a,kgi:org/b\n"},
         2, "judgement 'maybe'"),
    Case("judgements-bad-iri", lambda d: ["build", str(d / "r.txt")],
         {"r.txt": b"Milan, 3 March 2025 - Acimit met.", "judgements.csv": b"judgement,left,right\nsame,a b,kgi:org/b\n"},
         2, "is not an IRI"),
    Case("judgements-no-columns", lambda d: ["build", str(d / "r.txt")],
         {"r.txt": b"Milan, 3 March 2025 - Acimit met.", "judgements.csv": b"a,b\n1,2\n"},
         2, "missing columns"),
    Case("resolve-no-option", lambda d: ["resolve"], {}, 2, "--review FILE or --apply FILE"),
    Case("resolve-missing-review", lambda d: ["resolve", "--apply", str(d / "nope.csv")], {}, 2,
         "no such review file"),
    Case("resolve-unknown-entity", lambda d: ["resolve", "--apply", str(d / "rev.csv")],
         {"rev.csv": b"judgement,left,right\nsame,kgi:org/assomac,kgi:org/nobody\n"}, 2,
         "not an entity of the store"),
    Case("link-review-bad", lambda d: ["link", "--offline", "--apply", str(d / "rev.csv")],
         {"rev.csv": b"a,b\n1,2\n"}, 2, "not a review file"),
    Case("link-review-accept", lambda d: ["link", "--offline", "--apply", str(d / "rev.csv")],
         {"rev.csv": b"entity,qid,accept\nhttps://w3id.org/kgraph/id/org/assomac,Q1,maybe\n"}, 2,
         "accept must be yes or empty"),
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, founding_release: Path) -> Path:
    """A store holding the founding release, copied for each case."""
    root = tmp_path_factory.mktemp("seed")
    result = CliRunner().invoke(app, ["--store", f"oxigraph:{root / 'store'}", "build", str(founding_release)],
                                env={"KGRAPH_JUDGEMENTS": str(root / "none.csv")})
    assert result.exit_code == 0, result.output
    return root / "store"


def _quads(path: Path) -> set[ox.Quad]:
    st = ox.Store.read_only(str(path))
    try:
        return set(st)
    finally:
        del st


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 50 and len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_is_one_clear_error_and_changes_nothing(case: Case, seeded: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(seeded, store)
    before = _quads(store)
    for name, data in case.write.items():
        (tmp_path / name).write_bytes(data)
    env = {"KGRAPH_JUDGEMENTS": str(tmp_path / "judgements.csv"), "KGRAPH_CACHE_DIR": str(tmp_path / "cache"),
           "KGRAPH_WIKIDATA_ENDPOINT": "http://127.0.0.1:9/sparql"}
    result = CliRunner().invoke(app, ["--store", f"oxigraph:{store}", *case.args(tmp_path)], env=env)
    output = result.output
    assert result.exit_code == case.exit_code, output
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    errors = [line for line in output.splitlines() if line.startswith(("kgraph: error:", "kgraph: failed:"))]
    assert errors and any(case.message in line for line in errors), output
    assert _quads(store) == before

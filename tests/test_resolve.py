"""Entity resolution: judgements kept as data, honoured by every build, made through
`kgraph resolve --review / --apply` on a real on-disk Oxigraph store."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.judgements import Judgement, Resolver, parse_ref, read_judgements
from kgraph.namespaces import KGI
from kgraph.store import SelectResult, open_store

RELEASES = {
    "acimit-2025-03-03-figures": "Milan, 3 March 2025 – Giovanni Rossi, President of Acimit, "
                                 "presented the figures of the textile machinery sector.\n",
    "news-2025-04-09-minister": "Rome, 9 April 2025 – Gianni Rossi, President of Acimit, met the "
                                "minister.\n",
    "tessitura-2025-05-02-plant": "Turin, 2 May 2025 – Mario Bianchi, CEO of Tessitura Alfa S.p.A., "
                                  "opened a new plant.\n",
    "acimit-2025-05-06-orders": "Milan, 6 May 2025 – Mario Bianchi, President of Acimit, presented "
                                "the order index.\n",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "releases"
    folder.mkdir()
    for slug, text in RELEASES.items():
        (folder / f"{slug}.txt").write_text(text, encoding="utf-8")
    monkeypatch.setenv("KGRAPH_STORE", f"oxigraph:{tmp_path / 'store'}")
    monkeypatch.setenv("KGRAPH_JUDGEMENTS", str(tmp_path / "judgements.csv"))
    monkeypatch.setenv("KGRAPH_RELEASES", str(folder))
    result = CliRunner().invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    return tmp_path


def holders(tmp_path: Path, org: str = "acimit") -> dict[str, str]:
    """release -> the person it says holds a post at ``org``."""
    with open_store(f"oxigraph:{tmp_path / 'store'}") as store:
        rows = store.query("SELECT ?p ?r WHERE { ?m a org:Membership ; org:member ?p ; "
                           "org:organization ?o ; kg:statedIn ?r }", bindings={"o": KGI[f"org/{org}"]})
        assert isinstance(rows, SelectResult)
        return {str(r["r"]).rsplit("/", 1)[-1]: str(r["p"]) for r in rows}


def fill(review: Path, decide: dict[tuple[str, str], str]) -> None:
    rows = list(csv.DictReader(review.open(encoding="utf-8")))
    for row in rows:
        row["judgement"] = decide.get((row["left"], row["right"]), "")
    with review.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_a_merge_judged_in_review_is_applied_and_kept_by_every_rebuild(project: Path) -> None:
    review = project / "review.csv"
    result = CliRunner().invoke(app, ["resolve", "--review", str(review)])
    assert result.exit_code == 0, result.output
    pairs = {(r["left"], r["right"]): r for r in csv.DictReader(review.open(encoding="utf-8"))}
    pair = ("kgi:person/gianni-rossi", "kgi:person/giovanni-rossi")
    assert pair in pairs and "initial=1" in pairs[pair]["features"]
    # The canonical entity is the left side: name Giovanni first to keep his IRI.
    review.write_text("judgement,left,right\nsame,kgi:person/giovanni-rossi,kgi:person/gianni-rossi\n",
                      encoding="utf-8")
    result = CliRunner().invoke(app, ["resolve", "--apply", str(review)])
    assert result.exit_code == 0, result.output
    assert "1 judgement(s) recorded" in result.output and "news-2025-04-09-minister" in result.output
    giovanni = str(KGI["person/giovanni-rossi"])
    assert holders(project)["news-2025-04-09-minister"] == giovanni
    assert holders(project)["acimit-2025-03-03-figures"] == giovanni
    # A rebuild from the files keeps the decision: it is data, not a one-off edit.
    assert CliRunner().invoke(app, ["build"]).exit_code == 0
    assert set(holders(project).values()) >= {giovanni} and str(KGI["person/gianni-rossi"]) not in \
        set(holders(project).values())
    # The release keeps the name it used, on its local node in the resolution graph.
    with open_store(f"oxigraph:{project / 'store'}") as store:
        rows = store.query("SELECT ?name ?e WHERE { GRAPH kgg:resolution\\/news-2025-04-09-minister "
                           "{ ?l a kg:LocalEntity ; kg:surfaceForm ?name ; owl:sameAs ?e } }")
        assert isinstance(rows, SelectResult)
        assert ("Gianni Rossi", giovanni) in {(str(r["name"]), str(r["e"])) for r in rows}
    # A judged pair is never proposed again.
    CliRunner().invoke(app, ["resolve", "--review", str(review)])
    assert pair not in {(r["left"], r["right"]) for r in csv.DictReader(review.open(encoding="utf-8"))}


def test_a_split_gives_one_release_its_own_person(project: Path) -> None:
    judgements = project / "judgements.csv"
    judgements.write_text(
        "judgement,left,right,source,note\n"
        "different,kgi:person/mario-bianchi@acimit-2025-05-06-orders,"
        "kgi:person/mario-bianchi@tessitura-2025-05-02-plant,analyst,two people of one name\n",
        encoding="utf-8")
    assert CliRunner().invoke(app, ["build"]).exit_code == 0
    assert holders(project)["acimit-2025-05-06-orders"] == str(KGI["person/mario-bianchi"])
    assert holders(project, "tessitura-alfa")["tessitura-2025-05-02-plant"] == \
        str(KGI["person/mario-bianchi~tessitura-2025-05-02-plant"])


def test_contradicting_judgements_change_nothing(project: Path) -> None:
    judgements = project / "judgements.csv"
    judgements.write_text("judgement,left,right,source,note\n"
                          "different,kgi:person/giovanni-rossi,kgi:person/gianni-rossi,analyst,\n",
                          encoding="utf-8")
    before = judgements.read_text(encoding="utf-8")
    people = holders(project)
    review = project / "review.csv"
    # Two merges that join, through a third entity, what the recorded line keeps apart.
    review.write_text("judgement,left,right\nsame,kgi:person/giovanni-rossi,kgi:person/mario-bianchi\n"
                      "same,kgi:person/mario-bianchi,kgi:person/gianni-rossi\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["resolve", "--apply", str(review)])
    assert result.exit_code == 2, result.output
    assert "different" in result.output and "line 2" in result.output
    assert judgements.read_text(encoding="utf-8") == before and holders(project) == people


@pytest.mark.parametrize(("content", "message"), [
    ("judgement,left,right\nmaybe,kgi:org/a,kgi:org/b\n", "line 2: judgement 'maybe'"),
    ("judgement,left,right\nsame,not an iri,kgi:org/b\n", "line 2: 'not an iri' is not an IRI"),
    ("left,right\nkgi:org/a,kgi:org/b\n", "missing columns: judgement"),
    ("judgement,left,right\nsame,kgi:org/a,kgi:org/a\n", "judged against itself"),
])
def test_a_malformed_judgements_file_is_a_clear_error_and_loads_nothing(
        project: Path, content: str, message: str) -> None:
    (project / "judgements.csv").write_text(content, encoding="utf-8")
    before = holders(project)
    (project / "releases" / "acimit-2025-03-03-figures.txt").write_text(
        "Milan, 3 March 2025 – Anna Verdi, President of Acimit, spoke.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build"])
    assert result.exit_code == 2 and message in result.output and "judgements.csv" in result.output
    assert holders(project) == before


def test_an_unknown_entity_in_a_review_is_refused(project: Path) -> None:
    review = project / "review.csv"
    review.write_text("judgement,left,right\nsame,kgi:person/giovanni-rossi,kgi:person/nobody\n",
                      encoding="utf-8")
    result = CliRunner().invoke(app, ["resolve", "--apply", str(review)])
    assert result.exit_code != 0 and "kgi:person/nobody is not an entity of the store" in result.output
    assert not (project / "judgements.csv").exists()


def test_resolver_unit_rules() -> None:
    r = Resolver([Judgement("same", "kgi:org/simac-tanning-tech", "kgi:org/simac-fair", line=2),
                  Judgement("same", "kgi:org/simac", "kgi:org/simac-fair", line=3),
                  Judgement("different", "kgi:org/assomac", "wd:Q42", line=4)])
    for key in ("simac-fair", "simac", "simac-tanning-tech"):
        assert r.resolve(KGI[f"org/{key}"], "any-release") == KGI["org/simac-tanning-tech"]
    assert r.resolve(KGI["org/acimit"], "any-release") == KGI["org/acimit"]
    assert r.rejected_links(KGI["org/assomac"]) == {"Q42"}
    assert parse_ref("kgi:org\\/assomac")[0] == KGI["org/assomac"]


def test_review_rows_left_undecided_are_skipped(tmp_path: Path) -> None:
    f = tmp_path / "r.csv"
    f.write_text("judgement,left,right\n,kgi:org/a,kgi:org/b\nunsure,kgi:org/c,kgi:org/d\n", encoding="utf-8")
    assert [j.judgement for j in read_judgements(f, undecided_ok=True)] == ["unsure"]

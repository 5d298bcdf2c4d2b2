"""The jobs the shells run: build, link, validate, and ``run`` (all of them in order)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from ._readback import read_back, release_graph
from .config import Settings
from .errors import EXIT_FINDINGS, InputError, KGraphError, ReleaseError
from .evaluation import Gold, ReleaseScore, load_gold, score
from .extract._budget import BudgetedExtractor
from .extract._iris import release_iri
from .extract._read import RELEASE_SUFFIXES, read_release
from .extract.base import Extractor, config_hash, get_extractor
from .extract.rdf import run_graph, to_graph
from .judgements import Resolver
from .model import (
    Document,
    DocumentInfo,
    Driver,
    Event,
    Extraction,
    Fact,
    MarketRelation,
    Membership,
    Mention,
    Observation,
    Organisation,
    OrgRelation,
    Person,
    Place,
    Priority,
    Quotation,
    Segment,
)
from .namespaces import KGG, PROV, bind_prefixes
from .ontology import ValidationReport, load_ontology, ontology_graph_name, validate
from .store import SelectResult, Store, open_store

__all__ = [
    "RunReport", "run", "link_offline", "write_network", "query_reports", "build", "BuildReport", "ReleaseReport", "BuildFailure",
    "read_back", "release_graph", "release_files", "FACT_KINDS", "RUNS_GRAPH", "DERIVED_GRAPH",
    "recompute_conflicts", "EvalReport", "evaluate", "gold_release_path",
    "load_ontology_into", "validate_store", "NON_RELEASE_GRAPHS", "describe_extractor",
    "rebuild", "stored_document", "resolution_graph",
]

NON_RELEASE_GRAPHS = frozenset(
    URIRef(KGG[name]) for name in ("ontology", "links", "wikidata", "codelists")
)
"""Graphs :func:`validate_store` leaves out: reference and enrichment data, not releases."""

RUNS_GRAPH = KGG["runs"]
DERIVED_GRAPH = KGG["derived"]

FACT_KINDS: dict[str, type] = {
    "organisations": Organisation, "people": Person, "places": Place,
    "memberships": Membership, "events": Event, "segments": Segment,
    "observations": Observation, "markets": MarketRelation, "relations": OrgRelation,
    "priorities": Priority, "drivers": Driver, "quotations": Quotation,
}
"""Fact kinds as the build summary counts them (column name -> model class)."""

Progress = Callable[[Path, int, int], None]
"""Called after each release file with (path, files done, files in total)."""

_CONFLICTS = """
CONSTRUCT { ?a kg:conflictsWith ?b }
WHERE {
  {
    SELECT ?i ?s ?p ?area ?cp ?u WHERE {
      ?o a qb:Observation ; kg:indicator ?i ; kg:scope ?s ; sdmx-dimension:refPeriod ?p ;
         sdmx-measure:obsValue ?v .
      OPTIONAL { ?o sdmx-dimension:refArea ?oa } OPTIONAL { ?o kg:counterpart ?oc }
      OPTIONAL { ?o sdmx-attribute:unitMeasure ?ou }
      BIND (COALESCE(?oa, kg:none) AS ?area) BIND (COALESCE(?oc, kg:none) AS ?cp)
      BIND (COALESCE(?ou, kg:none) AS ?u)
    } GROUP BY ?i ?s ?p ?area ?cp ?u HAVING (COUNT(DISTINCT ?v) > 1)
  }
  ?a a qb:Observation ; kg:indicator ?i ; kg:scope ?s ; sdmx-dimension:refPeriod ?p ;
     sdmx-measure:obsValue ?va ; kg:statedIn ?ra .
  ?b a qb:Observation ; kg:indicator ?i ; kg:scope ?s ; sdmx-dimension:refPeriod ?p ;
     sdmx-measure:obsValue ?vb ; kg:statedIn ?rb .
  FILTER (?a != ?b && ?ra != ?rb && ?va != ?vb)
  OPTIONAL { ?a sdmx-dimension:refArea ?aa } OPTIONAL { ?b sdmx-dimension:refArea ?ba }
  OPTIONAL { ?a kg:counterpart ?ca } OPTIONAL { ?b kg:counterpart ?cb }
  OPTIONAL { ?a sdmx-attribute:unitMeasure ?ua } OPTIONAL { ?b sdmx-attribute:unitMeasure ?ub }
  FILTER (COALESCE(?aa, kg:none) = ?area && COALESCE(?ba, kg:none) = ?area)
  FILTER (COALESCE(?ca, kg:none) = ?cp && COALESCE(?cb, kg:none) = ?cp)
  FILTER (COALESCE(?ua, kg:none) = ?u && COALESCE(?ub, kg:none) = ?u)
}
"""
# Two releases' claims of one post (person, organisation, role, unit) that date its start
# or its end differently.
_MEMBERSHIP_CONFLICTS = """
CONSTRUCT { ?a kg:conflictsWith ?b }
WHERE {
  ?a a org:Membership ; org:member ?p ; org:organization ?o ; org:role ?r ; kg:statedIn ?ra .
  ?b a org:Membership ; org:member ?p ; org:organization ?o ; org:role ?r ; kg:statedIn ?rb .
  FILTER (?a != ?b && ?ra != ?rb)
  OPTIONAL { ?a kg:inUnit ?ua } OPTIONAL { ?b kg:inUnit ?ub }
  FILTER (COALESCE(?ua, kg:none) = COALESCE(?ub, kg:none))
  { ?a org:memberDuring/time:hasBeginning/time:inXSDDate ?da .
    ?b org:memberDuring/time:hasBeginning/time:inXSDDate ?db . }
  UNION
  { ?a org:memberDuring/time:hasEnd/time:inXSDDate ?da .
    ?b org:memberDuring/time:hasEnd/time:inXSDDate ?db . }
  FILTER (?da != ?db)
}
"""
_REPLACE_RUN = """
DELETE {{ GRAPH <{runs}> {{ ?run ?p ?o }} }}
WHERE {{ GRAPH <{runs}> {{ ?run <{used}> <{release}> ; ?p ?o }} }}
"""


def _replace_release_update(name: URIRef, graph: Graph, release: URIRef, run: Graph, *,
                            resolution: tuple[URIRef, Graph] | None = None) -> str:
    """One SPARQL update (one transaction): replace the release graph, the release's
    run record inside ``kgg:runs`` without rewriting the other releases' records, and
    the release's resolution graph when given.

    Only IRIs kgraph minted (from an IRI-safe slug) and N-Triples serialised by rdflib
    reach the text; no value is formatted in unescaped.
    """
    for iri in (name, release, *(resolution[:1] if resolution else ())):
        if any(c in str(iri) for c in '<>"{}|^`\\ '):
            raise ReleaseError(f"unsafe IRI {iri}")
    parts = [
        f"DROP SILENT GRAPH <{name}>",
        f"INSERT DATA {{ GRAPH <{name}> {{\n{graph.serialize(format='nt')}\n}} }}",
        _REPLACE_RUN.format(runs=RUNS_GRAPH, used=PROV.used, release=release),
        f"INSERT DATA {{ GRAPH <{RUNS_GRAPH}> {{\n{run.serialize(format='nt')}\n}} }}",
    ]
    if resolution is not None:
        rname, rgraph = resolution
        parts.append(f"DROP SILENT GRAPH <{rname}>")
        if len(rgraph):
            parts.append(f"INSERT DATA {{ GRAPH <{rname}> {{\n{rgraph.serialize(format='nt')}\n}} }}")
    return " ;\n".join(parts)


@dataclass
class RunReport:
    """What a job did, as lines a shell may print, and the exit code it implies."""

    lines: list[str] = field(default_factory=list)
    exit_code: int = 0


@dataclass
class ReleaseReport:
    """One release loaded: its graph, facts by kind and warnings."""

    slug: str
    path: Path
    graph: URIRef
    counts: dict[str, int]
    warnings: list[str] = field(default_factory=list)
    triples: int = 0
    encoding: str = "utf-8"  # the charset the file was read with


@dataclass
class BuildFailure:
    """A file that did not load (the store kept its previous state for it)."""

    path: Path
    message: str


@dataclass
class BuildReport:
    """What :func:`build` did: releases loaded, failures, conflicts flagged."""

    releases: list[ReleaseReport] = field(default_factory=list)
    failures: list[BuildFailure] = field(default_factory=list)
    conflicts: int = 0
    extractor: Extractor | None = None  # the extractor that read the releases

    @property
    def exit_code(self) -> int:
        """1 when any file failed to load, else 0."""
        return EXIT_FINDINGS if self.failures else 0

    @property
    def warnings(self) -> list[str]:
        return [f"{r.path}: {w}" for r in self.releases for w in r.warnings]

    def lines(self) -> list[str]:
        out = [f"built {len(self.releases)} release(s), {len(self.failures)} failure(s), "
               f"{self.conflicts} conflicting observation pair(s)"]
        if self.extractor is not None:
            out.append(f"  extractor: {describe_extractor(self.extractor)}")
        for r in self.releases:
            facts = ", ".join(f"{n} {k}" for k, n in r.counts.items() if n)
            read_as = f" (read as {r.encoding})" if r.encoding != "utf-8" else ""
            out.append(f"  {r.slug}: {facts or 'no facts'}{read_as}")
        out.extend(f"warning: {w}" for w in self.warnings)
        out.extend(f"failed: {f.path}: {f.message}" for f in self.failures)
        return out


def describe_extractor(extractor: Extractor) -> str:
    """``rules 0.1.0 (config sha256 943fada3fdde)``: what a run record says, in one line."""
    return f"{extractor.name} {extractor.version} (config sha256 {config_hash(extractor.config)[:12]})"


def release_files(paths: Sequence[str | Path]) -> list[Path]:
    """The release files named by ``paths``: files as given, directories expanded to their
    ``*.txt``, ``*.md``, ``*.html``, ``*.htm`` files (recursively), sorted.

    Raises:
        ReleaseError: a path does not exist, or a directory holds no release file.
    """
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in RELEASE_SUFFIXES)
            if not found:
                raise ReleaseError(
                    f"no release files ({', '.join('*' + s for s in RELEASE_SUFFIXES)}) in the folder",
                    source=p)
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise ReleaseError("no such file or folder", source=p)
    return list(dict.fromkeys(files))


def _counts(facts: Sequence[Fact]) -> dict[str, int]:
    by_class = Counter(type(f) for f in facts)
    return {kind: by_class.get(cls, 0) for kind, cls in FACT_KINDS.items()}


def _validate(graph: Graph, source: Path) -> None:
    """SHACL-validate one release graph against ``ontology/shapes.ttl``.

    Raises:
        ValidationFailed: the graph violates the shapes (the release is not loaded).
    """
    from . import _shapes

    _shapes.validate_release(graph, source=source)


def _load_one(store: Store, path: Path, settings: Settings, seen: dict[str, Path],
              extractor: BudgetedExtractor, resolver: Resolver) -> ReleaseReport:
    document = read_release(path, max_bytes=settings.max_release_bytes)
    _check_unique(document.slug, path, seen)
    report = _load_document(store, document, path, extractor, resolver)
    seen[document.slug] = path
    return report


def _check_unique(slug: str, path: Path, seen: dict[str, Path]) -> None:
    if slug in seen:
        raise ReleaseError(f"same release name {slug!r} as {seen[slug]} "
                           "(file names must be unique: the name is the release's graph)",
                           source=path)


def _load_document(store: Store, document: Document, path: Path, extractor: BudgetedExtractor,
                   resolver: Resolver) -> ReleaseReport:
    update, report = _prepare_document(document, path, extractor, resolver)
    store.update_generated(update)
    return report


def _prepare_document(document: Document, path: Path, extractor: BudgetedExtractor,
                      resolver: Resolver) -> tuple[str, ReleaseReport]:
    """Everything but the write: the release's update text (validated) and its report."""
    started = dt.datetime.now(dt.UTC)
    # Within the time budget; a bug in extraction is a ReleaseError, not the end of the build.
    extraction = extractor.extract(document)
    # The report names the file once; extraction's own "no facts" line is said below.
    warnings = [w.removeprefix(f"{document.path}: ").removeprefix(f"{document.slug}: ")
                for w in extraction.warnings if "no recognisable facts" not in w]
    left_out: list[Fact] = []
    resolution = Graph()
    graph = to_graph(extraction, warnings=warnings, left_out=left_out, resolver=resolver,
                     resolution=resolution)
    kept = [f for f in extraction.facts if not any(f is x for x in left_out)]
    counts = _counts(kept)
    if not any(counts.values()):
        warnings.append("no recognisable facts: loaded the document node only")
    _validate(graph, path)
    name = release_graph(document.slug)
    run = run_graph(extraction, started=started, ended=dt.datetime.now(dt.UTC),
                    extractor=extractor.extractor)
    update = _replace_release_update(name, graph, release_iri(document.slug), run,
                                     resolution=(resolution_graph(document.slug), resolution))
    return update, ReleaseReport(document.slug, path, name, counts, warnings, len(graph),
                                 encoding=document.encoding)


# What a build worker process works with: set in the parent before the pool forks.
_WORKER: dict[str, object] = {}


def _worker_prepare(path: Path) -> tuple[str, str | ReleaseReport, str]:
    """In a build worker: ``("ok", report, update)`` or ``("failed", message, slug)``."""
    settings, chosen, resolver = _WORKER["settings"], _WORKER["extractor"], _WORKER["resolver"]
    assert isinstance(settings, Settings) and isinstance(resolver, Resolver)
    runner = _WORKER.get("runner")
    if runner is None:
        runner = _WORKER["runner"] = BudgetedExtractor(chosen, settings.extract_budget)  # type: ignore[arg-type]
    assert isinstance(runner, BudgetedExtractor)
    slug = ""
    try:
        document = read_release(path, max_bytes=settings.max_release_bytes)
        slug = document.slug
        update, report = _prepare_document(document, path, runner, resolver)
    except KGraphError as exc:
        return "failed", exc.message, slug
    return "ok", report, update


def _build_parallel(store: Store, files: list[Path], settings: Settings, chosen: Extractor,
                    resolver: Resolver, workers: int, report: BuildReport,
                    progress: Progress | None) -> None:
    """Read, extract, turn into RDF and validate in ``workers`` forked processes; write
    each release in this process, in file order, one atomic update each. At most
    ``2 * workers`` releases are in flight, so memory does not grow with the build."""
    import multiprocessing as mp
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    # Warm the extractor and the validator once here: every worker forks from a warm parent.
    BudgetedExtractor(chosen, None)._warm_up()
    from ._shapes import release_validator

    release_validator()
    _WORKER.update(settings=settings, extractor=chosen, resolver=resolver)
    seen: dict[str, Path] = {}
    pending: deque[tuple[Path, Future[tuple[str, str | ReleaseReport, str]]]] = deque()
    done = 0
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            todo = iter(files)
            while True:
                while len(pending) < 2 * workers:
                    path = next(todo, None)
                    if path is None:
                        break
                    pending.append((path, pool.submit(_worker_prepare, path)))
                if not pending:
                    break
                path, future = pending.popleft()
                try:
                    kind, payload, extra = future.result()
                    if kind == "ok":
                        assert isinstance(payload, ReleaseReport)
                        _check_unique(payload.slug, path, seen)
                        store.update_generated(extra)
                        seen[payload.slug] = path
                        report.releases.append(payload)
                    else:
                        if extra:
                            _check_unique(extra, path, seen)
                        report.failures.append(BuildFailure(path, str(payload)))
                except KGraphError as exc:
                    report.failures.append(BuildFailure(path, exc.message))
                except Exception as exc:  # noqa: BLE001 - a dead worker fails its release only
                    report.failures.append(BuildFailure(path, f"the build worker failed: "
                                                              f"{type(exc).__name__}: {exc}"))
                done += 1
                if progress is not None:
                    progress(path, done, len(files))
    finally:
        _WORKER.clear()


def resolution_graph(slug: str) -> URIRef:
    """The graph of a release's local entities and what they resolve to."""
    return KGG[f"resolution/{slug}"]


def recompute_conflicts(store: Store) -> int:
    """Replace ``kgg:derived`` by the ``kg:conflictsWith`` pairs between observations of
    different releases with equal indicator, scope, area, counterpart, period and unit and
    different values, and between memberships of different releases naming one person,
    organisation, role and unit with different start or end dates. Returns the number of
    conflicting pairs (each counted once)."""
    g = store.query(_CONFLICTS)
    assert isinstance(g, Graph)
    posts = store.query(_MEMBERSHIP_CONFLICTS)
    assert isinstance(posts, Graph)
    g += posts
    store.replace_graphs({DERIVED_GRAPH: bind_prefixes(g)})
    return len(g) // 2


def build(store: Store, paths: Sequence[str | Path], *, settings: Settings | None = None,
          progress: Progress | None = None, extractor: str | Extractor | None = None,
          workers: int = 1) -> BuildReport:
    """Load release files into ``store``, one named graph per release.

    ``extractor`` is an extractor name (see :func:`kgraph.extract.get_extractor`) or
    instance; by default ``settings.extractor`` (``KGRAPH_EXTRACTOR``, else ``rules``). Its
    name, version and configuration hash are recorded in each release's run (``kgg:runs``).

    Each release is read, extracted, turned into RDF, validated against the SHACL shapes
    and loaded with its run record in one atomic replacement: a file that fails leaves the
    store exactly as it was and the others still load. Then ``kgg:derived`` (conflicts) is
    recomputed over the whole store.

    ``workers`` > 1 reads, extracts, converts and validates in that many forked worker
    processes (where ``fork`` exists); the releases are still written by this process, in
    file order, with the same results as a serial build.

    Raises:
        ReleaseError: a path does not exist or a folder holds no release file (nothing
            is loaded). Failures of single files are reported in the result instead.
        ExtractorError: no extractor has that name, or it cannot be loaded (nothing is
            loaded).
        InputError: the judgements file (``settings.judgements``) is malformed or
            contradicts itself (nothing is loaded).
    """
    settings = settings or Settings()
    chosen = get_extractor(extractor if extractor is not None else settings.extractor)
    resolver = Resolver.from_file(settings.judgements)
    files = release_files(paths)
    report = BuildReport(extractor=chosen)
    if workers > 1 and len(files) > 1 and hasattr(os, "fork"):
        _build_parallel(store, files, settings, chosen, resolver, min(workers, len(files)),
                        report, progress)
        report.conflicts = recompute_conflicts(store)
        return report
    seen: dict[str, Path] = {}
    with BudgetedExtractor(chosen, settings.extract_budget) as runner:
        for i, path in enumerate(files, 1):
            try:
                report.releases.append(_load_one(store, path, settings, seen, runner, resolver))
            except KGraphError as exc:
                report.failures.append(BuildFailure(path, exc.message))
            if progress is not None:
                progress(path, i, len(files))
    report.conflicts = recompute_conflicts(store)
    return report


_STORED_DOCUMENT = """
SELECT ?text ?lang ?file WHERE {
  GRAPH ?g { ?r a kg:PressRelease ; schema:text ?text .
             OPTIONAL { ?r dct:language ?lang } OPTIONAL { ?r kg:sourceFile ?file } }
} LIMIT 1"""


def stored_document(store: Store, slug: str) -> Document:
    """A release as the store keeps it: its text exactly as built (every offset indexes
    into it), language and file name.

    Raises:
        ReleaseError: the store has no such release.
    """
    rows = store.query(_STORED_DOCUMENT, bindings={"r": release_iri(slug)})
    assert isinstance(rows, SelectResult)
    row = next(iter(rows), None)
    if row is None:
        raise ReleaseError("no such release in the store", source=slug)
    text = str(row["text"])
    return Document(slug=slug, path=str(row["file"] or slug), text=text,
                    language=str(row["lang"] or "en"),
                    sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


def rebuild(store: Store, slugs: Sequence[str], *, settings: Settings | None = None,
            extractor: str | Extractor | None = None) -> BuildReport:
    """Build again, from the text stored in the graph, the releases ``slugs`` (after new
    judgements, or a new extractor): no release file is needed. Then ``kgg:derived`` is
    recomputed.

    Raises:
        ExtractorError, InputError: as for :func:`build` (nothing is rebuilt).
    """
    settings = settings or Settings()
    chosen = get_extractor(extractor if extractor is not None else settings.extractor)
    resolver = Resolver.from_file(settings.judgements)
    report = BuildReport(extractor=chosen)
    with BudgetedExtractor(chosen, settings.extract_budget) as runner:
        for slug in slugs:
            try:
                document = stored_document(store, slug)
                report.releases.append(
                    _load_document(store, document, Path(document.path), runner, resolver))
            except KGraphError as exc:
                report.failures.append(BuildFailure(Path(slug), exc.message))
    report.conflicts = recompute_conflicts(store)
    return report


@dataclass
class EvalReport:
    """Scores of the graph built from the releases named by gold files."""

    scores: list[ReleaseScore] = field(default_factory=list)
    build: BuildReport = field(default_factory=BuildReport)

    @property
    def total(self) -> ReleaseScore:
        return sum(self.scores, ReleaseScore([]))

    @property
    def exit_code(self) -> int:
        return self.build.exit_code

    def as_dict(self) -> dict[str, object]:
        total = self.total
        out: dict[str, object] = {"total": total.as_dict()}
        x = self.build.extractor
        if x is not None:
            out["extractor"] = {"name": x.name, "version": x.version,
                                "config_hash": config_hash(x.config)}
        out["rules"] = {r: v.as_dict() for r, v in total.rules.items()}
        out["releases"] = {s.releases[0]: s.as_dict() for s in self.scores}
        out["failures"] = [{"path": str(f.path), "message": f.message} for f in self.build.failures]
        return out


def gold_release_path(gold: Gold, *, releases_dir: str | Path | None = None) -> Path:
    """The release file a gold file is about: ``release:`` is relative to ``releases_dir``,
    by default the ``releases`` folder beside the gold folder (``shared/gold/dev/x.yaml``
    -> ``shared/releases/dev/x.txt``).

    Raises:
        InputError: the release file cannot be found.
    """
    if releases_dir is not None:
        candidate = Path(releases_dir) / gold.release
        if candidate.is_file():
            return candidate
        raise InputError(f"release {gold.release!r} not found in {releases_dir}", source=gold.path)
    for folder in Path(gold.path).resolve().parents:
        candidate = folder / "releases" / gold.release
        if candidate.is_file():
            return candidate
    raise InputError(f"release {gold.release!r} not found in a releases folder beside the gold "
                     "folder (use --releases DIR)", source=gold.path)


def evaluate(gold_paths: Sequence[str | Path], *, releases_dir: str | Path | None = None,
             settings: Settings | None = None,
             extractor: str | Extractor | None = None) -> EvalReport:
    """Build the releases the gold files name in a temporary in-memory store with
    ``extractor`` (as :func:`build` picks it), read the facts back from the graph and score
    them against the gold files, per kind and per extraction rule.

    Raises:
        InputError: a gold file cannot be read, or its release cannot be found.
        ExtractorError: no extractor has that name, or it cannot be loaded.
    """
    golds = [load_gold(p) for p in gold_paths]
    files = [gold_release_path(g, releases_dir=releases_dir) for g in golds]
    report = EvalReport()
    with open_store("memory:") as store:
        report.build = build(store, files, settings=settings, extractor=extractor)
        loaded = {r.slug for r in report.build.releases}
        for gold, path in zip(golds, files, strict=True):
            slug = path.stem
            if slug in loaded:
                predicted = read_back(store, slug)
            else:  # failed to load: score an empty graph, so every gold fact is a miss
                predicted = Extraction(Document(slug, str(path), ""), DocumentInfo(Mention("", 0, 0)))
            report.scores.append(score(predicted, gold))
    return report

def load_ontology_into(store: Store) -> int:
    """Replace graph ``kgg:ontology`` by the ontology and the schemes; return its size.

    Raises:
        ConfigError: the ontology folder is missing.
        RDFSyntaxError: an ontology file does not parse (the store is left as it was).
        StoreError, ServiceUnavailable: the store refused the update.
    """
    graph = load_ontology()
    store.replace_graph(ontology_graph_name(), graph)
    return len(graph)


def validate_store(store: Store) -> ValidationReport:
    """Validate the union of the store's release graphs (every graph but ontology, links,
    wikidata and codelists) against the shapes, with the ontology files.

    Raises:
        ConfigError: the ontology folder is missing.
        RDFSyntaxError: an ontology or shapes file does not parse.
        ServiceUnavailable: a remote store could not be read.
    """
    union = Graph()
    names = [g for g in store.graphs() if g not in NON_RELEASE_GRAPHS]
    for name in names:
        for triple in store.graph(name):
            union.add(triple)
    return validate(union)


def link_offline(store: Store, settings: Settings) -> list[str]:
    """Link stage without network: curated Wikidata links, code lists, cached answers.

    Raises:
        InputError: a curated-links or code-list file is malformed.
    """
    from .link import link_offline as _link_offline

    linked = _link_offline(store, settings)
    return [f"warning: {w}" for w in linked.warnings] + linked.lines


def run(settings: Settings) -> RunReport:
    """The main job: every stage that exists so far, in order, on ``settings.store``."""
    report = RunReport()
    with open_store(settings.store) as store:
        size = load_ontology_into(store)
        report.lines.append(f"ontology: {size} triples in {ontology_graph_name()}")
        built = build(store, [settings.releases], settings=settings)
        report.lines.extend(built.lines())
        report.exit_code = max(report.exit_code, built.exit_code)
        report.lines.extend(link_offline(store, settings))
        validation = validate_store(store)
        report.lines.append(f"validation: {validation.summary()}")
        if not validation.conforms:
            report.lines.extend(f"  {r.describe()}" for r in validation.violations)
            report.exit_code = max(report.exit_code, 1)
        report.lines.append(f"store {store.url}: {len(store)} quads")
        report.lines += query_reports(store, settings.out, timeout=settings.query_timeout)
        page = write_network(store, settings)
        report.lines.append(f"network page: {page}")
    return report


def write_network(store: Store, settings: Settings) -> Path:
    """Write the whole-graph interactive page to ``settings.out / "network.html"``.

    Raises:
        InputError: the page cannot be written.
    """
    from . import viz

    graph = viz.project(store, timeout=settings.query_timeout or None)
    return viz.write_html(graph, settings.out / "network.html", title="kgraph: knowledge graph")


def query_reports(store: Store, out: Path, *, timeout: float | None = None) -> list[str]:
    """Run every named SELECT query that needs no parameter and reaches no other server, and
    write ``out/queries/NAME.csv`` (plain values, one row per result); one line per file.

    Raises:
        QueryTimeout: a query ran longer than ``timeout`` seconds.
        OSError: ``out`` cannot be written.
    """
    from .link import uses_service
    from .queries import QueryLibrary

    folder = Path(out) / "queries"
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for q in QueryLibrary().list():
        # Federated queries need the network and --allow-federation: never in the offline job.
        if q.form != "SELECT" or any(p.required for p in q.params) or uses_service(q.text):
            continue
        res = store.query(q.text, bindings=q.bindings(), timeout=timeout, source=str(q.path))
        assert isinstance(res, SelectResult)
        target = folder / f"{q.name}.csv"
        with target.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(res.vars)
            for row in res:
                w.writerow(["" if row.get(v) is None else str(row[v]) for v in res.vars])
        lines.append(f"{target}: {len(res)} rows ({q.title})")
    return lines

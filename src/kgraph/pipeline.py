"""The jobs the shells run: build, link, validate, and ``run`` (all of them in order)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef

from ._readback import read_back, release_graph
from .config import Settings, __version__
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
from .namespaces import KG, KGG, PROV, bind_prefixes
from .ontology import (
    ONTOLOGY_FILES,
    SHAPES_FILE,
    ValidationReport,
    load_ontology,
    ontology_file,
    ontology_graph_name,
    validate,
)
from .store import SelectResult, Store, open_store

__all__ = [
    "RunReport", "run", "link_offline", "write_network", "query_reports", "build", "BuildReport", "ReleaseReport", "BuildFailure",
    "read_back", "release_graph", "release_files", "FACT_KINDS", "RUNS_GRAPH", "DERIVED_GRAPH",
    "recompute_conflicts", "EvalReport", "evaluate", "gold_release_path",
    "load_ontology_into", "validate_store", "NON_RELEASE_GRAPHS", "describe_extractor",
    "rebuild", "stored_document", "resolution_graph", "build_environment", "stored_build_keys",
    "feed_releases",
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
    # What the extractor counted (llm/hybrid: facts accepted, rejected by reason, tokens)
    extractor_counts: dict[str, int] = field(default_factory=dict)


@dataclass
class BuildFailure:
    """A file or URL that did not load (the store kept its previous state for it)."""

    path: Path | str
    message: str


@dataclass
class BuildReport:
    """What :func:`build` did: releases loaded, releases skipped as unchanged, failures,
    conflicts flagged."""

    releases: list[ReleaseReport] = field(default_factory=list)
    failures: list[BuildFailure] = field(default_factory=list)
    conflicts: int = 0
    extractor: Extractor | None = None  # the extractor that read the releases
    skipped: list[Path] = field(default_factory=list)  # unchanged since the last build
    notes: list[str] = field(default_factory=list)  # warnings not about one built release

    @property
    def exit_code(self) -> int:
        """1 when any file failed to load, else 0."""
        return EXIT_FINDINGS if self.failures else 0

    @property
    def warnings(self) -> list[str]:
        return [*self.notes, *(f"{r.path}: {w}" for r in self.releases for w in r.warnings)]

    @property
    def nothing_built(self) -> str | None:
        """The line saying a build had nothing to do, or ``None`` when it did something."""
        if self.skipped and not self.releases and not self.failures:
            return (f"nothing to build: all {len(self.skipped)} release(s) are unchanged since "
                    "the last build (--force rebuilds them)")
        return None

    def lines(self) -> list[str]:
        out = [f"built {len(self.releases)} release(s), skipped {len(self.skipped)} unchanged, "
               f"{len(self.failures)} failure(s), {self.conflicts} conflicting observation pair(s)"]
        if self.nothing_built:
            out.append(f"  {self.nothing_built}")
        if self.extractor is not None:
            out.append(f"  extractor: {describe_extractor(self.extractor)}")
        for r in self.releases:
            facts = ", ".join(f"{n} {k}" for k, n in r.counts.items() if n)
            read_as = f" (read as {r.encoding})" if r.encoding != "utf-8" else ""
            out.append(f"  {r.slug}: {facts or 'no facts'}{read_as}")
            if r.extractor_counts:
                out.append(f"    {describe_counts(r.extractor_counts)}")
        out.extend(f"warning: {w}" for w in self.warnings)
        out.extend(f"failed: {f.path}: {f.message}" for f in self.failures)
        return out


def describe_extractor(extractor: Extractor) -> str:
    """``rules 0.1.0 (config sha256 943fada3fdde)``: what a run record says, in one line."""
    return f"{extractor.name} {extractor.version} (config sha256 {config_hash(extractor.config)[:12]})"


def describe_counts(counts: dict[str, int]) -> str:
    """``12 accepted, 3 rejected (quote-not-found 2, period-not-stated 1), 5210 tokens``."""
    rejected = {k.removeprefix("rejected:"): n for k, n in counts.items() if k.startswith("rejected:")}
    why = ", ".join(f"{k} {n}" for k, n in sorted(rejected.items()))
    out = f"{counts.get('llm-accepted', 0)} accepted, {sum(rejected.values())} rejected"
    return out + (f" ({why})" if why else "") + f", {counts.get('llm-tokens', 0)} tokens"


def _configured(extractor: str | Extractor | None, settings: Settings | None) -> Extractor:
    """The chosen extractor; one picked by name that takes settings (llm, hybrid) is set up
    from ``settings`` when they are given (else it reads its ``KGRAPH_*`` variables itself).
    An extractor instance is used as it is."""
    chosen = get_extractor(extractor if extractor is not None else (settings or Settings()).extractor)
    configure = getattr(chosen, "configure", None)
    if settings is None or not callable(configure) or not (extractor is None or isinstance(extractor, str)):
        return chosen
    configured: Extractor = configure(settings)
    return configured


def _prepare(extractor: Extractor, documents: Iterable[Document]) -> None:
    """Let an extractor that asks a service do all its asking before the store is touched:
    if the service keeps failing the build ends (exit 3) with the store as it was."""
    prepare = getattr(extractor, "prepare", None)
    if callable(prepare):
        prepare(documents)


def _readable(files: Sequence[Path], settings: Settings) -> Iterator[Document]:
    for path in files:
        try:
            yield read_release(path, max_bytes=settings.max_release_bytes)
        except KGraphError:
            continue  # reported when the file is loaded


def _stored(store: Store, slugs: Sequence[str]) -> Iterator[Document]:
    for slug in slugs:
        try:
            yield stored_document(store, slug)
        except KGraphError:
            continue  # reported when the release is rebuilt


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


_BUILD_KEYS = """
SELECT ?release ?key WHERE { GRAPH ?runs { ?run prov:used ?release ; kg:buildKey ?key } }"""


def _file_digest(path: Path | None) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path is not None else ""
    except OSError:  # a missing judgements file is the empty one
        return ""


def build_environment(extractor: Extractor, settings: Settings) -> str:
    """The digest of what, besides its text, makes a release's graph: the extractor's name,
    version and configuration, the kgraph version, the judgements, the shapes and the
    ontology axioms. Combined with the text's SHA-256 it is the release's ``kg:buildKey``."""
    parts = {
        "extractor": [extractor.name, extractor.version, config_hash(extractor.config)],
        "kgraph": __version__,
        "judgements": _file_digest(Path(settings.judgements)),
        "shapes": _file_digest(ontology_file(SHAPES_FILE)),
        "ontology": _file_digest(ontology_file(ONTOLOGY_FILES[0])),
    }
    return hashlib.sha256(repr(sorted(parts.items())).encode("utf-8")).hexdigest()


def _build_key(document: Document, environment: str) -> str:
    return hashlib.sha256(f"{document.sha256}\n{environment}".encode()).hexdigest()


def stored_build_keys(store: Store) -> dict[URIRef, str]:
    """Release IRI -> the ``kg:buildKey`` of its last build, from ``kgg:runs``."""
    rows = store.query(_BUILD_KEYS, bindings={"runs": RUNS_GRAPH})
    assert isinstance(rows, SelectResult)
    return {r["release"]: str(r["key"]) for r in rows if isinstance(r["release"], URIRef)}


def _load_one(store: Store, path: Path, settings: Settings, seen: dict[str, Path],
              extractor: BudgetedExtractor, resolver: Resolver, *, environment: str,
              known: dict[URIRef, str], url: str | None = None,
              feed_date: dt.date | None = None) -> ReleaseReport | None:
    """Build one release file (the cached copy of ``url`` when given, ``feed_date`` the
    date a feed gave it); ``None`` when its build key is the one ``known`` holds."""
    document = read_release(path, max_bytes=settings.max_release_bytes)
    document = _with_origin(document, url, feed_date)
    _check_unique(document.slug, path, seen)
    key = _build_key(document, environment)
    seen[document.slug] = path
    if known.get(release_iri(document.slug)) == key:
        return None
    return _load_document(store, document, path, extractor, resolver, key=key)


def _check_unique(slug: str, path: Path, seen: dict[str, Path]) -> None:
    if slug in seen:
        raise ReleaseError(f"same release name {slug!r} as {seen[slug]} "
                           "(file names must be unique: the name is the release's graph)",
                           source=path)


def _load_document(store: Store, document: Document, path: Path, extractor: BudgetedExtractor,
                   resolver: Resolver, *, key: str | None = None) -> ReleaseReport:
    update, report = _prepare_document(document, path, extractor, resolver, key=key)
    store.update_generated(update)
    return report


def _with_origin(document: Document, url: str | None, feed_date: dt.date | None) -> Document:
    """The document with the page it was fetched from and the date its feed gave it."""
    if url is not None:
        document = replace(document, source_url=url)
    if document.metadata_date is None and feed_date is not None:
        document = replace(document, metadata_date=feed_date, metadata_date_source="feed-metadata")
    return document


def _prepare_document(document: Document, path: Path, extractor: BudgetedExtractor,
                      resolver: Resolver, *, key: str | None = None) -> tuple[str, ReleaseReport]:
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
    if key is not None:
        for activity in run.subjects(RDF.type, KG.ExtractionRun):
            run.add((activity, KG.buildKey, Literal(key)))
    update = _replace_release_update(name, graph, release_iri(document.slug), run,
                                     resolution=(resolution_graph(document.slug), resolution))
    return update, ReleaseReport(document.slug, path, name, counts, warnings, len(graph),
                                 encoding=document.encoding,
                                 extractor_counts=dict(extraction.counts))


# What a build worker process works with: set in the parent before the pool forks.
_WORKER: dict[str, object] = {}


def _worker_prepare(job: tuple[Path, str | None, dt.date | None]
                    ) -> tuple[str, str | ReleaseReport | None, str]:
    """In a build worker: ``("ok", report, update)``, ``("skipped", None, slug)`` (its
    build key is the stored one) or ``("failed", message, slug)``."""
    path, url, feed_date = job
    settings, chosen, resolver = _WORKER["settings"], _WORKER["extractor"], _WORKER["resolver"]
    assert isinstance(settings, Settings) and isinstance(resolver, Resolver)
    runner = _WORKER.get("runner")
    if runner is None:
        runner = _WORKER["runner"] = BudgetedExtractor(chosen, settings.extract_budget)  # type: ignore[arg-type]
    assert isinstance(runner, BudgetedExtractor)
    slug = ""
    try:
        document = _with_origin(read_release(path, max_bytes=settings.max_release_bytes),
                                url, feed_date)
        slug = document.slug
        key = _build_key(document, str(_WORKER["environment"]))
        known = _WORKER["known"]
        assert isinstance(known, dict)
        if known.get(release_iri(slug)) == key:
            return "skipped", None, slug
        update, report = _prepare_document(document, path, runner, resolver, key=key)
    except KGraphError as exc:
        return "failed", exc.message, slug
    return "ok", report, update


def _build_parallel(store: Store, jobs: list[tuple[Path, str | None, dt.date | None]],
                    settings: Settings, chosen: Extractor, resolver: Resolver, workers: int,
                    report: BuildReport, progress: Progress | None, *, environment: str,
                    known: dict[URIRef, str]) -> None:
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
    _WORKER.update(settings=settings, extractor=chosen, resolver=resolver,
                   environment=environment, known=known)
    seen: dict[str, Path] = {}
    Answer = tuple[str, str | ReleaseReport | None, str]
    pending: deque[tuple[tuple[Path, str | None, dt.date | None], Future[Answer]]] = deque()
    done = 0
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            todo = iter(jobs)
            while True:
                while len(pending) < 2 * workers:
                    job = next(todo, None)
                    if job is None:
                        break
                    pending.append((job, pool.submit(_worker_prepare, job)))
                if not pending:
                    break
                (path, url, _date), future = pending.popleft()
                try:
                    kind, payload, extra = future.result()
                    if kind == "ok":
                        assert isinstance(payload, ReleaseReport)
                        _check_unique(payload.slug, path, seen)
                        store.update_generated(extra)
                        seen[payload.slug] = path
                        report.releases.append(payload)
                    elif kind == "skipped":
                        _check_unique(extra, path, seen)
                        seen[extra] = path
                        report.skipped.append(path)
                    else:
                        if extra:
                            _check_unique(extra, path, seen)
                        report.failures.append(BuildFailure(url or path, str(payload)))
                except KGraphError as exc:
                    report.failures.append(BuildFailure(url or path, exc.message))
                except Exception as exc:  # noqa: BLE001 - a dead worker fails its release only
                    report.failures.append(BuildFailure(url or path, f"the build worker failed: "
                                                                     f"{type(exc).__name__}: {exc}"))
                done += 1
                if progress is not None:
                    progress(path, done, len(jobs))
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
          force: bool = False, feed_dates: Mapping[str, dt.date] | None = None,
          workers: int = 1) -> BuildReport:
    """Load release files into ``store``, one named graph per release.

    A release whose build key (``kg:buildKey``: its text, the extractor's name, version and
    configuration, the kgraph version, the judgements, the shapes and the ontology axioms)
    is the one of its last build is skipped (``report.skipped``) unless ``force``.

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
    chosen = _configured(extractor, settings)
    settings = settings or Settings()
    resolver = Resolver.from_file(settings.judgements)
    from .fetch import fetch_release, is_url

    urls = [str(p) for p in paths if is_url(p)]
    local = [p for p in paths if not is_url(p)]
    items: list[Path | str] = [*(release_files(local) if local or not urls else []), *urls]
    report = BuildReport(extractor=chosen)
    seen: dict[str, Path] = {}
    environment = build_environment(chosen, settings)
    known = {} if force else stored_build_keys(store)
    # Pages are fetched first, so that an extractor that asks a service prepares them too.
    fetched: dict[str, Path] = {}
    for address in urls:
        try:
            page = fetch_release(address, settings)
        except KGraphError as exc:
            report.failures.append(BuildFailure(address, exc.message))
            continue
        if page.warning:
            report.notes.append(page.warning)
        fetched[address] = page.path
    sources = [(item, fetched[item] if isinstance(item, str) else item) for item in items
               if not isinstance(item, str) or item in fetched]
    # Only the releases that will be built are prepared (no service asked about the rest).
    _prepare(chosen, (d for d in _readable([path for _, path in sources], settings)
                      if known.get(release_iri(d.slug)) != _build_key(d, environment)))
    if workers > 1 and len(sources) > 1 and hasattr(os, "fork"):
        jobs = [(path, item if isinstance(item, str) else None,
                 (feed_dates or {}).get(item) if isinstance(item, str) else None)
                for item, path in sources]
        _build_parallel(store, jobs, settings, chosen, resolver, min(workers, len(jobs)),
                        report, progress, environment=environment, known=known)
    else:
        _build_serial(store, sources, settings, seen, chosen, resolver, report, progress,
                      environment=environment, known=known, feed_dates=feed_dates)
    # Nothing written, nothing to compare again: the derived graph still holds the pairs.
    report.conflicts = (recompute_conflicts(store) if report.releases or not report.skipped
                        else len(store.graph(DERIVED_GRAPH)) // 2)
    return report


def _build_serial(store: Store, sources: list[tuple[Path | str, Path]], settings: Settings,
                  seen: dict[str, Path], chosen: Extractor, resolver: Resolver,
                  report: BuildReport, progress: Progress | None, *, environment: str,
                  known: dict[URIRef, str], feed_dates: Mapping[str, dt.date] | None) -> None:
    with BudgetedExtractor(chosen, settings.extract_budget) as runner:
        for i, (item, path) in enumerate(sources, 1):
            url = item if isinstance(item, str) else None
            try:
                built = _load_one(store, path, settings, seen, runner, resolver,
                                  environment=environment, known=known, url=url,
                                  feed_date=(feed_dates or {}).get(url or ""))
                if built is None:
                    report.skipped.append(path)
                else:
                    report.releases.append(built)
            except KGraphError as exc:
                report.failures.append(BuildFailure(item, exc.message))
            if progress is not None:
                progress(path, i, len(sources))


_SOURCES = """
SELECT DISTINCT ?src WHERE { ?r a kg:PressRelease ; dct:source ?src }"""


def feed_releases(store: Store, feeds: Sequence[str], settings: Settings) -> tuple[
        list[str], dict[str, dt.date], list[str]]:
    """The pages the feeds list that the store has no release of yet (by ``dct:source``),
    the date each feed gives them, and one line per feed.

    Raises:
        ReleaseError: a feed cannot be fetched or read (the feeds extra is missing, an
            error status, not a feed...).
    """
    from .extract.rdf import source_iri
    from .fetch import read_feed

    rows = store.query(_SOURCES)
    assert isinstance(rows, SelectResult)
    known = {str(r["src"]) for r in rows}
    urls: list[str] = []
    dates: dict[str, dt.date] = {}
    lines = []
    for feed in feeds:
        items = read_feed(feed, settings)
        new = [i for i in items if str(source_iri(i.link)) not in known and i.link not in urls]
        for item in new:
            urls.append(item.link)
            if item.date is not None:
                dates[item.link] = item.date
        lines.append(f"feed {feed}: {len(items)} item(s), {len(new)} not yet in the store")
    return urls, dates, lines


_STORED_DOCUMENT = """
SELECT ?text ?lang ?file ?meta WHERE {
  GRAPH ?g { ?r a kg:PressRelease ; schema:text ?text .
             OPTIONAL { ?r dct:language ?lang } OPTIONAL { ?r kg:sourceFile ?file }
             OPTIONAL { ?r kg:dateSource "page-metadata" ; schema:datePublished ?meta } }
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
    meta = row.get("meta")
    return Document(slug=slug, path=str(row["file"] or slug), text=text,
                    language=str(row["lang"] or "en"),
                    sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    metadata_date=dt.date.fromisoformat(str(meta)) if meta is not None else None)


def rebuild(store: Store, slugs: Sequence[str], *, settings: Settings | None = None,
            extractor: str | Extractor | None = None) -> BuildReport:
    """Build again, from the text stored in the graph, the releases ``slugs`` (after new
    judgements, or a new extractor): no release file is needed. Then ``kgg:derived`` is
    recomputed.

    Raises:
        ExtractorError, InputError: as for :func:`build` (nothing is rebuilt).
    """
    chosen = _configured(extractor, settings)
    settings = settings or Settings()
    resolver = Resolver.from_file(settings.judgements)
    _prepare(chosen, _stored(store, slugs))
    report = BuildReport(extractor=chosen)
    environment = build_environment(chosen, settings)
    with BudgetedExtractor(chosen, settings.extract_budget) as runner:
        for slug in slugs:
            try:
                document = stored_document(store, slug)
                report.releases.append(
                    _load_document(store, document, Path(document.path), runner, resolver,
                                   key=_build_key(document, environment)))
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
        counted = {r.slug: r.extractor_counts for r in self.build.releases if r.extractor_counts}
        if counted:  # llm, hybrid: facts accepted and rejected by reason, tokens, per release
            out["extractor_counts"] = counted
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
             extractor: str | Extractor | None = None,
             store: Store | None = None) -> EvalReport:
    """Build the releases the gold files name in a temporary in-memory store (or ``store``) with
    ``extractor`` (as :func:`build` picks it), read the facts back from the graph and score
    them against the gold files, per kind and per extraction rule.

    Raises:
        InputError: a gold file cannot be read, or its release cannot be found.
        ExtractorError: no extractor has that name, or it cannot be loaded.
    """
    golds = [load_gold(p) for p in gold_paths]
    files = [gold_release_path(g, releases_dir=releases_dir) for g in golds]
    report = EvalReport()
    given = store
    with (nullcontext(given) if given is not None else open_store("memory:")) as store:
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


def run(settings: Settings, *, force: bool = False, store: Store | None = None) -> RunReport:
    """The main job: every stage that exists so far, in order, on ``settings.store`` (or
    ``store``, left open) (``force``: rebuild unchanged releases too)."""
    report = RunReport()
    given = store
    with (nullcontext(given) if given is not None else open_store(settings.store)) as store:
        size = load_ontology_into(store)
        report.lines.append(f"ontology: {size} triples in {ontology_graph_name()}")
        built = build(store, [settings.releases], settings=settings, force=force)
        report.lines.extend(built.lines())
        report.exit_code = max(report.exit_code, built.exit_code)
        report.lines.extend(link_offline(store, settings))
        validation = validate_store(store)
        report.lines.append(f"validation: {validation.summary()}")
        if not validation.conforms:
            report.lines.extend(f"  {r.describe()}" for r in validation.violations)
            report.exit_code = max(report.exit_code, 1)
        report.lines.append(f"store {store.url}: {len(store)} quads")
        if settings.query_timeout and not store.capabilities.cancellable_query:
            report.lines.append("note: this store cannot stop a query at its timeout, only stop "
                                "waiting for it (give the server a limit of its own)")
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
    library = QueryLibrary()
    if not library.list():
        where = ", ".join(str(d) for d in library.directories) or "no queries folder"
        return [f"warning: no named queries found (looked in: {where}); no reports written"]
    for q in library.list():
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

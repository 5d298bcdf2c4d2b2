"""The kgraph ontology, its reference concept schemes and SHACL shapes, and validation.

The files ship with kgraph (the repository's ``ontology/`` folder, copied into the wheel);
a project's own ``ontology/`` overrides a file of the same name and adds its other
``*.ttl`` files to the ontology, and ``KGRAPH_ONTOLOGY_DIR`` names one folder to use
instead of both:

* ``kgraph.ttl``: the OWL ontology (the ``kg:`` terms of :class:`kgraph.namespaces.KG`);
* ``schemes.ttl``: reference data (sectors, indicators, units, statuses, market relation
  types, roles, the Data Cube data set and structure);
* ``shapes.ttl``: the SHACL shapes of the KG contract (``ontology/README.md``).

:func:`validate` checks a graph against the shapes with pySHACL, the ontology and schemes
mixed into the data so that class checks follow ``rdfs:subClassOf`` and reference
concepts resolve.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.term import Node

from . import _project
from .errors import ConfigError, InputError, RDFSyntaxError
from .namespaces import (
    DCTERMS,
    KG,
    KGG,
    ONTOLOGY_IRI,
    OWL,
    PREFIXES,
    RDF,
    RDFS,
    SH,
    SKOS,
    bind_prefixes,
)

__all__ = [
    "ONTOLOGY_FILES",
    "SHAPES_FILE",
    "ValidationResult",
    "ValidationReport",
    "ontology_dir",
    "ontology_file",
    "ontology_graph_name",
    "load_ontology",
    "load_shapes",
    "validate",
    "write_docs",
]

ONTOLOGY_FILES = ("kgraph.ttl", "schemes.ttl")
"""The files :func:`load_ontology` reads, in order."""
SHAPES_FILE = "shapes.ttl"

_SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


def _chosen_dir() -> Path | None:
    """The ontology folder the settings name (``KGRAPH_ONTOLOGY_DIR``, or ``ontology_dir``
    in ``kgraph.toml``), or None."""
    from .config import load_settings

    return load_settings().ontology_dir


def ontology_dir() -> Path:
    """The folder holding ``kgraph.ttl``, ``schemes.ttl`` and ``shapes.ttl``.

    ``KGRAPH_ONTOLOGY_DIR`` when set (then it is the only ontology folder), else the
    project's ``ontology/`` when it holds ``kgraph.ttl``, else the ontology kgraph ships
    (see :mod:`kgraph._project`).

    Raises:
        ConfigError: the folder does not exist or lacks ``kgraph.ttl``.
    """
    env = _chosen_dir()
    if env is not None:
        folder = env
    else:
        folder = next((f for f in _project.folders("ontology") if (f / "kgraph.ttl").is_file()),
                      _project.project_root() / "ontology")
    if not (folder / "kgraph.ttl").is_file():
        where = "KGRAPH_ONTOLOGY_DIR" if env is not None else "the project and the installed package"
        raise ConfigError(
            f"no kgraph.ttl in the ontology folder (from {where}); set KGRAPH_ONTOLOGY_DIR "
            "to the folder holding kgraph.ttl, schemes.ttl and shapes.ttl",
            source=folder,
        )
    return folder


def ontology_file(name: str) -> Path:
    """The file ``name`` of the ontology: the project's ``ontology/NAME`` overrides the
    shipped one (only ``KGRAPH_ONTOLOGY_DIR`` when that is set).

    Raises:
        ConfigError: no ontology folder (see :func:`ontology_dir`).
    """
    if _chosen_dir() is not None:
        return ontology_dir() / name
    found = _project.find("ontology", name)
    return found if found is not None else ontology_dir() / name


def _extra_ontology_files() -> list[Path]:
    """Turtle files a project adds to the ontology (its ``ontology/*.ttl`` that are not
    one of the shipped files)."""
    if _chosen_dir() is not None:
        return []
    own = _project.project_root() / "ontology"
    shipped = _project.shipped_dir("ontology")
    if not own.is_dir() or (shipped is not None and own.resolve() == shipped.resolve()):
        return []
    return sorted(p for p in own.glob("*.ttl") if p.name not in (*ONTOLOGY_FILES, SHAPES_FILE))


def ontology_graph_name() -> URIRef:
    """The named graph the ontology and schemes are loaded into: ``kgg:ontology``."""
    return URIRef(KGG["ontology"])


_cache: dict[tuple[str, float, int], Graph] = {}


def _parse(path: Path) -> Graph:
    """Parse one Turtle file, cached by path, mtime and size; returns a fresh copy."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise ConfigError(f"cannot read the file: {exc.strerror}", source=path) from None
    key = (str(path), stat.st_mtime, stat.st_size)
    cached = _cache.get(key)
    if cached is None:
        cached = Graph()
        try:
            cached.parse(path, format="turtle")
        except SyntaxError as exc:  # rdflib's BadSyntax subclasses SyntaxError
            line = _error_line(exc)
            why = getattr(exc, "_why", None) or str(exc).splitlines()[0]
            where = f"line {line}: " if line else ""
            raise RDFSyntaxError(f"{where}malformed Turtle: {why}", source=path) from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise RDFSyntaxError(f"malformed Turtle: {exc}", source=path) from None
        _cache[key] = cached
    copy = bind_prefixes(Graph())
    for triple in cached:
        copy.add(triple)
    return copy


def _error_line(exc: SyntaxError) -> int | None:
    # BadSyntax's own line counter drifts on comments; its character index into the
    # document does not, so count the newlines before it.
    index = getattr(exc, "_i", None)
    data = getattr(exc, "_str", None)
    if isinstance(index, int) and isinstance(data, bytes):
        return data.decode("utf-8", errors="replace")[:index].count("\n") + 1
    return exc.lineno


def load_ontology() -> Graph:
    """The ontology and the reference schemes as one graph (``kgraph.ttl`` + ``schemes.ttl``).

    Raises:
        ConfigError: the ontology folder or a file is missing (see :func:`ontology_dir`).
        RDFSyntaxError: a file does not parse; the message names the file and the line.
    """
    ontology_dir()  # one clear error when there is no ontology at all
    graph = bind_prefixes(Graph())
    for path in [*(ontology_file(name) for name in ONTOLOGY_FILES), *_extra_ontology_files()]:
        graph += _parse(path)
    return graph


def load_shapes() -> Graph:
    """The SHACL shapes graph (``shapes.ttl``).

    Raises:
        ConfigError: the ontology folder or ``shapes.ttl`` is missing.
        RDFSyntaxError: ``shapes.ttl`` does not parse; the message names the line.
    """
    ontology_dir()
    return _parse(ontology_file(SHAPES_FILE))


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result: which node, which property, what is wrong, how bad."""

    focus_node: Node
    path: Node | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    value: Node | None = None
    source_shape: Node | None = None

    def describe(self) -> str:
        """One line for people: ``Violation: <focus> <path>: message``."""
        path = f" {_short(self.path)}" if self.path is not None else ""
        return f"{self.severity}: {_short(self.focus_node)}{path}: {self.message}"


@dataclass
class ValidationReport:
    """What :func:`validate` found. ``conforms`` is false only for sh:Violation results."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    text: str = ""  # pySHACL's own text report
    graph: Graph = field(default_factory=Graph)  # the SHACL validation report graph

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity != "Violation"]

    def summary(self) -> str:
        """One line: conforms, or how many violations and warnings."""
        state = "conforms" if self.conforms else "does not conform"
        return f"{state}: {len(self.violations)} violation(s), {len(self.warnings)} warning(s)"

    def to_text(self) -> str:
        """A readable report: the summary, then one line per result, violations first."""
        ordered = sorted(self.results, key=lambda r: (r.severity != "Violation", r.describe()))
        return "\n".join([self.summary(), *(r.describe() for r in ordered)])

    def to_turtle(self) -> str:
        """The SHACL validation report graph as Turtle."""
        return bind_prefixes(self.graph).serialize(format="turtle")


def _short(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = str(node)
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns):]}"
        return f"<{text}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    return node.n3()


def _as_graph(data: Graph | Dataset | Iterable[tuple[Node, Node, Node]]) -> Graph:
    # pySHACL validates each named graph of a Dataset on its own; kgraph's contract is
    # about the union (a fact's release may sit in another graph), so flatten it first.
    if isinstance(data, ConjunctiveGraph):  # Dataset included
        union = Graph()
        for s, p, o, _g in data.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    if isinstance(data, Graph):
        return data
    union = Graph()
    for triple in data:
        union.add(triple)
    return union


def validate(
    data: Graph | Dataset,
    *,
    ontology: bool = True,
    shapes: Graph | None = None,
    inference: str = "none",
) -> ValidationReport:
    """Validate ``data`` against the kgraph SHACL shapes.

    A ``Dataset`` is validated as the union of its graphs. ``ontology=True`` validates the
    union of ``data``, the ontology and the schemes, so class checks see
    ``rdfs:subClassOf`` and the reference concepts (and the schemes are checked too); the
    caller's graph is never modified. ``shapes`` replaces ``shapes.ttl``. ``inference``
    is passed to pySHACL ("none", "rdfs", "owlrl", "both"); the shapes need none, because
    the contract asks for explicit types. sh:Warning and sh:Info results are reported but
    do not make ``conforms`` false.

    Raises:
        ConfigError: the ontology folder is missing.
        RDFSyntaxError: an ontology or shapes file does not parse.
        InputError: ``inference`` is not a pySHACL inference option, or the shapes are
            not usable SHACL (a bad constraint value).
    """
    import pyshacl  # heavy import, only when validating
    from pyshacl.errors import ConstraintLoadError, ReportableRuntimeError, ShapeLoadError

    if inference not in ("none", "rdfs", "owlrl", "both"):
        raise InputError(f"unknown inference {inference!r} (use none, rdfs, owlrl or both)")
    graph = _as_graph(data)
    if ontology:
        # Not pySHACL's ont_graph: that copies only RDFS/OWL axioms, and the data points at
        # reference concepts (indicators, units, roles) that live in schemes.ttl.
        mixed = load_ontology()
        for triple in graph:
            mixed.add(triple)
        graph = mixed
    shapes_graph = shapes if shapes is not None else load_shapes()
    try:
        conforms, report_graph, text = pyshacl.validate(
            graph,
            shacl_graph=shapes_graph,
            inference=inference,
            abort_on_first=False,
            allow_infos=True,
            allow_warnings=True,
            advanced=False,
            inplace=ontology,  # the mixed graph is our own copy
            meta_shacl=False,
        )
    except (ShapeLoadError, ConstraintLoadError, ReportableRuntimeError) as exc:
        source = "the given shapes" if shapes is not None else ontology_file(SHAPES_FILE)
        message = getattr(exc, "message", None) or str(exc)
        raise InputError(f"the SHACL shapes cannot be used: {message}", source=source) from None
    assert isinstance(report_graph, Graph)
    return ValidationReport(
        conforms=bool(conforms),
        results=_results(report_graph),
        text=str(text),
        graph=report_graph,
    )


def _results(report: Graph) -> list[ValidationResult]:
    out: list[ValidationResult] = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        focus = report.value(result, SH.focusNode)
        assert focus is not None
        out.append(ValidationResult(
            focus_node=focus,
            path=report.value(result, SH.resultPath),
            message="; ".join(messages) or "(no message)",
            severity=_SEVERITIES.get(severity, str(severity)) if isinstance(severity, URIRef) else "Violation",
            value=report.value(result, SH.value),
            source_shape=report.value(result, SH.sourceShape),
        ))
    out.sort(key=lambda r: (r.severity != "Violation", str(r.focus_node), r.message))
    return out


# --- HTML documentation -----------------------------------------------------------------

_KINDS = (
    (OWL.Class, "Classes", "Classi"),
    (OWL.ObjectProperty, "Object properties", "Proprietà di oggetto"),
    (OWL.DatatypeProperty, "Datatype properties", "Proprietà di dato"),
    (OWL.AnnotationProperty, "Annotation properties", "Proprietà di annotazione"),
)


@dataclass
class _Term:
    iri: str
    curie: str
    labels: dict[str, str]
    definitions: dict[str, str]
    kinds: list[str]
    supers: list[tuple[str, str]]  # (curie, anchor or external IRI)
    domain: list[tuple[str, str]]
    range: list[tuple[str, str]]


def _kg_terms(graph: Graph) -> list[_Term]:
    ns = str(KG._NS)

    def ref(node: Node) -> tuple[str, str]:
        text = str(node)
        if text.startswith(ns):
            return (_short(node), f"#{text[len(ns):]}")
        # only web IRIs become links: a javascript: or data: IRI must not be clickable
        return (_short(node), text if text.startswith(("http://", "https://")) else "")

    def by_lang(pred: URIRef, s: Node) -> dict[str, str]:
        return {o.language or "": str(o) for o in graph.objects(s, pred) if isinstance(o, Literal)}

    terms: list[_Term] = []
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}
    for s in sorted(subjects, key=str):
        kinds = sorted(_short(t) for t in graph.objects(s, RDF.type))
        terms.append(_Term(
            iri=str(s),
            curie=_short(s),
            labels=by_lang(SKOS.prefLabel, s),
            definitions=by_lang(SKOS.definition, s),
            kinds=kinds,
            supers=sorted(ref(o) for o in [*graph.objects(s, RDFS.subClassOf), *graph.objects(s, RDFS.subPropertyOf)]),
            domain=sorted(ref(o) for o in graph.objects(s, RDFS.domain)),
            range=sorted(ref(o) for o in graph.objects(s, RDFS.range)),
        ))
    return terms


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
code { background: #f3f3f3; padding: 0 .2em; }
section.term { border-top: 1px solid #ddd; padding: .5rem 0; }
.it { color: #555; }
dt { font-weight: 600; }
nav ul { columns: 3; }
table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: .2rem .4rem; text-align: left; }
</style>
</head>
<body>
<h1>{{ title }}</h1>
<p><code>{{ iri }}</code> · version <code>{{ version }}</code> (<code>{{ version_iri }}</code>)</p>
{% for text in descriptions %}<p lang="{{ text[0] }}">{{ text[1] }}</p>
{% endfor %}
<p>Namespace <code>kg:</code> = <code>{{ ns }}</code>. The modelling patterns with worked examples are in
<code>ontology/README.md</code>; reference concepts in <code>ontology/schemes.ttl</code>; SHACL shapes in
<code>ontology/shapes.ttl</code>.</p>
{% for kind in kinds %}
<h2 id="{{ kind.id }}">{{ kind.en }} <span class="it">/ {{ kind.it }}</span></h2>
<nav><ul>{% for t in kind.terms %}<li><a href="#{{ t.curie[3:] }}">{{ t.curie }}</a></li>{% endfor %}</ul></nav>
{% for t in kind.terms %}
<section class="term" id="{{ t.curie[3:] }}">
<h3>{{ t.curie }}</h3>
<p><code>{{ t.iri }}</code> · {{ t.kinds | join(", ") }}</p>
<dl>
<dt>Label</dt><dd>{{ t.labels.get("en", "") }} <span class="it" lang="it">/ {{ t.labels.get("it", "") }}</span></dd>
<dt>Definition</dt><dd lang="en">{{ t.definitions.get("en", "") }}</dd>
<dt>Definizione</dt><dd lang="it" class="it">{{ t.definitions.get("it", "") }}</dd>
{% if t.supers %}<dt>Sub-class / sub-property of</dt><dd>{% for c, href in t.supers %}<a href="{{ href }}">{{ c }}</a>{% if not loop.last %}, {% endif %}{% endfor %}</dd>{% endif %}
{% if t.domain %}<dt>Domain</dt><dd>{% for c, href in t.domain %}<a href="{{ href }}">{{ c }}</a>{% if not loop.last %}, {% endif %}{% endfor %}</dd>{% endif %}
{% if t.range %}<dt>Range</dt><dd>{% for c, href in t.range %}<a href="{{ href }}">{{ c }}</a>{% if not loop.last %}, {% endif %}{% endfor %}</dd>{% endif %}
</dl>
</section>
{% endfor %}
{% endfor %}
<h2 id="schemes">Reference concept schemes <span class="it">/ Schemi di concetti</span></h2>
{% for scheme in schemes %}
<section class="scheme" id="scheme-{{ loop.index }}">
<h3>{{ scheme.labels.get("en", "") }} <span class="it" lang="it">/ {{ scheme.labels.get("it", "") }}</span></h3>
<p><code>{{ scheme.iri }}</code></p>
<table>
<tr><th>concept</th><th>notation</th><th>English</th><th>Italiano</th></tr>
{% for c in scheme.concepts %}<tr><td><code>{{ c.iri }}</code></td><td>{{ c.notation }}</td><td>{{ c.labels.get("en", "") }}</td><td lang="it">{{ c.labels.get("it", "") }}</td></tr>
{% endfor %}</table>
</section>
{% endfor %}
</body>
</html>
"""


def _labels(graph: Graph, node: Node) -> dict[str, str]:
    return {o.language or "": str(o) for o in graph.objects(node, SKOS.prefLabel) if isinstance(o, Literal)}


def write_docs(out_dir: Path, *, ontology: Graph | None = None) -> Path:
    """Write HTML documentation of the ``kg:`` terms to ``out_dir/index.html``; return its path.

    Every label, definition and IRI is HTML-escaped (Jinja2 autoescape).

    Raises:
        ConfigError: the ontology folder is missing.
        RDFSyntaxError: an ontology file does not parse.
        InputError: ``out_dir`` cannot be written.
    """
    from jinja2 import Environment

    graph = ontology if ontology is not None else load_ontology()
    terms = _kg_terms(graph)
    kinds = []
    for cls, en, it in _KINDS:
        selected = [t for t in terms if _short(cls) in t.kinds]
        kinds.append({"id": str(cls).rsplit("#", 1)[-1], "en": en, "it": it, "terms": selected})
    descriptions = sorted(
        (o.language or "", str(o)) for o in graph.objects(ONTOLOGY_IRI, DCTERMS.description) if isinstance(o, Literal)
    )
    title = next((str(o) for o in graph.objects(ONTOLOGY_IRI, DCTERMS.title)
                  if isinstance(o, Literal) and o.language == "en"), "kgraph ontology")
    schemes = []
    for scheme in sorted(graph.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        concepts = [
            {"iri": str(c), "notation": str(graph.value(c, SKOS.notation) or ""), "labels": _labels(graph, c)}
            for c in sorted(graph.subjects(SKOS.inScheme, scheme), key=str)
        ]
        schemes.append({"iri": str(scheme), "labels": _labels(graph, scheme), "concepts": concepts})
    env = Environment(autoescape=True)
    page = env.from_string(_TEMPLATE).render(
        title=title,
        iri=str(ONTOLOGY_IRI),
        version=str(graph.value(ONTOLOGY_IRI, OWL.versionInfo) or ""),
        version_iri=str(graph.value(ONTOLOGY_IRI, OWL.versionIRI) or ""),
        descriptions=descriptions,
        ns=str(KG._NS),
        kinds=kinds,
        schemes=schemes,
    )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / "index.html"
        target.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the documentation: {exc.strerror}", source=out_dir) from None
    return target

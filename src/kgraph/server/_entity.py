"""The dereferenceable IRIs, ``/id/{kind}/{key}``: an entity as RDF (Turtle, JSON-LD...)
or as a page (its properties, the facts about it with their quotes and releases, related
entities, the release text, its neighbourhood in the network)."""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import urlencode

import anyio
import anyio.to_thread
import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node
from starlette.requests import Request
from starlette.responses import Response

from .._sparql_results import GRAPH_FORMATS, negotiate, serialize_graph
from ..api import ENTITY_STATEMENTS
from ..errors import KGraphError, QueryTimeout
from ..namespaces import (
    KG,
    KGI,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SKOS,
    WD,
    bind_prefixes,
    sparql_prologue,
)
from ..store import SelectResult
from ..viz import provenance
from ._context import CSP_DATA, ServerContext
from ._errors import Refused, handled
from ._terms import (
    Link,
    curie,
    is_related,
    link_to,
    media,
    pick_label,
    prefers_html,
    safe_href,
    term_link,
    term_value,
)

__all__ = ["Entities"]

MAX_ENTITY_FACTS = 200


def _pairs(statements: SelectResult, direction: str) -> list[tuple[Node | None, Node | None]]:
    """The distinct (property, value) pairs of one direction, in the query's order."""
    wanted = Literal(direction)
    return list(dict.fromkeys((r["property"], r["value"]) for r in statements
                              if r["direction"] == wanted))


class Entities:
    """``/id/{rest}``."""

    def __init__(self, ctx: ServerContext) -> None:
        self.ctx = ctx

    async def entity(self, request: Request) -> Response:
        rest = request.path_params["rest"]
        try:
            # The path arrives percent-decoded: "%20", "%3E" or "%00" become characters
            # that no IRI may hold.
            iri = URIRef(ox.NamedNode(str(KGI) + rest).value)
        except ValueError as exc:
            return self.ctx.error(request, Refused(400, f"not a valid IRI: {str(KGI) + rest!r}: {exc}"),
                                  html=False)
        fmt_param = request.query_params.get("format")
        accept = request.headers.get("accept")
        wants_html = fmt_param in (None, "html") and prefers_html(accept)
        try:
            if not wants_html:
                graph = await self.ctx.run_query(
                    "CONSTRUCT { ?e ?p ?o . ?s ?q ?e } WHERE { { ?e ?p ?o } UNION { ?s ?q ?e } }",
                    bindings={"e": iri},
                )
                assert isinstance(graph, Graph)
                if len(graph) == 0:
                    raise Refused(404, f"no such entity: <{iri}>")
                bind_prefixes(graph)
                fmt = negotiate(GRAPH_FORMATS, accept=accept, format_param=fmt_param)
                return Response(serialize_graph(fmt, graph), media_type=media(fmt),
                                headers={"Vary": "Accept", "Content-Security-Policy": CSP_DATA,
                                         "Content-Location": request.url.path + f"?format={fmt.name}"})
            view = await self._entity_view(iri)
        except handled as exc:
            return self.ctx.error(request, exc, html=wants_html,
                                  title="Timed out" if isinstance(exc, QueryTimeout) else "Entity")
        if view is None:
            return self.ctx.error(request, Refused(404, f"no such entity: {iri}"), html=True,
                                  title="Not found")
        text_view = None
        if str(KG.PressRelease) in {c.iri for c in view["classes"]}:
            call = functools.partial(provenance.release_text, self.ctx.store, str(iri), safe_href,
                                     timeout=self.ctx.options.timeout)
            try:
                # the text is shown highlighted here, never as a property (the statements
                # leave schema:text out)
                text_view = await anyio.to_thread.run_sync(call, limiter=self.ctx.limiter)
            except KGraphError:
                text_view = None
        network_src = None
        if await self.ctx.in_network(str(iri)):
            network_src = "/network?" + urlencode({"focus": str(iri), "depth": "1"})
        return self.ctx.page(request, "serve_entity.html", title=view["label"], e=view, network_src=network_src,
                             text_view=text_view)

    async def _entity_view(self, iri: URIRef) -> dict[str, Any] | None:
        label_paths = "skos:prefLabel|rdfs:label|foaf:name|schema:name|dct:title"
        prologue = sparql_prologue({n: PREFIXES[n] for n in ("kg", "skos", "rdfs", "foaf", "schema", "dct", "prov", "oa")})
        # the statements in and out: the query KG.describe runs (entity-facts.rq without
        # its label column), so the page, `kgraph describe` and the named query agree
        statements = await self.ctx.select(ENTITY_STATEMENTS, entity=iri)
        if not statements.rows:
            return None
        out = _pairs(statements, "out")  # (property, value)
        inc = _pairs(statements, "in")  # (property, subject)
        neighbours = await self.ctx.select(
            prologue + "SELECT DISTINCT ?e ?x ?l WHERE { { ?e ?p ?x } UNION { ?x ?p ?e } "
            f"?x {label_paths} ?l }}", e=iri)
        labels: dict[str, list[tuple[URIRef, Literal]]] = {}
        for r in neighbours.rows:
            if isinstance(r.get("x"), URIRef) and isinstance(r.get("l"), Literal):
                labels.setdefault(str(r["x"]), []).append((RDFS.label, r["l"]))  # type: ignore[arg-type]
        own = [(p, o) for p, o in out if isinstance(o, Literal) and isinstance(p, URIRef)]
        names = {k: pick_label(v) or curie(k) for k, v in labels.items()}
        label = pick_label(own) or curie(str(iri))

        classes = sorted({str(o) for p, o in out if p == RDF.type and isinstance(o, URIRef)})
        wikidata = sorted({str(o) for p, o in out
                           if p in (OWL.sameAs, SKOS.exactMatch, SKOS.closeMatch)
                           and isinstance(o, URIRef) and str(o).startswith(str(WD))})
        props: dict[str, list[dict[str, Any]]] = {}
        for p, o in out:
            if p == RDF.type:
                continue
            entry = term_value(o, names)
            values = props.setdefault(str(p), [])
            if entry not in values:
                values.append(entry)

        facts = await self._facts(iri, prologue, label_paths)
        fact_iris = {f["iri"] for f in facts}
        related: dict[str, Link] = {}
        for p, o in out:
            if isinstance(o, URIRef) and p != RDF.type and is_related(str(o)):
                related[str(o)] = link_to(str(o), names.get(str(o)))
        for _p, subject in inc:
            s = str(subject)
            if s not in fact_iris and is_related(s):
                related[s] = link_to(s, names.get(s))
        for f in facts:
            for _, values in f["props"]:
                for v in values:
                    if v["kind"] == "iri" and v["link"].href and v["link"].iri != str(iri) and is_related(v["link"].iri):
                        related.setdefault(v["link"].iri, v["link"])
        return {
            "iri": str(iri),
            "label": label,
            "classes": [term_link(c) for c in classes],
            "props": [(term_link(p), vals) for p, vals in sorted(props.items(), key=lambda kv: curie(kv[0]))],
            "facts": facts[:MAX_ENTITY_FACTS],
            "facts_truncated": len(facts) > MAX_ENTITY_FACTS,
            "related": sorted(related.values(), key=lambda link: link.label.lower()),
            "wikidata": [link_to(w, curie(w)) for w in wikidata],
            "incoming": len(inc),
        }

    async def _facts(self, iri: URIRef, prologue: str, label_paths: str) -> list[dict[str, Any]]:
        """Facts about the entity (fact nodes pointing at it, or the entity if it is one),
        each with its properties, quotes and source release."""
        where_fact = "{ ?f ?x ?e . ?f a kg:Fact } UNION { ?e a kg:Fact . BIND(?e AS ?f) }"
        props = await self.ctx.select(
            prologue + f"SELECT DISTINCT ?e ?f ?p ?o ?ol WHERE {{ {where_fact} ?f ?p ?o "
            f"OPTIONAL {{ ?o {label_paths} ?ol }} }} ORDER BY ?f ?p",
            e=iri,
        )
        sources = await self.ctx.select(
            prologue + f"SELECT DISTINCT ?e ?f ?release ?title ?quote ?start ?end WHERE {{ {where_fact} "
            "OPTIONAL { ?f kg:statedIn ?release OPTIONAL { ?release dct:title ?title } } "
            "OPTIONAL { ?f prov:wasDerivedFrom ?ann . ?ann oa:hasSelector ?sel . ?sel oa:exact ?quote "
            "OPTIONAL { ?ann oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end } } } ORDER BY ?f",
            e=iri,
        )
        names: dict[str, str] = {}
        for r in props.rows:
            o, ol = r.get("o"), r.get("ol")
            if isinstance(o, URIRef) and isinstance(ol, Literal) and str(o) not in names:
                names[str(o)] = str(ol)
        facts: dict[str, dict[str, Any]] = {}
        skip = {KG.statedIn, PROV.wasDerivedFrom, PROV.wasGeneratedBy}
        for r in props.rows:
            f = str(r["f"])
            fact = facts.setdefault(f, {"iri": f, "link": link_to(f, None), "types": [], "pmap": {},
                                        "quotes": [], "releases": []})
            p, o = r["p"], r["o"]
            if p == RDF.type:
                if o != KG.Fact and isinstance(o, URIRef):
                    link = term_link(str(o))
                    if link not in fact["types"]:
                        fact["types"].append(link)
                continue
            if p in skip:
                continue
            entry = term_value(o, names)
            values = fact["pmap"].setdefault(str(p), [])
            if entry not in values:
                values.append(entry)
        for r in sources.rows:
            found = facts.get(str(r["f"]))
            if found is None:
                continue
            fact = found
            if r.get("quote") is not None:
                q = {"text": str(r["quote"]), "start": r.get("start"), "end": r.get("end")}
                if q not in fact["quotes"]:
                    fact["quotes"].append(q)
            if r.get("release") is not None:
                rel = link_to(str(r["release"]), str(r["title"]) if r.get("title") else None)
                if rel not in fact["releases"]:
                    fact["releases"].append(rel)
        out = []
        for fact in facts.values():
            fact["props"] = [(term_link(p), v) for p, v in sorted(fact.pop("pmap").items(), key=lambda kv: curie(kv[0]))]
            out.append(fact)
        return out

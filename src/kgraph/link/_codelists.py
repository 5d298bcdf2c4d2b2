"""Code lists as SKOS concept schemes, built without network: ISO 3166-1 (pycountry),
UN M49 regions, NACE Rev. 2 and HS 8453 (small CSV files in ``data/codelists/``).

Markets (places) are linked to their code (``skos:exactMatch``) by the notation they carry
or by name; sectors and segments by ``data/codelists/sector-links.csv``. Everything goes
into the graph ``kgg:codelists``.
"""

from __future__ import annotations

import csv
import gettext
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from string import Template

import pycountry
from rdflib import Graph, Literal, URIRef

from ..errors import InputError
from ..namespaces import DCTERMS, KG, KGI, RDF, RDFS, SKOS, bind_prefixes
from ..schema import registry
from ..store import Store
from ._data import data_file
from ._util import norm, select

__all__ = ["SCHEMES", "code_iri", "scheme_iri", "codelists_graph", "PlaceCode", "place_codes"]

SCHEMES: dict[str, tuple[str, str]] = {
    "iso3166-1": ("ISO 3166-1 country codes", "https://www.iso.org/iso-3166-country-codes.html"),
    "m49": ("UN M49 standard country or area codes for statistical use",
            "https://unstats.un.org/unsd/methodology/m49/"),
    "nace2": ("NACE Rev. 2 statistical classification of economic activities",
              "https://ec.europa.eu/eurostat/web/nace"),
    "hs": ("Harmonized System (HS) nomenclature, heading 8453",
           "https://www.wcoomd.org/en/topics/nomenclature/overview/what-is-the-harmonized-system.aspx"),
}


def scheme_iri(scheme: str) -> URIRef:
    """``kgi:scheme/{scheme}`` (the contract's code-list scheme IRIs)."""
    return KGI[f"scheme/{scheme}"]


def code_iri(scheme: str, code: str) -> URIRef:
    """``kgi:code/{scheme}/{code}``: ``code_iri("m49", "002")``, ``code_iri("hs", "8453.10")``."""
    return KGI[f"code/{scheme}/{code}"]


def _read_csv(path: Path, required: Iterable[str]) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = set(required) - set(reader.fieldnames or [])
            if missing:
                raise InputError(f"missing columns: {', '.join(sorted(missing))}", source=path)
            return [dict(row) for row in reader]
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=path) from None


def _concept(g: Graph, iri: URIRef, scheme: str, notation: str, labels: dict[str, str]) -> None:
    g.add((iri, RDF.type, SKOS.Concept))
    g.add((iri, SKOS.inScheme, scheme_iri(scheme)))
    g.add((iri, SKOS.notation, Literal(notation)))
    for lang, text in labels.items():
        if text:
            g.add((iri, SKOS.prefLabel, Literal(text, lang=lang)))
            g.add((iri, RDFS.label, Literal(text, lang=lang)))


def _schemes(g: Graph) -> None:
    for key, (title, source) in SCHEMES.items():
        s = scheme_iri(key)
        g.add((s, RDF.type, SKOS.ConceptScheme))
        g.add((s, SKOS.prefLabel, Literal(title, lang="en")))
        g.add((s, RDFS.label, Literal(title, lang="en")))
        g.add((s, DCTERMS.source, URIRef(source)))


def _iso(g: Graph) -> None:
    try:
        it = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["it"])
        italian = it.gettext
    except OSError:  # pragma: no cover - pycountry always ships its locales
        def italian(message: str) -> str:
            return ""
    for c in pycountry.countries:
        iri = code_iri("iso3166-1", c.alpha_2)
        name_it = italian(c.name)
        _concept(g, iri, "iso3166-1", c.alpha_2,
                 {"en": c.name, "it": name_it if name_it != c.name else ""})
        g.add((iri, SKOS.notation, Literal(c.alpha_3)))
        g.add((iri, SKOS.notation, Literal(c.numeric)))
        g.add((iri, SKOS.topConceptOf, scheme_iri("iso3166-1")))


def _file(folder: Path | None, name: str) -> Path:
    """``folder/name``; with no folder, the project's code list over the shipped one."""
    return folder / name if folder is not None else data_file("codelists", name)


def _m49_rows(folder: Path | None) -> list[dict[str, str]]:
    return _read_csv(_file(folder, "m49-regions.csv"), ["code", "parent", "name_en", "name_it", "aliases"])


def _m49(g: Graph, rows: list[dict[str, str]]) -> None:
    for row in rows:
        iri = code_iri("m49", row["code"])
        _concept(g, iri, "m49", row["code"], {"en": row["name_en"], "it": row["name_it"]})
        for alias in filter(None, (a.strip() for a in row["aliases"].split(";"))):
            g.add((iri, SKOS.altLabel, Literal(alias)))
        if row["parent"]:
            g.add((iri, SKOS.broader, code_iri("m49", row["parent"])))
            g.add((code_iri("m49", row["parent"]), SKOS.narrower, iri))
        else:
            g.add((iri, SKOS.topConceptOf, scheme_iri("m49")))


def _sector_codes(g: Graph, folder: Path | None) -> None:
    for row in _read_csv(_file(folder, "sector-codes.csv"), ["scheme", "code", "parent", "name_en"]):
        if row["scheme"] not in SCHEMES:
            raise InputError(f"unknown scheme {row['scheme']!r}", source=_file(folder, "sector-codes.csv"))
        iri = code_iri(row["scheme"], row["code"])
        _concept(g, iri, row["scheme"], row["code"], {"en": row["name_en"]})
        if row["parent"]:
            g.add((iri, SKOS.broader, code_iri(row["scheme"], row["parent"])))
        else:
            g.add((iri, SKOS.topConceptOf, scheme_iri(row["scheme"])))


@dataclass(frozen=True)
class PlaceCode:
    """A place of the store and the code-list concept it was matched to."""

    place: URIRef
    concept: URIRef
    scheme: str
    code: str


_PLACES = """
SELECT ?place ?kind ?name ?notation WHERE {
  VALUES ?kind { $places }
  ?place a ?kind .
  OPTIONAL { ?place skos:prefLabel|skos:altLabel|rdfs:label ?name }
  OPTIONAL { ?place skos:notation ?notation }
}
"""


def place_codes(store: Store, *, folder: Path | None = None) -> list[PlaceCode]:
    """Match the store's countries to ISO 3166-1 and regions/aggregates to UN M49, by
    notation first, then by name (case- and accent-insensitive)."""
    m49_by_name: dict[str, str] = {}
    m49_codes = set()
    for row in _m49_rows(folder):
        m49_codes.add(row["code"])
        for name in [row["name_en"], row["name_it"], *row["aliases"].split(";")]:
            if name.strip():
                m49_by_name.setdefault(norm(name), row["code"])
    # The place classes are the registry's (kgraph.schema), in one VALUES list.
    places_values = " ".join(c.n3() for c in registry().place_classes.values())
    result = select(store, Template(_PLACES).substitute(places=places_values))
    places: dict[URIRef, dict[str, set[str]]] = {}
    for r in result:
        if not isinstance(r["place"], URIRef):
            continue
        entry = places.setdefault(r["place"], {"kind": set(), "names": set(), "notations": set()})
        entry["kind"].add(str(r["kind"]))
        if r.get("name") is not None:
            entry["names"].add(str(r["name"]))
        if r.get("notation") is not None:
            entry["notations"].add(str(r["notation"]))
    out: list[PlaceCode] = []
    for place, info in sorted(places.items()):
        if str(KG.Country) in info["kind"]:
            country = None
            for n in sorted(info["notations"]):
                country = pycountry.countries.get(alpha_2=n.upper()) if len(n) == 2 else None
                if country:
                    break
            if country is None:
                for name in sorted(info["names"]):
                    try:
                        country = pycountry.countries.lookup(name)
                        break
                    except LookupError:
                        continue
            if country is not None:
                out.append(PlaceCode(place, code_iri("iso3166-1", country.alpha_2), "iso3166-1", country.alpha_2))
        elif info["kind"] & {str(KG.Region), str(KG.MarketAggregate)}:
            code = next((n for n in sorted(info["notations"]) if n in m49_codes), None)
            if code is None:
                code = next((m49_by_name[norm(n)] for n in sorted(info["names"]) if norm(n) in m49_by_name), None)
            if code is not None:
                out.append(PlaceCode(place, code_iri("m49", code), "m49", code))
    return out


def _sector_links(store: Store, folder: Path | None) -> list[tuple[URIRef, URIRef, URIRef]]:
    path = _file(folder, "sector-links.csv")
    rows = _read_csv(path, ["entity", "relation", "scheme", "code"])
    present = {
        r["e"] for r in select(
            store, "SELECT DISTINCT ?e WHERE { ?e a ?c . VALUES ?c { kg:Sector kg:Segment skos:Concept } }")
    }
    relations = {"closeMatch": SKOS.closeMatch, "broadMatch": SKOS.broadMatch,
                 "exactMatch": SKOS.exactMatch, "narrowMatch": SKOS.narrowMatch}
    links = []
    for n, row in enumerate(rows, start=2):
        if row["relation"] not in relations or row["scheme"] not in SCHEMES:
            raise InputError(f"line {n}: unknown relation or scheme", source=path)
        entity = URIRef(row["entity"])
        if entity in present:
            links.append((entity, relations[row["relation"]], code_iri(row["scheme"], row["code"])))
    return links


def codelists_graph(store: Store | None = None, *, folder: Path | None = None) -> Graph:
    """The graph ``kgg:codelists``: the four schemes, their concepts and, when ``store`` is
    given, the links from its places, sectors and segments to the concepts.

    Raises:
        InputError: a code-list file is missing or malformed (names the file).
    """
    g = bind_prefixes(Graph())
    _schemes(g)
    _iso(g)
    _m49(g, _m49_rows(folder))
    _sector_codes(g, folder)
    if store is not None:
        for pc in place_codes(store, folder=folder):
            g.add((pc.place, SKOS.exactMatch, pc.concept))
        for s, p, o in _sector_links(store, folder):
            g.add((s, p, o))
    return g

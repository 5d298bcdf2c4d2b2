"""The map of markets by relation: countries coloured by what the releases say of them.

Countries are found by their ISO 3166-1 numeric code (``skos:notation`` of three digits on a
``kg:Country``, the UN M49 code of the country) and drawn from the Natural Earth outlines
shipped in ``kgraph/data/world-110m.json`` (public domain; see the LICENSE file beside it),
so no tile server or other host is involved. A region whose member countries the map
knows (an M49 region by its three-digit code: Africa, South America...; the European Union
and the euro area by name; ``kgraph/data/region-members.json``, made by
``scripts/region_members.py`` from the UN M49 table) is shaded: its members are drawn in
its relation's colour, lighter than a country named for itself, which keeps its own colour.
Markets with no known members (the domestic market) are listed under the map with their
relation; shaded regions are listed there too, as the key to their shading. A country
with several relations takes the colour of the first in :data:`RELATIONS` and lists them
all in its tooltip.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ._svg import Href, esc

__all__ = ["RELATIONS", "MarketMap", "market_map", "region_members", "world"]

#: Relation notation -> (legend label, colour), in the order that decides a country's colour.
RELATIONS: dict[str, tuple[str, str]] = {
    "competitor": ("competitor", "#D55E00"),
    "export_priority": ("export priority", "#CC79A7"),
    "destination": ("destination", "#0072B2"),
    "domestic": ("domestic market", "#009E73"),
}
_OTHER = ("other relation", "#999999")
_LAND, _SEA = "#e4e4e4", "#f4f8fb"
#: How strongly a region's members are coloured, beside a country named for itself.
_REGION_OPACITY = 0.45

MARKETS_QUERY = """\
SELECT DISTINCT ?market ?name ?relation ?code ?country ?source WHERE {
  ?fact a kg:MarketRelation ; kg:market ?market ; kg:relationType ?rt .
  { SELECT DISTINCT ?rt ?relation WHERE { ?rt skos:notation ?relation } }
  OPTIONAL { ?fact kg:statedIn/kg:sourceFile ?source }
  OPTIONAL { SELECT DISTINCT ?market ?name WHERE {
    ?market skos:prefLabel ?name FILTER(LANGMATCHES(LANG(?name), "en")) } }
  OPTIONAL { SELECT DISTINCT ?market ?code WHERE {
    ?market skos:notation ?code FILTER(REGEX(STR(?code), "^[0-9]{3}$")) } }
  OPTIONAL { SELECT DISTINCT ?market ?country WHERE { ?market a kg:Country BIND(true AS ?country) } }
}
"""


@lru_cache(maxsize=1)
def world() -> dict[str, Any]:
    """The shipped outlines: ``{"width", "height", "countries": {code: {"name", "d"}}}``."""
    text = resources.files("kgraph").joinpath("data", "world-110m.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=1)
def _regions() -> dict[str, Any]:
    text = resources.files("kgraph").joinpath("data", "region-members.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def region_members(code: str | None, name: str = "") -> frozenset[str]:
    """The M49 codes of the countries of a region: by its M49 code, else (a group with no
    code, as the European Union) by its name; empty when the map does not know them."""
    data = _regions()
    if code and code in data["regions"]:
        return frozenset(data["regions"][code])
    wanted = name.strip().casefold()
    for group in data["groups"].values():
        if wanted and wanted in (n.casefold() for n in group["names"]):
            return frozenset(group["members"])
    return frozenset()


@dataclass
class Market:
    iri: str
    name: str
    code: str | None
    is_country: bool
    relations: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    members: frozenset[str] = frozenset()

    @property
    def relation(self) -> str:
        return next((r for r in RELATIONS if r in self.relations), sorted(self.relations)[0])

    def tooltip(self) -> str:
        rels = ", ".join(RELATIONS.get(r, (r, ""))[0] for r in sorted(self.relations, key=_rank))
        return f"{self.name}: {rels}\nsource: {', '.join(sorted(self.sources))}"


def _rank(relation: str) -> int:
    return list(RELATIONS).index(relation) if relation in RELATIONS else len(RELATIONS)


@dataclass
class MarketMap:
    """The markets found; :meth:`svg` draws the countries and lists the rest."""

    title: str
    countries: list[Market]
    others: list[Market]

    def svg(self, href: Href) -> str:
        geo = world()
        scale = 2.0
        width, height = geo["width"] * scale, geo["height"] * scale
        by_code = {m.code: m for m in self.countries}
        in_region: dict[str, Market] = {}
        for group in sorted((m for m in self.others if m.members), key=lambda m: (_rank(m.relation), m.name)):
            for code in group.members:
                in_region.setdefault(code, group)  # the first relation in RELATIONS wins
        parts = [f'<rect width="{width}" height="{height}" fill="{_SEA}"/>',
                 f'<g transform="scale({scale})" stroke="#fff" stroke-width="0.3">']
        for code, c in geo["countries"].items():
            m = by_code.get(code)
            region = in_region.get(code)
            if m is None and region is not None:
                colour = RELATIONS.get(region.relation, _OTHER)[1]
                tip = f"{c['name']}: in {region.tooltip()}"
                path = (f'<path class="kg-region-member" d="{esc(c["d"])}" fill="{colour}" '
                        f'fill-opacity="{_REGION_OPACITY}" data-code="{code}" '
                        f'data-region="{esc(region.iri)}" data-relation="{esc(region.relation)}">'
                        f"<title>{esc(tip)}</title></path>")
                target = href(region.iri)
                parts.append(f'<a href="{esc(target)}">{path}</a>' if target else path)
                continue
            if m is None:
                parts.append(f'<path d="{esc(c["d"])}" fill="{_LAND}" data-code="{code}"><title>{esc(c["name"])}</title></path>')
                continue
            colour = RELATIONS.get(m.relation, _OTHER)[1]
            path = (f'<path class="kg-country" d="{esc(c["d"])}" fill="{colour}" data-code="{code}" '
                    f'data-market="{esc(m.iri)}" data-relation="{esc(m.relation)}" '
                    f'data-relations="{esc(" ".join(sorted(m.relations, key=_rank)))}">'
                    f"<title>{esc(m.tooltip())}</title></path>")
            target = href(m.iri)
            parts.append(f'<a href="{esc(target)}">{path}</a>' if target else path)
        parts.append("</g>")
        # legend, then the markets without an outline
        y = height + 22
        x = 8.0
        for label, colour in RELATIONS.values():
            parts.append(f'<rect x="{x}" y="{y - 11}" width="12" height="12" fill="{colour}"/>'
                         f'<text x="{x + 16}" y="{y}" style="font-family:system-ui,sans-serif;font-size:12px">'
                         f"{esc(label)}</text>")
            x += 28 + 7.2 * len(label)
        if in_region:
            parts.append(f'<text x="{x}" y="{y}" fill="#555" style="font-family:system-ui,sans-serif;font-size:12px">'
                         "(lighter: in a region named)</text>")
        missing = [m for m in self.countries if m.code not in geo["countries"]]
        rest = sorted(self.others + missing, key=lambda m: (_rank(m.relation), m.name))
        for m in rest:
            y += 18
            rels = ", ".join(RELATIONS.get(r, (r, ""))[0] for r in sorted(m.relations, key=_rank))
            colour = RELATIONS.get(m.relation, _OTHER)[1]
            shown = sum(1 for code in m.members if code in geo["countries"])
            cls, note = ("kg-region kg-region-shaded", f" (shaded: {shown} countries)") if shown else ("kg-region", "")
            text = (f'<text class="{cls}" data-market="{esc(m.iri)}" data-relation="{esc(m.relation)}" '
                    f'x="26" y="{y}" style="font-family:system-ui,sans-serif;font-size:12px">'
                    f"{esc(m.name)} \u2014 {esc(rels)}{esc(note)}<title>{esc(m.tooltip())}</title></text>")
            target = href(m.iri)
            opacity = f' fill-opacity="{_REGION_OPACITY}"' if shown else ""
            parts.append(f'<circle cx="14" cy="{y - 4}" r="5" fill="{colour}"{opacity}/>')
            parts.append(f'<a href="{esc(target)}">{text}</a>' if target else text)
        total = y + 10
        return (f'<svg xmlns="http://www.w3.org/2000/svg" class="kg-chart kg-map" data-chart="market-map" '
                f'width="{width:.0f}" height="{total:.0f}" viewBox="0 0 {width:.0f} {total:.0f}" role="img" '
                f'aria-label="{esc(self.title)}"><title>{esc(self.title)}</title>{"".join(parts)}</svg>')


def market_map(store: Any, params: Mapping[str, str] | None = None, *,
               timeout: float | None = None) -> MarketMap:
    """The markets of ``store`` (``relation`` param: only that relation notation)."""
    wanted = (params or {}).get("relation") or ""
    res = store.query(MARKETS_QUERY, timeout=timeout)
    markets: dict[str, Market] = {}
    codes: dict[str, set[str]] = defaultdict(set)
    for r in res.rows:
        relation = str(r["relation"])
        if wanted and relation != wanted:
            continue
        iri = str(r["market"])
        m = markets.setdefault(iri, Market(iri, str(r.get("name") or iri.rsplit("/", 1)[-1]), None,
                                           r.get("country") is not None))
        m.relations.add(relation)
        if r.get("source") is not None:
            m.sources.add(str(r["source"]))
        if r.get("code") is not None:
            codes[iri].add(str(r["code"]))
    for iri, found in codes.items():
        markets[iri].code = min(found)
    countries = [m for m in markets.values() if m.is_country and m.code]
    others = [m for m in markets.values() if not (m.is_country and m.code)]
    for m in others:
        if not m.is_country:
            m.members = region_members(m.code, m.name)
    title = "Markets by relation" + (f": {RELATIONS.get(wanted, (wanted, ''))[0]}" if wanted else "")
    return MarketMap(title, sorted(countries, key=lambda m: m.name), others)

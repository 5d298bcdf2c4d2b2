"""A timeline of the events and releases in the graph, as SVG.

On top, a strip with one lane per kind (releases, general assemblies, trade fairs,
conferences, signings, other events) and a mark per item at its date on a proportional
time axis; below it, the items in date order, one row each with its date and label, grouped
under their year. Each mark and row links to the item's page; ``data-date`` and
``data-item`` let a test read the dates back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ._svg import Href, esc, truncate

__all__ = ["LANES", "Item", "Timeline", "timeline"]

_ONT = "https://w3id.org/kgraph/ontology#"
#: Lane key -> (label, colour); the class of an event decides its lane.
LANES: dict[str, tuple[str, str]] = {
    "release": ("press releases", "#777777"),
    "assembly": ("general assemblies", "#0072B2"),
    "fair": ("trade fairs", "#E69F00"),
    "conference": ("conferences", "#009E73"),
    "signing": ("signings", "#CC79A7"),
    "event": ("other events", "#D55E00"),
}
_LANE_OF_CLASS = {
    _ONT + "GeneralAssembly": "assembly",
    _ONT + "TradeFairEdition": "fair",
    _ONT + "Conference": "conference",
    _ONT + "Signing": "signing",
}
_SINGULAR = {"release": "press release", "assembly": "general assembly", "fair": "trade fair",
             "conference": "conference", "signing": "signing", "event": "event"}
_FONT = "font-family:system-ui,sans-serif"

TIMELINE_QUERY = """\
SELECT DISTINCT ?item ?kind ?date ?label ?cls ?organiser WHERE {
  {
    ?item a kg:PressRelease ; dct:date ?date .
    OPTIONAL { ?item dct:title ?label }
    BIND("release" AS ?kind)
  } UNION {
    ?item a schema:Event ; schema:startDate ?date .
    OPTIONAL { ?item schema:name ?label }
    OPTIONAL { ?item schema:organizer ?o . { SELECT DISTINCT ?o ?organiser WHERE {
      ?o skos:prefLabel ?organiser FILTER(LANGMATCHES(LANG(?organiser), "en")) } } }
    OPTIONAL { ?item a ?cls }
    BIND("event" AS ?kind)
  }
}
"""


@dataclass
class Item:
    iri: str
    lane: str
    when: date
    lexical: str
    label: str


def _parse(lexical: str) -> date | None:
    text = lexical.strip()
    try:
        if len(text) >= 10:
            return date.fromisoformat(text[:10])
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:7]), 1)
        if len(text) == 4:
            return date(int(text), 1, 1)
    except ValueError:
        return None
    return None


@dataclass
class Timeline:
    title: str
    items: list[Item]

    def svg(self, href: Href) -> str:
        width, left, right = 720, 150, 20
        lanes = [k for k in LANES if any(i.lane == k for i in self.items)]
        if not self.items:
            return (f'<svg xmlns="http://www.w3.org/2000/svg" class="kg-chart kg-timeline" width="{width}" '
                    f'height="40"><text x="10" y="24" style="{_FONT};font-size:14px">No dated events or '
                    "releases.</text></svg>")
        first, last = min(i.when for i in self.items), max(i.when for i in self.items)
        y0, y1 = first.year, last.year + 1
        span = (date(y1, 1, 1) - date(y0, 1, 1)).days

        def x_of(d: date) -> float:
            return left + (d - date(y0, 1, 1)).days / span * (width - left - right)

        lane_h, top = 22, 10
        parts: list[str] = []
        strip_bottom = top + lane_h * len(lanes)
        step = max(1, (y1 - y0) // 12)
        for year in range(y0, y1 + 1, step):
            x = x_of(date(year, 1, 1))
            parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{strip_bottom}" stroke="#ddd"/>'
                         f'<text x="{x:.1f}" y="{strip_bottom + 14}" text-anchor="middle" '
                         f'style="{_FONT};font-size:10px">{year}</text>')
        for n, lane in enumerate(lanes):
            label, colour = LANES[lane]
            y = top + n * lane_h + lane_h / 2
            parts.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" style="{_FONT};font-size:11px">'
                         f"{esc(label)}</text>")
            for item in (i for i in self.items if i.lane == lane):
                mark = (f'<circle cx="{x_of(item.when):.1f}" cy="{y:.1f}" r="5" fill="{colour}" '
                        f'fill-opacity="0.8" stroke="#fff"><title>{esc(item.lexical)}: {esc(item.label)}</title></circle>')
                parts.append(self._link(item, href, mark, "kg-tick"))
        # the list
        y = strip_bottom + 20
        current: int | None = None
        for item in self.items:
            if item.when.year != current:
                current = item.when.year
                y += 28
                parts.append(f'<text x="4" y="{y}" style="{_FONT};font-size:13px;font-weight:600">{current}</text>')
            else:
                y += 18
            colour = LANES[item.lane][1]
            row = (f'<circle cx="{left - 72}" cy="{y - 4}" r="5" fill="{colour}"/>'
                   f'<text x="{left - 62}" y="{y}" style="{_FONT};font-size:11px" fill="#555">{esc(item.lexical[:10])}</text>'
                   f'<text x="{left + 18}" y="{y}" style="{_FONT};font-size:12px">'
                   f"{esc(truncate(item.label, 72))}<title>{esc(LANES[item.lane][0])}: {esc(item.label)}</title></text>")
            parts.append(self._link(item, href, row, "kg-item"))
        total = y + 12
        return (f'<svg xmlns="http://www.w3.org/2000/svg" class="kg-chart kg-timeline" data-chart="timeline" '
                f'width="{width}" height="{total}" viewBox="0 0 {width} {total}" role="img" '
                f'aria-label="{esc(self.title)}"><title>{esc(self.title)}</title>{"".join(parts)}</svg>')

    @staticmethod
    def _link(item: Item, href: Href, inner: str, cls: str) -> str:
        attrs = (f'class="{cls}" data-item="{esc(item.iri)}" data-date="{esc(item.when.isoformat())}" '
                 f'data-lane="{item.lane}"')
        target = href(item.iri)
        return f'<a href="{esc(target)}" {attrs}>{inner}</a>' if target else f"<g {attrs}>{inner}</g>"


def timeline(store: Any, params: Mapping[str, str] | None = None, *, timeout: float | None = None) -> Timeline:
    """The dated releases and events of ``store``; ``match`` keeps the items whose label
    holds it (case-insensitive)."""
    match = ((params or {}).get("match") or "").lower()
    res = store.query(TIMELINE_QUERY, timeout=timeout)
    items: dict[str, Item] = {}
    classes: dict[str, set[str]] = {}
    organisers: dict[str, str] = {}
    for r in res.rows:
        iri = str(r["item"])
        if r.get("cls") is not None:
            classes.setdefault(iri, set()).add(str(r["cls"]))
        if r.get("organiser") is not None:
            organisers.setdefault(iri, str(r["organiser"]))
        when = _parse(str(r["date"]))
        if when is None:
            continue
        label = str(r["label"]) if r.get("label") is not None else ""
        old = items.get(iri)
        if old is None or when < old.when:
            lane = "release" if str(r["kind"]) == "release" else "event"
            items[iri] = Item(iri, lane, when, str(r["date"]), label)
    for iri, item in items.items():
        if item.lane == "event":
            item.lane = next((lane for cls, lane in _LANE_OF_CLASS.items() if cls in classes.get(iri, ())), "event")
        if not item.label:  # an unnamed event is told by its kind and organiser
            kind = _SINGULAR[item.lane]
            item.label = f"{kind} of {organisers[iri]}" if iri in organisers else kind
    chosen = [i for i in items.values() if not match or match in i.label.lower()]
    chosen.sort(key=lambda i: (i.when, i.lane != "release", i.label))
    return Timeline("Events and releases" + (f" matching \u201c{match}\u201d" if match else ""), chosen)

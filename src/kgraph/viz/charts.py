"""Charts of the figures in the graph, drawn as SVG on the server.

The observations (``qb:Observation``) are read once with SPARQL, with their indicator, scope,
area, period, unit, release and quote; a chart then groups them:

* ``indicator-series``: one panel per scope (and area, counterpart, unit) of one indicator;
  levels as a line over the periods, changes (``*_change``) as signed columns. Values a
  single release states twice for the same period with different numbers are ringed red.
* ``world-export-share``: the shares of world exports ranked per period, as bars.
* ``release-figures``: per release, the changes as signed bars, the shares as bars on a
  0-100 scale and the levels as bars per unit.

Each mark is a link to its fact (``href``) with the quote as tooltip, and carries
``data-value`` / ``data-fact`` / ``data-period`` so that a test (or a script) can read the
drawn values back. No JavaScript: the SVG fits a page whose policy forbids scripts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ParameterError
from ._svg import Href, esc, format_value, nice_ticks, period_key, to_float, truncate

__all__ = [
    "CHARTS",
    "Chart",
    "Figure",
    "Panel",
    "chart",
    "chart_html",
    "figure_kind",
    "load_figures",
    "iri_href",
]

WIDTH = 720
_FONT = "font-family:system-ui,sans-serif"
_BLUE, _ORANGE, _GREEN, _GREY, _RED = "#0072B2", "#D55E00", "#009E73", "#888888", "#C0392B"

FIGURES_QUERY = """\
SELECT DISTINCT ?obs ?indicator ?indicatorLabel ?value ?unit ?period ?scope ?area ?counterpart
       ?release ?source ?published ?quote ?start ?end ?status WHERE {
  ?obs a qb:Observation ; kg:indicator ?ind ; sdmx-measure:obsValue ?value ; kg:statedIn ?release .
  { SELECT DISTINCT ?ind ?indicator WHERE { ?ind skos:notation ?indicator } }
  OPTIONAL { SELECT DISTINCT ?ind ?indicatorLabel WHERE {
    ?ind skos:prefLabel ?indicatorLabel FILTER(LANGMATCHES(LANG(?indicatorLabel), "en")) } }
  OPTIONAL { ?release kg:sourceFile ?source }
  OPTIONAL { ?release dct:date ?published }
  OPTIONAL { ?obs sdmx-attribute:unitMeasure ?u .
             { SELECT DISTINCT ?u ?unit WHERE { ?u skos:notation ?unit } } }
  OPTIONAL { ?obs sdmx-dimension:refPeriod ?per .
             { SELECT DISTINCT ?per ?period WHERE { ?per skos:notation ?period } } }
  OPTIONAL { ?obs kg:scope ?sc . { SELECT DISTINCT ?sc ?scope WHERE {
    ?sc skos:prefLabel ?scope FILTER(LANGMATCHES(LANG(?scope), "en")) } } }
  OPTIONAL { ?obs sdmx-dimension:refArea ?a . { SELECT DISTINCT ?a ?area WHERE {
    ?a skos:prefLabel ?area FILTER(LANGMATCHES(LANG(?area), "en")) } } }
  OPTIONAL { ?obs kg:counterpart ?cp . { SELECT DISTINCT ?cp ?counterpart WHERE {
    ?cp skos:prefLabel ?counterpart FILTER(LANGMATCHES(LANG(?counterpart), "en")) } } }
  OPTIONAL { ?obs kg:obsStatus ?s . { SELECT DISTINCT ?s ?status WHERE { ?s skos:notation ?status } } }
  OPTIONAL { ?obs prov:wasDerivedFrom ?ann . ?ann oa:hasSelector ?qs . ?qs oa:exact ?quote .
             OPTIONAL { ?ann oa:hasSelector ?ps . ?ps oa:start ?start ; oa:end ?end } }
}
"""


@dataclass(frozen=True)
class Figure:
    """One observation as the charts use it."""

    iri: str
    indicator: str
    indicator_label: str
    value: float
    lexical: str
    unit: str | None
    period: str | None
    scope: str | None
    area: str | None
    counterpart: str | None
    release: str
    source: str | None
    published: str | None
    quote: str | None
    start: int | None
    end: int | None
    status: str | None

    @property
    def kind(self) -> str:
        return figure_kind(self.indicator, self.unit)

    def tooltip(self) -> str:
        parts = [f"{self.indicator_label}: {format_value(self.value, self.unit, signed=self.kind == 'change')}"]
        dims = ", ".join(d for d in (self.scope, self.area, self.counterpart, self.period) if d)
        if dims:
            parts.append(dims)
        if self.status:
            parts.append(f"({self.status})")
        if self.quote:
            parts.append(f"\u201c{self.quote}\u201d")
        parts.append(f"source: {self.source or self.release}")
        return "\n".join(parts)


def figure_kind(indicator: str, unit: str | None) -> str:
    """``change`` (signed bars), ``share`` (0-100 bars) or ``level`` (lines)."""
    if indicator.endswith("_change"):
        return "change"
    if indicator.endswith(("_share", "_ratio")) or (unit == "percent"):
        return "share"
    return "level"


def _str(row: Mapping[str, Any], key: str) -> str | None:
    value = row.get(key)
    return None if value is None else str(value)


def _int(row: Mapping[str, Any], key: str) -> int | None:
    value = row.get(key)
    try:
        return None if value is None else int(str(value))
    except ValueError:
        return None


def load_figures(store: Any, *, timeout: float | None = None) -> list[Figure]:
    """Every observation of the store with a numeric value, one per observation IRI (the
    quote with the smallest start offset when it has several)."""
    result = store.query(FIGURES_QUERY, timeout=timeout)
    best: dict[str, Figure] = {}
    for row in result.rows:
        value = to_float(row.get("value"))
        if value is None:
            continue
        fig = Figure(
            iri=str(row["obs"]), indicator=str(row["indicator"]),
            indicator_label=_str(row, "indicatorLabel") or str(row["indicator"]).replace("_", " "),
            value=value, lexical=str(row["value"]), unit=_str(row, "unit"),
            period=_str(row, "period"), scope=_str(row, "scope"), area=_str(row, "area"),
            counterpart=_str(row, "counterpart"), release=str(row["release"]),
            source=_str(row, "source"), published=_str(row, "published"), quote=_str(row, "quote"),
            start=_int(row, "start"), end=_int(row, "end"), status=_str(row, "status"),
        )
        old = best.get(fig.iri)
        if old is None or (fig.start is not None and (old.start is None or fig.start < old.start)):
            best[fig.iri] = fig
    return sorted(best.values(), key=lambda f: (f.indicator, f.scope or "", period_key(f.period),
                                                f.published or "", f.iri))


# --- the drawing ------------------------------------------------------------------------


@dataclass
class Mark:
    """One drawn value: a point or a bar."""

    figure: Figure
    label: str
    conflict: bool = False


@dataclass
class Panel:
    """One plot of a chart: ``style`` is ``line``, ``columns`` (signed, over periods) or
    ``bars`` (horizontal, ``signed`` or from zero)."""

    title: str
    style: str
    marks: list[Mark]
    unit: str | None = None
    signed: bool = False
    note: str = ""


@dataclass
class Chart:
    """A titled stack of panels; :meth:`svg` draws it as one SVG element."""

    name: str
    title: str
    panels: list[Panel] = field(default_factory=list)
    empty_message: str = "No figures match."

    @property
    def marks(self) -> list[Mark]:
        return [m for p in self.panels for m in p.marks]

    def svg(self, href: Href) -> str:
        parts: list[str] = []
        y = 0
        for panel in self.panels:
            body, height = _draw_panel(panel, href)
            parts.append(f'<g class="kg-panel" transform="translate(0,{y})">{body}</g>')
            y += height + 16
        if not self.panels:
            parts.append(f'<text x="10" y="24" style="{_FONT};font-size:14px">{esc(self.empty_message)}</text>')
            y = 40
        return (f'<svg xmlns="http://www.w3.org/2000/svg" class="kg-chart" data-chart="{esc(self.name)}" '
                f'width="{WIDTH}" height="{max(y, 40)}" viewBox="0 0 {WIDTH} {max(y, 40)}" role="img" '
                f'aria-label="{esc(self.title)}"><title>{esc(self.title)}</title>{"".join(parts)}</svg>')


def _link(mark: Mark, href: Href, inner: str) -> str:
    target = href(mark.figure.iri)
    f = mark.figure
    attrs = (f'class="kg-mark{" kg-conflict" if mark.conflict else ""}" data-fact="{esc(f.iri)}" '
             f'data-value="{esc(f.lexical)}" data-period="{esc(f.period or "")}" '
             f'data-label="{esc(mark.label)}" data-unit="{esc(f.unit or "")}"')
    tip = f"<title>{esc(f.tooltip())}</title>"
    if target is None:
        return f"<g {attrs}>{tip}{inner}</g>"
    return f'<a href="{esc(target)}" {attrs}>{tip}{inner}</a>'


def _panel_title(panel: Panel) -> str:
    note = f' <tspan fill="{_RED}">{esc(panel.note)}</tspan>' if panel.note else ""
    return (f'<text class="kg-panel-title" x="4" y="16" style="{_FONT};font-size:13px;font-weight:600">'
            f"{esc(truncate(panel.title, 110))}{note}</text>")


def _draw_panel(panel: Panel, href: Href) -> tuple[str, int]:
    if panel.style == "bars":
        return _draw_bars(panel, href)
    return _draw_series(panel, href)


def _draw_bars(panel: Panel, href: Href) -> tuple[str, int]:
    """Horizontal bars, one row per mark; signed bars grow both ways from a zero line."""
    row_h, top, label_w, value_w = 22, 28, 290, 70
    plot_x0, plot_x1 = label_w + 8, WIDTH - value_w
    values = [m.figure.value for m in panel.marks]
    if panel.unit == "percent" and not panel.signed and values and max(values) <= 100 and min(values) >= 0:
        lo, hi = 0.0, 100.0
    elif panel.signed:
        # zero in the middle, room on both sides for the value labels
        reach = max(abs(v) for v in values) * 1.2 or 1.0
        lo, hi = -reach, reach
    else:
        lo, hi = min(0.0, *values), max(0.0, *values) * 1.15
        if lo == hi:
            hi = lo + 1
    scale = (plot_x1 - plot_x0) / (hi - lo)
    zero = plot_x0 + (0 - lo) * scale
    out = [_panel_title(panel)]
    out.append(f'<line x1="{zero:.1f}" y1="{top - 4}" x2="{zero:.1f}" '
               f'y2="{top + row_h * len(panel.marks)}" stroke="#444" stroke-width="1"/>')
    for i, mark in enumerate(panel.marks):
        y = top + i * row_h
        v = mark.figure.value
        x = zero + v * scale
        x0, w = (x, zero - x) if v < 0 else (zero, x - zero)
        colour = _ORANGE if v < 0 else (_BLUE if panel.signed or mark.figure.kind != "share" else _GREEN)
        stroke = f' stroke="{_RED}" stroke-width="2"' if mark.conflict else ""
        text = format_value(v, mark.figure.unit, signed=panel.signed)
        tx = (x0 - 4, "end") if v < 0 else (x0 + w + 4, "start")
        inner = (f'<rect x="{x0:.1f}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row_h - 6}" '
                 f'fill="{colour}"{stroke}/>'
                 f'<text class="kg-value" x="{tx[0]:.1f}" y="{y + row_h - 7}" text-anchor="{tx[1]}" '
                 f'style="{_FONT};font-size:11px">{esc(text)}</text>')
        out.append(f'<text class="kg-bar-label" x="{label_w}" y="{y + row_h - 7}" text-anchor="end" '
                   f'style="{_FONT};font-size:11px">{esc(truncate(mark.label, 46))}</text>')
        out.append(_link(mark, href, inner))
    return "".join(out), top + row_h * len(panel.marks) + 6


def _draw_series(panel: Panel, href: Href) -> tuple[str, int]:
    """Periods along x (in time order); a line through the latest value of each period, or
    signed columns; every stated value is drawn, revisions of one period side by side."""
    height, top, left, right, bottom = 200, 28, 80, 20, 36
    periods = sorted({m.figure.period or "" for m in panel.marks}, key=period_key)
    values = [m.figure.value for m in panel.marks]
    lo, hi = min(values), max(values)
    if panel.style == "columns" or lo >= 0:
        lo = min(0.0, lo)
    if panel.style == "columns":
        hi = max(0.0, hi)
    ticks = nice_ticks(lo, hi)
    lo, hi = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    step = plot_w / max(1, len(periods))

    def y_of(v: float) -> float:
        return top + plot_h - (v - lo) / (hi - lo) * plot_h

    def x_of(p: str) -> float:
        return left + step * (periods.index(p) + 0.5)

    out = [_panel_title(panel)]
    for t in ticks:
        y = y_of(t)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" stroke="#e3e3e3"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" style="{_FONT};font-size:10px" '
                   f'fill="#555">{esc(format_value(t, panel.unit, signed=panel.signed))}</text>')
    if lo < 0 < hi:
        out.append(f'<line x1="{left}" y1="{y_of(0):.1f}" x2="{WIDTH - right}" y2="{y_of(0):.1f}" stroke="#444"/>')
    for p in periods:
        out.append(f'<text class="kg-period" x="{x_of(p):.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                   f'style="{_FONT};font-size:10px">{esc(truncate(p, 16))}</text>')
    by_period: dict[str, list[Mark]] = defaultdict(list)
    for m in panel.marks:
        by_period[m.figure.period or ""].append(m)
    if panel.style == "line":
        latest = [max(by_period[p], key=lambda m: (m.figure.published or "", m.figure.iri)) for p in periods]
        if len(latest) > 1:
            pts = " ".join(f"{x_of(m.figure.period or ''):.1f},{y_of(m.figure.value):.1f}" for m in latest)
            out.append(f'<polyline points="{pts}" fill="none" stroke="{_BLUE}" stroke-width="2"/>')
    show_labels = len(panel.marks) <= 16
    for p in periods:
        group = by_period[p]
        width = min(36.0, step * 0.8 / len(group))
        for i, m in enumerate(group):
            cx = x_of(p) + (i - (len(group) - 1) / 2) * (width if panel.style == "columns" else 10)
            v = m.figure.value
            text = format_value(v, m.figure.unit, signed=panel.signed)
            label = (f'<text class="kg-value" x="{cx:.1f}" y="{(y_of(v) - 7) if v >= 0 else (y_of(v) + 14):.1f}" '
                     f'text-anchor="middle" style="{_FONT};font-size:10px">{esc(text)}</text>') if show_labels else ""
            ring = f' stroke="{_RED}" stroke-width="3"' if m.conflict else ' stroke="#fff" stroke-width="1"'
            if panel.style == "columns":
                y0, y1 = sorted((y_of(0), y_of(v)))
                colour = _ORANGE if v < 0 else _BLUE
                inner = (f'<rect x="{cx - width / 2:.1f}" y="{y0:.1f}" width="{width:.1f}" '
                         f'height="{max(y1 - y0, 1):.1f}" fill="{colour}"{ring}/>{label}')
            else:
                inner = f'<circle cx="{cx:.1f}" cy="{y_of(v):.1f}" r="5" fill="{_BLUE}"{ring}/>{label}'
            out.append(_link(m, href, inner))
    return "".join(out), height


# --- the named charts ----------------------------------------------------------------


def _conflicts(figures: Iterable[Figure]) -> set[str]:
    """Figures one release states twice for the same thing and period with different values."""
    seen: dict[tuple[Any, ...], set[float]] = defaultdict(set)
    members: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    for f in figures:
        key = (f.release, f.indicator, f.scope, f.area, f.counterpart, f.period, f.unit)
        seen[key].add(f.value)
        members[key].append(f.iri)
    return {iri for key, vals in seen.items() if len(vals) > 1 for iri in members[key]}


def _dims(f: Figure, *, scope: bool = True) -> str:
    parts = [f.scope if scope else None, f.area]
    if f.counterpart:
        parts.append(f"to {f.counterpart}")
    return " \u00b7 ".join(p for p in parts if p)


def _indicator_series(figures: list[Figure], params: Mapping[str, str]) -> Chart:
    indicator = params.get("indicator") or "turnover"
    scope = (params.get("scope") or "").lower()
    chosen = [f for f in figures if f.indicator == indicator and scope in (f.scope or "").lower()]
    title = f"{chosen[0].indicator_label if chosen else indicator} over time"
    chart = Chart("indicator-series", title, empty_message=f"No figures of {indicator!r} match.")
    conflicts = _conflicts(chosen)
    groups: dict[tuple[Any, ...], list[Figure]] = defaultdict(list)
    for f in chosen:
        groups[(f.scope or "", f.area or "", f.counterpart or "", f.unit or "")].append(f)
    for (_sc, _area, _cp, unit), figs in sorted(groups.items()):
        first = figs[0]
        kind = first.kind
        marks = [Mark(f, f.period or "", f.iri in conflicts) for f in figs]
        note = " \u2014 conflicting values in one release" if any(m.conflict for m in marks) else ""
        head = " \u00b7 ".join(p for p in (first.indicator_label, _dims(first) or "no scope") if p)
        chart.panels.append(Panel(f"{head} ({unit or 'no unit'})", "columns" if kind == "change" else "line",
                                  marks, unit=unit or None, signed=kind == "change", note=note))
    return chart


def _world_export_share(figures: list[Figure], params: Mapping[str, str]) -> Chart:
    period = params.get("period") or ""
    try:
        minimum = float(params.get("minShare") or 0)
    except ValueError:
        raise ParameterError(f"minShare must be a number, not {params.get('minShare')!r}") from None
    chosen = [f for f in figures if f.indicator == "world_export_share" and f.scope
              and (not period or f.period == period) and f.value >= minimum]
    chart = Chart("world-export-share", "Share of world exports by segment, ranked",
                  empty_message="No world export shares match.")
    conflicts = _conflicts(chosen)
    groups: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for f in chosen:
        groups[(f.period or "", f.area or "")].append(f)
    for (per, area), figs in sorted(groups.items(), key=lambda kv: period_key(kv[0][0]), reverse=True):
        figs.sort(key=lambda f: (-f.value, f.scope or ""))
        marks = [Mark(f, f.scope or "", f.iri in conflicts) for f in figs]
        chart.panels.append(Panel(f"Share of world exports, {per or 'no period'}" + (f" ({area})" if area else ""), "bars", marks,
                                  unit="percent"))
    return chart


def _release_figures(figures: list[Figure], params: Mapping[str, str]) -> Chart:
    release = (params.get("release") or "").lower()
    chosen = [f for f in figures if release in (f.source or f.release).lower()]
    chart = Chart("release-figures", "Figures of the releases", empty_message="No figures match.")
    conflicts = _conflicts(chosen)
    by_release: dict[str, list[Figure]] = defaultdict(list)
    for f in chosen:
        by_release[f.source or f.release].append(f)
    for source in sorted(by_release, key=lambda s: (by_release[s][0].published or "", s)):
        figs = by_release[source]
        groups: dict[tuple[str, str], list[Figure]] = defaultdict(list)
        for f in figs:
            kind = f.kind
            groups[(kind, f.unit or "" if kind == "level" else "percent")].append(f)
        order = {"change": 0, "share": 1, "level": 2}
        for (kind, unit), group in sorted(groups.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
            group.sort(key=lambda f: (f.indicator, f.scope or "", period_key(f.period)))
            marks = [Mark(f, " \u00b7 ".join(p for p in (f.indicator_label, _dims(f), f.period) if p),
                          f.iri in conflicts) for f in group]
            what = {"change": "changes", "share": "shares", "level": f"levels ({unit or 'no unit'})"}[kind]
            note = " \u2014 conflicting values" if any(m.conflict for m in marks) else ""
            chart.panels.append(Panel(f"{source}: {what}", "bars", marks, unit=unit or None,
                                      signed=kind == "change", note=note))
    return chart


CHARTS: dict[str, Callable[[list[Figure], Mapping[str, str]], Chart]] = {
    "indicator-series": _indicator_series,
    "world-export-share": _world_export_share,
    "release-figures": _release_figures,
}
"""Chart builders by the name of the named query they draw (same parameters)."""


def chart(name: str, store: Any, params: Mapping[str, str] | None = None, *,
          timeout: float | None = None, figures: Sequence[Figure] | None = None) -> Chart:
    """The chart ``name`` (a key of :data:`CHARTS`) on the figures of ``store``.

    Raises:
        ParameterError: no chart has that name, or a parameter is not usable.
    """
    builder = CHARTS.get(name)
    if builder is None:
        raise ParameterError(f"no chart named {name!r}; charts: {', '.join(sorted(CHARTS))}")
    figs = list(figures) if figures is not None else load_figures(store, timeout=timeout)
    return builder(figs, dict(params or {}))


def iri_href(iri: str) -> str | None:
    """Links in files written to disk: the IRI itself when it is http(s), else none."""
    return iri if iri.startswith(("http://", "https://")) else None


def chart_html(title: str, svg: str) -> str:
    """A standalone page around an SVG: no script, nothing loaded from anywhere."""
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:\">"
            f"<title>{esc(title)}</title></head><body style=\"font-family:system-ui,sans-serif\">"
            f"<h1 style=\"font-size:1.3em\">{esc(title)}</h1>\n{svg}\n</body></html>\n")


"""The drawn views by name, for the server's pages and ``kgraph chart``.

A view is an SVG made on the server (:mod:`.charts`, :mod:`.timeline`, :mod:`.worldmap`)
with links on its marks; :func:`render` draws one from a store. :data:`QUERY_VIEWS` says
which view a named query's page shows above its table (with the query's parameters).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ParameterError
from . import charts
from ._svg import Href, esc

__all__ = ["QUERY_VIEWS", "VIEWS", "InlinePage", "View", "render"]


@dataclass(frozen=True)
class View:
    """A drawn view: its title, the SVG and how many marks (points, bars, countries) it has."""

    name: str
    title: str
    svg: str
    marks: int

    def html(self) -> str:
        return charts.chart_html(self.title, self.svg)

    def _repr_svg_(self) -> str:
        return self.svg


@dataclass(frozen=True)
class InlinePage:
    """A self-contained page (the network view) that a notebook shows in a sandboxed frame."""

    html: str
    height: int = 600

    def _repr_html_(self) -> str:
        # srcdoc holds the page as an attribute value: escaped, it cannot leave the frame
        return (f'<iframe sandbox="allow-scripts" style="width:100%;height:{self.height}px;border:0" '
                f'srcdoc="{esc(self.html)}"></iframe>')


def _figure_view(name: str) -> Callable[..., View]:
    def draw(store: Any, params: Mapping[str, str], href: Href, timeout: float | None) -> View:
        c = charts.chart(name, store, params, timeout=timeout)
        return View(name, c.title, c.svg(href), len(c.marks))

    return draw


def _timeline(store: Any, params: Mapping[str, str], href: Href, timeout: float | None) -> View:
    from . import timeline

    t = timeline.timeline(store, params, timeout=timeout)
    return View("timeline", t.title, t.svg(href), len(t.items))


def _market_map(store: Any, params: Mapping[str, str], href: Href, timeout: float | None) -> View:
    from . import worldmap

    m = worldmap.market_map(store, params, timeout=timeout)
    return View("market-map", m.title, m.svg(href), len(m.countries) + len(m.others))


VIEWS: dict[str, Callable[..., View]] = {
    **{name: _figure_view(name) for name in charts.CHARTS},
    "timeline": _timeline,
    "market-map": _market_map,
}

QUERY_VIEWS: dict[str, str] = {
    "indicator-series": "indicator-series",
    "world-export-share": "world-export-share",
    "release-figures": "release-figures",
    "releases": "timeline",
    "event-programme": "timeline",
    "markets-by-relation": "market-map",
}
"""The view a named query's page draws above its table, by query name."""


def render(name: str, store: Any, params: Mapping[str, str] | None = None, *,
           href: Href = charts.iri_href, timeout: float | None = None) -> View:
    """Draw the view ``name`` of ``store``; ``href`` turns fact IRIs into link targets.

    Raises:
        ParameterError: no view has that name, or a parameter is not usable.
    """
    draw = VIEWS.get(name)
    if draw is None:
        raise ParameterError(f"no chart named {name!r}; charts: {', '.join(VIEWS)}")
    return draw(store, dict(params or {}), href, timeout)

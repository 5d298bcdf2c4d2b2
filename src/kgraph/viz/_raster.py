"""PNG pictures of the views: the SVG the server draws, painted with matplotlib.

The charts, the map and the timeline are SVG written by this package, from a small set of
elements (``svg``, ``g`` and ``a`` with ``translate``/``scale`` transforms, ``rect``,
``line``, ``circle``, ``polyline``, ``path`` with absolute or relative M/L/H/V/Z, ``text``
with ``tspan``). This module paints exactly that subset onto a matplotlib Agg canvas, so a
PNG is the same picture as the SVG with no browser and no other dependency than the
``viz`` extra (matplotlib, already used for the network pictures). Tooltips (``title``)
are left out, as a picture cannot show them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["svg_to_png"]

_SVG_NS = "{http://www.w3.org/2000/svg}"
_TOKEN = re.compile(r"[MLHVZmlhvz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TRANSFORM = re.compile(r"(translate|scale)\(\s*([^)]*)\)")
_ANCHOR = {"start": "left", "middle": "center", "end": "right"}


@dataclass(frozen=True)
class _Style:
    """What an element inherits: the affine map to the page and the paint properties."""

    sx: float = 1.0
    sy: float = 1.0
    tx: float = 0.0
    ty: float = 0.0
    fill: str = "#000000"
    stroke: str = "none"
    stroke_width: float = 1.0
    fill_opacity: float = 1.0
    font_size: float = 16.0
    font_weight: str = "normal"
    anchor: str = "start"

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return self.sx * x + self.tx, self.sy * y + self.ty


def _num(value: str | None, default: float = 0.0) -> float:
    if value is None:
        return default
    m = re.match(r"\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)", value)
    return float(m.group(1)) if m else default


def _styled(el: ET.Element, style: _Style) -> _Style:
    attrs = dict(el.attrib)
    for decl in attrs.pop("style", "").split(";"):  # inline CSS overrides nothing we set twice
        name, _, value = decl.partition(":")
        if value.strip():
            attrs.setdefault(name.strip(), value.strip())
    changes: dict[str, Any] = {}
    for m in _TRANSFORM.finditer(attrs.get("transform", "")):
        args = [float(a) for a in re.split(r"[\s,]+", m.group(2).strip()) if a]
        s = style if not changes else replace(style, **changes)
        if m.group(1) == "translate":
            dx, dy = (args + [0.0, 0.0])[:2]
            changes.update(tx=s.tx + s.sx * dx, ty=s.ty + s.sy * dy)
        else:
            kx = args[0] if args else 1.0
            ky = args[1] if len(args) > 1 else kx
            changes.update(sx=s.sx * kx, sy=s.sy * ky)
    if "fill" in attrs:
        changes["fill"] = attrs["fill"]
    if "stroke" in attrs:
        changes["stroke"] = attrs["stroke"]
    if "stroke-width" in attrs:
        changes["stroke_width"] = _num(attrs["stroke-width"], 1.0)
    if "fill-opacity" in attrs:
        changes["fill_opacity"] = _num(attrs["fill-opacity"], 1.0)
    if "font-size" in attrs:
        changes["font_size"] = _num(attrs["font-size"], 16.0)
    if "font-weight" in attrs:
        changes["font_weight"] = "bold" if attrs["font-weight"] in ("bold", "600", "700", "800", "900") else "normal"
    if "text-anchor" in attrs:
        changes["anchor"] = attrs["text-anchor"]
    return replace(style, **changes) if changes else style


def _colour(value: str) -> str | None:
    value = value.strip()
    return None if value in ("none", "transparent", "") else value


def _path(d: str, style: _Style) -> Any:
    """A matplotlib Path from SVG path data of straight segments."""
    from matplotlib.path import Path as MplPath

    verts: list[tuple[float, float]] = []
    codes: list[Any] = []  # matplotlib path codes (numpy uint8)
    x = y = 0.0
    start = (0.0, 0.0)
    command = "M"
    tokens = _TOKEN.findall(d)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.isalpha():
            command = tok
            i += 1
            if command in "Zz":
                verts.append(style.xy(*start))
                codes.append(MplPath.CLOSEPOLY)
                x, y = start
            continue
        rel = command.islower()
        c = command.upper()
        if c in "ML":
            if i + 1 >= len(tokens):
                break
            nx_, ny_ = float(tokens[i]), float(tokens[i + 1])
            i += 2
            x, y = (x + nx_, y + ny_) if rel else (nx_, ny_)
        elif c == "H":
            x = x + float(tokens[i]) if rel else float(tokens[i])
            i += 1
        elif c == "V":
            y = y + float(tokens[i]) if rel else float(tokens[i])
            i += 1
        else:  # pragma: no cover - only straight segments are drawn by this package
            i += 1
            continue
        if c == "M":
            start = (x, y)
            codes.append(MplPath.MOVETO)
            command = "l" if rel else "L"  # further pairs after M are line-tos
        else:
            codes.append(MplPath.LINETO)
        verts.append(style.xy(x, y))
    return MplPath(verts, codes) if verts else None


def _text_of(el: ET.Element) -> list[tuple[str, str | None]]:
    """The text runs of a ``text`` element (tspans with their own fill), without titles."""
    runs: list[tuple[str, str | None]] = [(el.text or "", None)]
    for child in el:
        if child.tag.removeprefix(_SVG_NS) == "tspan":
            runs.append((child.text or "", child.get("fill")))
        runs.append((child.tail or "", None))
    return [(t, c) for t, c in runs if t]


class _Painter:
    def __init__(self, ax: Any) -> None:
        self.ax = ax
        self.z = 0.0

    def _next_z(self) -> float:
        self.z += 0.001  # document order is painting order
        return self.z

    def walk(self, el: ET.Element, style: _Style) -> None:
        tag = el.tag.removeprefix(_SVG_NS)
        if tag == "title":
            return
        style = _styled(el, style)
        draw = getattr(self, f"draw_{tag}", None)
        if draw is not None:
            draw(el, style)
        if tag in ("svg", "g", "a"):
            for child in el:
                self.walk(child, style)

    def _patch(self, patch: Any, style: _Style) -> None:
        fill, stroke = _colour(style.fill), _colour(style.stroke)
        patch.set_facecolor(fill if fill else "none")
        if fill:
            patch.set_alpha(None)
            face = patch.get_facecolor()
            patch.set_facecolor((face[0], face[1], face[2], style.fill_opacity))
        patch.set_edgecolor(stroke if stroke else "none")
        patch.set_linewidth(style.stroke_width * abs(style.sx) if stroke else 0.0)
        patch.set_zorder(self._next_z())
        self.ax.add_patch(patch)

    def draw_rect(self, el: ET.Element, style: _Style) -> None:
        from matplotlib.patches import Rectangle

        x, y = style.xy(_num(el.get("x")), _num(el.get("y")))
        w, h = _num(el.get("width")) * style.sx, _num(el.get("height")) * style.sy
        if w > 0 and h > 0:
            self._patch(Rectangle((x, y), w, h), style)

    def draw_circle(self, el: ET.Element, style: _Style) -> None:
        from matplotlib.patches import Circle

        x, y = style.xy(_num(el.get("cx")), _num(el.get("cy")))
        self._patch(Circle((x, y), _num(el.get("r")) * abs(style.sx)), style)

    def draw_path(self, el: ET.Element, style: _Style) -> None:
        from matplotlib.patches import PathPatch

        path = _path(el.get("d", ""), style)
        if path is not None:
            self._patch(PathPatch(path), style)

    def _lines(self, points: list[tuple[float, float]], style: _Style) -> None:
        stroke = _colour(style.stroke)
        if stroke and len(points) > 1:
            xs, ys = zip(*(style.xy(px, py) for px, py in points), strict=True)
            self.ax.plot(xs, ys, color=stroke, linewidth=style.stroke_width * abs(style.sx),
                         solid_capstyle="butt", zorder=self._next_z())

    def draw_line(self, el: ET.Element, style: _Style) -> None:
        self._lines([(_num(el.get("x1")), _num(el.get("y1"))),
                     (_num(el.get("x2")), _num(el.get("y2")))], style)

    def draw_polyline(self, el: ET.Element, style: _Style) -> None:
        numbers = [float(n) for n in re.findall(r"[-+]?(?:\d+\.?\d*|\.\d+)", el.get("points", ""))]
        self._lines(list(zip(numbers[::2], numbers[1::2], strict=False)), style)

    def draw_text(self, el: ET.Element, style: _Style) -> None:
        runs = _text_of(el)
        if not runs:
            return
        text = "".join(t for t, _ in runs)
        colour = _colour(style.fill) or "#000000"
        x, y = style.xy(_num(el.get("x")), _num(el.get("y")))
        self.ax.text(x, y, text, ha=_ANCHOR.get(style.anchor, "left"), va="baseline",
                     fontsize=style.font_size * abs(style.sy), fontweight=style.font_weight,
                     color=colour, zorder=self._next_z(), family="DejaVu Sans")


def svg_to_png(svg: str, path: str | Path, *, scale: float = 2.0, background: str = "#ffffff") -> Path:
    """Paint ``svg`` (a view of this package) into the PNG ``path``: ``scale`` pixels per
    SVG unit, so a 720-wide chart gives a 1440-pixel-wide picture at the default.

    Raises:
        InputError: matplotlib is missing (the ``viz`` extra), the SVG cannot be read, or
            ``path`` cannot be written.
    """
    target = Path(path)
    try:
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise InputError("PNG pictures need matplotlib: pip install 'kgraph[viz]'", source=target) from None
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        raise InputError(f"cannot read the SVG to paint it: {exc}", source=target) from None
    width, height = _num(root.get("width"), 720.0), _num(root.get("height"), 400.0)
    view = [float(v) for v in re.split(r"[\s,]+", (root.get("viewBox") or "").strip()) if v]
    base = _Style()
    if len(view) == 4 and view[2] > 0 and view[3] > 0:
        base = _Style(sx=width / view[2], sy=height / view[3], tx=-view[0] * width / view[2],
                      ty=-view[1] * height / view[3])
    # One SVG unit is one point (1/72 inch): font sizes and line widths carry over as they are.
    dpi = 72.0 * scale
    with matplotlib.rc_context({"path.simplify": False}):
        fig = Figure(figsize=(width / 72.0, height / 72.0), dpi=dpi, facecolor=background)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        ax.set_axis_off()
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)
        painter = _Painter(ax)
        for child in root:
            painter.walk(child, base)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            fig.savefig(tmp, format="png", dpi=dpi, facecolor=background)
            tmp.replace(target)
        except OSError as exc:
            raise InputError(f"cannot write the picture: {exc.strerror or exc}", source=target) from None
    return target

"""`kgraph chart --format png`: the view's SVG painted into a real PNG picture."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from test_viz_cli import invoke

from kgraph.store import OxigraphStore
from kgraph.viz import views
from kgraph.viz._raster import svg_to_png

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def svg_size(svg: str) -> tuple[float, float]:
    m = re.match(r'<svg [^>]*?width="([\d.]+)" height="([\d.]+)"', svg)
    assert m is not None
    return float(m.group(1)), float(m.group(2))


def colours(path: Path) -> set[tuple[int, int, int]]:
    from PIL import Image

    with Image.open(path) as im:
        return {c[:3] for _, c in im.convert("RGB").getcolors(maxcolors=1 << 20) or []}


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


@pytest.mark.parametrize("name", ["world-export-share", "market-map", "timeline", "release-figures"])
def test_chart_command_writes_a_png_twice_the_svg_size(sample_store_url: str, tmp_path: Path,
                                                      name: str) -> None:
    out = tmp_path / f"{name}.png"
    result = invoke(sample_store_url, "chart", name, "--format", "png", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out} (")
    svg = tmp_path / f"{name}.svg"
    assert invoke(sample_store_url, "chart", name, "-o", str(svg)).exit_code == 0
    width, height = svg_size(svg.read_text(encoding="utf-8"))
    assert png_size(out) == (round(width * 2), round(height * 2))


def test_the_png_shows_the_marks_of_the_svg(sample_store: OxigraphStore, tmp_path: Path) -> None:
    share = views.render("world-export-share", sample_store)
    found = colours(svg_to_png(share.svg, tmp_path / "share.png"))
    assert rgb("#009E73") in found  # the share bars
    world = views.render("market-map", sample_store)
    found = colours(svg_to_png(world.svg, tmp_path / "map.png"))
    assert rgb("#D55E00") in found and rgb("#CC79A7") in found  # competitor, export priority


def test_png_format_from_the_suffix_and_mismatches_refused(sample_store_url: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(sample_store_url, "chart", "timeline", "--format", "png")
    assert result.exit_code == 0, result.output
    assert png_size(tmp_path / "out" / "timeline.png")[0] == 1440
    result = invoke(sample_store_url, "chart", "timeline", "-o", str(tmp_path / "t.png"))
    assert result.exit_code == 0 and png_size(tmp_path / "t.png")[0] == 1440
    bad = invoke(sample_store_url, "chart", "timeline", "--format", "png", "-o", str(tmp_path / "t.svg"))
    assert bad.exit_code == 2
    bad = invoke(sample_store_url, "chart", "timeline", "--format", "gif")
    assert bad.exit_code == 2


def test_payload_labels_are_painted_as_text(tmp_path: Path) -> None:
    from viz_payloads import PAYLOADS

    from kgraph.viz._svg import esc

    rows = "".join(f'<text x="10" y="{20 + 20 * i}" style="font-size:12px">{esc(p)}</text>'
                   for i, p in enumerate(PAYLOADS))
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120" viewBox="0 0 400 120">'
           f"{rows}</svg>")
    assert png_size(svg_to_png(svg, tmp_path / "p.png", scale=1.0)) == (400, 120)

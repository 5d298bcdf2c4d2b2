"""Make src/kgraph/data/world-110m.json, the country outlines of the market map.

Source: Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com), as
TopoJSON in the npm package world-atlas 2.0.2 (countries-110m.json; ISC licence, Mike
Bostock). Run: python scripts/world_geometry.py path/to/countries-110m.json

The TopoJSON arcs are decoded, projected (equirectangular, longitude -180..180 to
0..360 (rings across the antimeridian moved east whole), latitude 84..-58 to 0..142; Antarctica left out) and written as one SVG path per
country keyed by its ISO 3166-1 numeric code (UN M49), coordinates rounded to 0.1 unit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TOP, BOTTOM = 84.0, -58.0
OUT = Path(__file__).resolve().parents[1] / "src" / "kgraph" / "data" / "world-110m.json"


def main(path: str) -> None:
    topo = json.loads(Path(path).read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        pts: list[tuple[float, float]] = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(arc[1:] if pts else arc)
        return pts

    def proj(lon: float, lat: float) -> str:
        lat = max(BOTTOM, min(TOP, lat))
        return f"{lon + 180:.1f} {TOP - lat:.1f}"

    countries = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        code = geom.get("id")
        if not code or code == "010" or geom["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        parts = []
        for poly in polys:
            for r in poly:
                pts = ring(r)
                if any(abs(a[0] - b[0]) > 180 for a, b in zip(pts, pts[1:], strict=False)):
                    # a ring across the antimeridian: moved east in one piece, the part past
                    # +180 falls outside the map instead of a stroke across the whole world
                    pts = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in pts]
                coords = [proj(lon, lat) for lon, lat in pts]
                dedup = [c for i, c in enumerate(coords) if i == 0 or c != coords[i - 1]]
                if len(dedup) >= 3:
                    parts.append("M" + "L".join(dedup) + "Z")
        countries[code] = {"name": geom["properties"]["name"], "d": "".join(parts)}
    data = {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas 2.0.2 (ISC)",
        "width": 360, "height": TOP - BOTTOM, "countries": dict(sorted(countries.items())),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(countries)} countries, {OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])

"""Make src/kgraph/data/region-members.json: which countries the market map shades for a
region or a group of countries.

Source: the UN Statistics Division's M49 overview table (country or area, M49 code, and the
codes of its region, sub-region and intermediate region), as CSV in English. Run:
python scripts/region_members.py path/to/UNSD-en.csv

M49 regions are keyed by their three-digit code (the ``skos:notation`` of a ``kg:Region``,
see data/codelists/m49-regions.csv); groups without an M49 code (the European Union, the
euro area) by the English names and abbreviations the releases use for them, with their
members as listed below (as of 2023-01-01, when Croatia joined the euro area).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "kgraph" / "data" / "region-members.json"

EU = ("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE").split()
EURO = ("AT BE HR CY EE FI FR DE GR IE IT LV LT LU MT NL PT SK SI ES").split()
# M49 aggregates outside the overview table's hierarchy, as the union of its regions.
COMPOSITES = {"003": ["021", "013", "029"]}  # North America: Northern America, Central America, Caribbean
GROUPS = {
    "EU": (["European Union", "EU", "UE", "Unione europea", "Unione Europea"], EU),
    "EA": (["Euro area", "Eurozone", "Euro zone", "Area euro", "Eurozona"], EURO),
}


def main(path: str) -> None:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    members: dict[str, set[str]] = defaultdict(set)
    by_alpha2: dict[str, str] = {}
    for row in rows:
        code = row["M49 Code"].strip()
        if not code:
            continue
        by_alpha2[row["ISO-alpha2 Code"].strip()] = code
        for key in ("Region Code", "Sub-region Code", "Intermediate Region Code"):
            region = row[key].strip()
            if region:
                members[region].add(code)
    for code, parts in COMPOSITES.items():
        members[code] = set().union(*(members[p] for p in parts))
    groups = {
        key: {"names": names, "members": sorted(by_alpha2[a] for a in alpha2)}
        for key, (names, alpha2) in GROUPS.items()
    }
    out = {
        "source": "UN Statistics Division, Standard country or area codes for statistical use (M49); "
                  "EU and euro area members as of 2023-01-01",
        "regions": {code: sorted(codes) for code, codes in sorted(members.items())},
        "groups": groups,
    }
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(out['regions'])} regions, {len(groups)} groups)")


if __name__ == "__main__":
    main(sys.argv[1])

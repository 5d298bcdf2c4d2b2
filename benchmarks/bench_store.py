"""Store benchmark: load time, peak memory and named-query latency, side by side.

    python benchmarks/bench_store.py                      # 10k and 100k triples
    python benchmarks/bench_store.py --sizes 10k,100k,1M  # on demand: 1M takes minutes

Engines, each measured in its own subprocess (so peak RSS is its own):

* ``rdflib``: rdflib's in-memory ``Dataset(default_union=True)``, queries with
  ``initBindings`` (the baseline);
* ``kgraph``: ``kgraph.open("oxigraph:DIR")``, ``kg.load(file)``, ``kg.query(name, **params)``
  (the whole public path: header parsing done once, parameter typing, VALUES binding,
  result conversion to rdflib terms);
* ``pyoxigraph``: raw ``pyoxigraph.Store(DIR)``, ``store.load(path=...)`` and
  ``store.query(text)`` on the same bound query text, results only materialised (the floor).

The data is a synthetic supply-chain graph that follows the KG contract
(``ontology/README.md``): releases as named graphs with documents, organisations, people and
memberships, events, Data Cube observations, market relations, priorities, drivers,
quotations and Web Annotation provenance, plus ``kgg:derived`` conflicts and ``kgg:links``.
Never part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
KGI = "https://w3id.org/kgraph/id/"
KGG = "https://w3id.org/kgraph/graph/"
KG = "https://w3id.org/kgraph/ontology#"
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/", "schema": "https://schema.org/",
    "qb": "http://purl.org/linked-data/cube#", "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/", "oa": "http://www.w3.org/ns/oa#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "owl": "http://www.w3.org/2002/07/owl#",
    "dim": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "meas": "http://purl.org/linked-data/sdmx/2009/measure#",
    "attr": "http://purl.org/linked-data/sdmx/2009/attribute#",
}
ORG_TYPES = ["TradeAssociation", "Confederation", "GovernmentAgency", "University", "Company",
             "ResearchCentre", "TradeFair", "InnovationDistrict"]
INDICATORS = ["turnover", "turnover_change", "world_export_share", "exports", "production", "orders_change"]
RELATIONS = ["domestic", "destination", "export_priority", "competitor"]
ROLES = ["president", "director-general", "managing-director", "professor", "vice-president", "ceo"]

# parameters valid for the synthetic data, one set per named query
PARAMS: dict[str, dict[str, str]] = {
    "people-roles": {"organisation": "Org 7"},
    "organisations-by-type": {"kind": "University"},
    "event-programme": {"match": "Org 3"},
    "release-figures": {"release": "release-00042"},
    "world-export-share": {"period": "2020"},
    "indicator-series": {"indicator": "turnover", "scope": "segment 3"},
    "markets-by-relation": {"relation": "competitor"},
    "priorities-by-organisation": {"organisation": "Org 5"},
    "entity-facts": {"entity": f"{KGI}org/org-7"},
    "fact-provenance": {"fact": f"{KGI}obs/release-00042/turnover/1"},
    "unlinked-entities": {"kind": "Country"},
    "is-linked": {"entity": f"{KGI}place/country-3"},
    "drivers": {"release": "release-00042"},
    "quotations": {"speaker": "Person 12"},
}


# --- data -------------------------------------------------------------------------------

def _iri(path: str) -> str:
    return f"<{KGI}{path}>"


def _p(prefix: str, local: str) -> str:
    return f"<{NS[prefix]}{local}>"


def _lit(text: str, lang: str | None = None, dtype: str | None = None) -> str:
    if lang:
        return f'"{text}"@{lang}'
    if dtype:
        return f'"{text}"^^<{NS["xsd"]}{dtype}>'
    return f'"{text}"'


def generate(target: int, out: Path, seed: int = 7) -> int:
    """Write about ``target`` quads as N-Quads; returns the exact number written."""
    rnd = random.Random(seed)
    n_releases = max(4, target // 300)
    n_orgs, n_people = max(20, n_releases // 2), max(40, n_releases)
    n_places = 60
    written = 0
    rdf_type, pref, label = _p("rdf", "type"), _p("skos", "prefLabel"), _p("rdfs", "label")

    with out.open("w", encoding="utf-8") as f:
        def quad(s: str, p: str, o: str, g: str) -> None:
            nonlocal written
            f.write(f"{s} {p} {o} {g} .\n")
            written += 1

        def labelled(node: str, cls: str, name: str, g: str) -> None:
            quad(node, rdf_type, cls, g)
            quad(node, pref, _lit(name, "en"), g)
            quad(node, label, _lit(name, "en"), g)

        def annotate(fact: str, rel: str, rel_iri: str, start: int, text: str, g: str) -> None:
            ann = f"annotation/{rel}/{start}-{start + len(text)}"
            quad(fact, _p("prov", "wasDerivedFrom"), _iri(ann), g)
            quad(_iri(ann), rdf_type, _p("oa", "SpecificResource"), g)
            quad(_iri(ann), _p("oa", "hasSource"), rel_iri, g)
            quad(_iri(ann), _p("oa", "hasSelector"), _iri(ann + "/quote"), g)
            quad(_iri(ann), _p("oa", "hasSelector"), _iri(ann + "/position"), g)
            quad(_iri(ann + "/quote"), rdf_type, _p("oa", "TextQuoteSelector"), g)
            quad(_iri(ann + "/quote"), _p("oa", "exact"), _lit(text), g)
            quad(_iri(ann + "/position"), rdf_type, _p("oa", "TextPositionSelector"), g)
            quad(_iri(ann + "/position"), _p("oa", "start"), _lit(str(start), dtype="nonNegativeInteger"), g)
            quad(_iri(ann + "/position"), _p("oa", "end"), _lit(str(start + len(text)), dtype="nonNegativeInteger"), g)

        def fact(node: str, classes: list[str], rel_iri: str, g: str) -> None:
            for c in classes:
                quad(node, rdf_type, c, g)
            quad(node, rdf_type, f"<{KG}Fact>", g)
            quad(node, f"<{KG}statedIn>", rel_iri, g)

        obs_by_key: dict[tuple[str, int, int, int], str] = {}
        conflicts: list[tuple[str, str]] = []
        for i in range(n_releases):
            rel = f"release-{i:05d}"
            g = f"<{KGG}release/{rel}>"
            rel_iri = _iri(f"release/{rel}")
            year = 2015 + i % 10
            publisher = rnd.randrange(n_orgs)
            quad(rel_iri, rdf_type, f"<{KG}PressRelease>", g)
            quad(rel_iri, _p("dct", "title"), _lit(f"Release {i}: the sector in {year}", "en"), g)
            quad(rel_iri, _p("dct", "date"), _lit(f"{year + 1}-0{1 + i % 9}-1{i % 10}", dtype="date"), g)
            quad(rel_iri, _p("dct", "publisher"), _iri(f"org/org-{publisher}"), g)
            quad(rel_iri, f"<{KG}sourceFile>", _lit(f"{rel}.txt"), g)
            quad(rel_iri, _p("schema", "text"), _lit(f"Synthetic release {i} about machinery " * 8), g)
            orgs = rnd.sample(range(n_orgs), 4)
            if publisher not in orgs:
                orgs[0] = publisher
            for k in orgs:
                labelled(_iri(f"org/org-{k}"), f"<{KG}{ORG_TYPES[k % len(ORG_TYPES)]}>", f"Org {k}", g)
            people = rnd.sample(range(n_people), 4)
            for j, (p, k) in enumerate(zip(people, orgs, strict=True)):
                person = _iri(f"person/person-{p}")
                quad(person, rdf_type, _p("foaf", "Person"), g)
                quad(person, _p("foaf", "name"), _lit(f"Person {p}"), g)
                quad(person, pref, _lit(f"Person {p}", "en"), g)
                role = ROLES[(p + k) % len(ROLES)]
                labelled(_iri(f"role/{role}"), _p("org", "Role"), role.replace("-", " ").title(), g)
                m = _iri(f"membership/person-{p}/org-{k}/{role}")
                fact(m, [_p("org", "Membership")], rel_iri, g)
                quad(m, _p("org", "member"), person, g)
                quad(m, _p("org", "organization"), _iri(f"org/org-{k}"), g)
                quad(m, _p("org", "role"), _iri(f"role/{role}"), g)
                annotate(m, rel, rel_iri, 10 + j * 40, f"Person {p}, {role} of Org {k}", g)
            ev = _iri(f"event/org-{publisher}/general-assembly/{year + 1}-06-{10 + i % 19}")
            fact(ev, [f"<{KG}GeneralAssembly>"], rel_iri, g)
            quad(ev, _p("schema", "name"), _lit(f"Assembly {i} of Org {publisher}", "en"), g)
            quad(ev, _p("schema", "startDate"), _lit(f"{year + 1}-06-{10 + i % 19}", dtype="date"), g)
            quad(ev, _p("schema", "location"), _iri(f"org/org-{orgs[1]}"), g)
            quad(ev, _p("schema", "organizer"), _iri(f"org/org-{publisher}"), g)
            for p in people[1:]:
                quad(ev, _p("schema", "performer"), _iri(f"person/person-{p}"), g)
            quad(ev, _p("schema", "attendee"), _iri(f"person/person-{people[0]}"), g)
            annotate(ev, rel, rel_iri, 200, f"Assembly {i}", g)
            for n, ind in enumerate(rnd.sample(INDICATORS, 4) + ["turnover"]):
                seg, area = rnd.randrange(10), rnd.randrange(5)
                o = _iri(f"obs/{rel}/{ind}/{1 + n // 4}")
                if (ind, seg, area, year) in obs_by_key and rnd.random() < 0.5:
                    conflicts.append((obs_by_key[(ind, seg, area, year)], o))
                obs_by_key[(ind, seg, area, year)] = o
                fact(o, [_p("qb", "Observation")], rel_iri, g)
                quad(o, _p("qb", "dataSet"), _iri("dataset/indicators"), g)
                quad(o, f"<{KG}indicator>", _iri(f"indicator/{ind}"), g)
                quad(_iri(f"indicator/{ind}"), _p("skos", "notation"), _lit(ind), g)
                quad(o, f"<{KG}scope>", _iri(f"sector/segment-{seg}"), g)
                labelled(_iri(f"sector/segment-{seg}"), f"<{KG}Segment>", f"segment {seg}", g)
                quad(o, _p("dim", "refArea"), _iri(f"place/country-{area}"), g)
                labelled(_iri(f"place/country-{area}"), f"<{KG}Country>", f"Country {area}", g)
                quad(o, _p("dim", "refPeriod"), _iri(f"period/{year}"), g)
                quad(_iri(f"period/{year}"), _p("skos", "notation"), _lit(str(year)), g)
                quad(o, _p("meas", "obsValue"), _lit(f"{rnd.uniform(-20, 600):.1f}", dtype="decimal"), g)
                unit = "EUR" if ind in ("turnover", "exports", "production") else "percent"
                quad(o, _p("attr", "unitMeasure"), _iri(f"measure-unit/{unit}"), g)
                quad(_iri(f"measure-unit/{unit}"), _p("skos", "notation"), _lit(unit), g)
                quad(o, f"<{KG}obsStatus>", _iri("status/estimated"), g)
                quad(_iri("status/estimated"), _p("skos", "notation"), _lit("estimated"), g)
                annotate(o, rel, rel_iri, 300 + n * 30, f"{ind} value {n}", g)
            for n, relation in enumerate(rnd.sample(RELATIONS, 3)):
                place = rnd.randrange(n_places)
                mf = _iri(f"market-fact/{rel}/place-{place}/{relation}")
                fact(mf, [f"<{KG}MarketRelation>"], rel_iri, g)
                quad(mf, f"<{KG}market>", _iri(f"place/place-{place}"), g)
                labelled(_iri(f"place/place-{place}"), f"<{KG}Region>", f"Region {place}", g)
                quad(mf, f"<{KG}relationType>", _iri(f"market-relation/{relation}"), g)
                quad(_iri(f"market-relation/{relation}"), _p("skos", "notation"), _lit(relation), g)
                annotate(mf, rel, rel_iri, 500 + n * 20, f"Region {place}", g)
            for n in range(2):
                key = f"priority-{rnd.randrange(30)}"
                st = _iri(f"statement/{rel}/priority/{key}")
                fact(st, [f"<{KG}PriorityStatement>"], rel_iri, g)
                quad(st, f"<{KG}priority>", _iri(f"priority/{key}"), g)
                labelled(_iri(f"priority/{key}"), f"<{KG}Priority>", key.replace("-", " "), g)
                quad(st, f"<{KG}voicedBy>", _iri(f"org/org-{publisher}") if n == 0
                     else _iri(f"person/person-{people[0]}"), g)
                annotate(st, rel, rel_iri, 600 + n * 30, key, g)
            dkey = f"driver-{rnd.randrange(12)}"
            ds = _iri(f"statement/{rel}/driver/{dkey}")
            fact(ds, [f"<{KG}DriverStatement>"], rel_iri, g)
            quad(ds, f"<{KG}driver>", _iri(f"driver/{dkey}"), g)
            labelled(_iri(f"driver/{dkey}"), f"<{KG}Driver>", dkey, g)
            annotate(ds, rel, rel_iri, 700, dkey, g)
            q = _iri(f"quote/{rel}/800")
            fact(q, [f"<{KG}Quotation>"], rel_iri, g)
            quad(q, _p("schema", "text"), _lit(f"Quote number {i}"), g)
            quad(q, _p("schema", "creator"), _iri(f"person/person-{people[0]}"), g)
            annotate(q, rel, rel_iri, 800, f"Quote number {i}", g)
            if written >= target:
                break
        derived = f"<{KGG}derived>"
        for a, b in conflicts:
            quad(a, f"<{KG}conflictsWith>", b, derived)
            quad(b, f"<{KG}conflictsWith>", a, derived)
        links = f"<{KGG}links>"
        for k in range(0, n_places, 3):
            quad(_iri(f"place/place-{k}"), _p("owl", "sameAs"), f"<http://www.wikidata.org/entity/Q{1000 + k}>", links)
        for k in range(0, n_orgs, 4):
            quad(_iri(f"org/org-{k}"), _p("owl", "sameAs"), f"<http://www.wikidata.org/entity/Q{5000 + k}>", links)
    return written


# --- workers ----------------------------------------------------------------------------

def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class _Cap(Exception):
    pass


def _timed(fn: Any, repeat: int, cap: float) -> tuple[float | None, int]:
    """Median seconds of ``fn()`` over up to ``repeat`` runs within ``cap`` seconds (None:
    the first run did not finish in time) and the number of results."""
    def alarm(*_: object) -> None:
        raise _Cap

    signal.signal(signal.SIGALRM, alarm)
    times: list[float] = []
    count = 0
    spent = 0.0
    for _ in range(repeat):
        signal.setitimer(signal.ITIMER_REAL, cap)
        try:
            t0 = time.perf_counter()
            count = fn()
            dt = time.perf_counter() - t0
        except _Cap:
            return (None if not times else statistics.median(times)), count
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(dt)
        spent += dt
        if spent > cap:
            break
    return statistics.median(times), count


def worker(engine: str, data: Path, repeat: int, cap: float) -> dict[str, Any]:
    sys.path.insert(0, str(HERE.parent / "src"))
    import pyoxigraph as ox
    import rdflib
    from rdflib.plugins.sparql import prepareQuery

    from kgraph.namespaces import PREFIXES
    from kgraph.queries import QueryLibrary
    from kgraph.store._sparql import bind_values

    lib = QueryLibrary()
    queries = lib.list()
    base_rss = _rss_kb()
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-{engine}-"))
    result: dict[str, Any] = {"engine": engine, "queries": {}}
    t0 = time.perf_counter()
    if engine == "rdflib":
        ds = rdflib.Dataset(default_union=True)
        ds.parse(str(data), format="nquads")
        n = len(list(ds.quads((None, None, None, None))))
    elif engine == "kgraph":
        import kgraph

        kg = kgraph.open(f"oxigraph:{tmp / 'store'}")
        n = kg.load(data)
    else:
        store = ox.Store(str(tmp / "store"))
        store.load(path=str(data), format=ox.RdfFormat.N_QUADS)
        n = len(store)
    result["load_s"] = time.perf_counter() - t0
    result["quads"] = n
    result["load_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base_rss

    for q in queries:
        params = PARAMS.get(q.name, {})
        bindings = q.bindings(params)
        if engine == "rdflib":
            prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
            prepared = prepareQuery(prologue + q.text)

            def run(prepared: Any = prepared, bindings: Any = bindings) -> int:
                res = ds.query(prepared, initBindings=bindings)
                return len(res) if res.type != "ASK" else int(bool(res.askAnswer))
        elif engine == "kgraph":
            def run(q: Any = q, params: Any = params) -> int:
                res = kg.query(q.name, **params)
                return int(res) if isinstance(res, bool) else len(res)
        else:
            text = bind_values(q.text, bindings)

            def run(text: str = text) -> int:
                res = store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
                if isinstance(res, ox.QueryBoolean):
                    return int(bool(res))
                if isinstance(res, ox.QuerySolutions):
                    return len([tuple(s) for s in res])
                return len(list(res))

        median, count = _timed(run, repeat, cap)
        result["queries"][q.name] = {"median_s": median, "rows": count}
    result["peak_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base_rss
    return result


# --- driver -----------------------------------------------------------------------------

def _size(text: str) -> int:
    text = text.strip().lower()
    mult = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("km")) * mult)


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    return {"python": platform.python_version(), "rdflib": version("rdflib"),
            "pyoxigraph": version("pyoxigraph"), "kgraph": version("kgraph")}


def _machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))) // 1024 // 1024
    return f"{cpu}, {os.cpu_count()} CPUs, {mem} GB RAM, {platform.system()} {platform.release()}"


def _fmt(x: float | None, unit: str = "ms") -> str:
    if x is None:
        return "cap"
    return f"{x * 1000:.1f}" if unit == "ms" else f"{x:.2f}"


def _ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "n/a"
    return f"{a / b:.1f}x"


def report(results: list[dict[str, Any]], cap: float) -> str:
    lines = []
    for size in results:
        e = {r["engine"]: r for r in size["engines"]}
        rd, kg, ox_ = e["rdflib"], e["kgraph"], e["pyoxigraph"]
        n = kg["quads"]
        lines += [f"#### {size['label']} ({n} quads)", "",
                  "| | rdflib (baseline) | kgraph | pyoxigraph (floor) | rdflib / kgraph | kgraph / pyoxigraph |",
                  "|---|---|---|---|---|---|",
                  f"| load (s) | {_fmt(rd['load_s'], 's')} | {_fmt(kg['load_s'], 's')} | {_fmt(ox_['load_s'], 's')} "
                  f"| {_ratio(rd['load_s'], kg['load_s'])} | {_ratio(kg['load_s'], ox_['load_s'])} |",
                  f"| peak RSS after load (KB/quad) | {rd['load_rss_kb'] / n:.2f} | {kg['load_rss_kb'] / n:.2f} "
                  f"| {ox_['load_rss_kb'] / n:.2f} | | |",
                  f"| peak RSS overall (MB) | {rd['peak_rss_kb'] / 1024:.0f} | {kg['peak_rss_kb'] / 1024:.0f} "
                  f"| {ox_['peak_rss_kb'] / 1024:.0f} | | |"]
        for name in kg["queries"]:
            a, b, c = (rd["queries"][name]["median_s"], kg["queries"][name]["median_s"],
                       ox_["queries"][name]["median_s"])
            rows = {rd["queries"][name]["rows"], kg["queries"][name]["rows"], ox_["queries"][name]["rows"]}
            mark = "" if len(rows) == 1 or a is None else " (row counts differ)"
            lines.append(f"| `{name}` (ms, {kg['queries'][name]['rows']} rows){mark} | {_fmt(a)} | {_fmt(b)} "
                         f"| {_fmt(c)} | {_ratio(a, b) if a is not None else f'>{_ratio(cap, b)}'} "
                         f"| {_ratio(b, c)} |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10k,100k", help="comma-separated sizes in quads (10k,100k,1M)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per query (median)")
    ap.add_argument("--cap", type=float, default=30.0, help="seconds per query before giving up")
    ap.add_argument("--json", type=Path, default=None, help="also write the raw results here")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.data, args.repeat, args.cap)))
        return
    results = []
    with tempfile.TemporaryDirectory(prefix="kgraph-bench-") as tmp:
        for label in args.sizes.split(","):
            data = Path(tmp) / f"supply-chain-{label}.nq"
            n = generate(_size(label), data)
            print(f"{label}: {n} quads generated", file=sys.stderr)
            engines = []
            for engine in ("rdflib", "kgraph", "pyoxigraph"):
                out = subprocess.run(
                    [sys.executable, __file__, "--worker", engine, "--data", str(data),
                     "--repeat", str(args.repeat), "--cap", str(args.cap)],
                    check=True, capture_output=True, text=True)
                engines.append(json.loads(out.stdout.strip().splitlines()[-1]))
                print(f"  {engine}: load {engines[-1]['load_s']:.2f} s", file=sys.stderr)
            results.append({"label": label, "engines": engines})
    doc = {"machine": _machine(), "versions": _versions(), "repeat": args.repeat, "cap_s": args.cap,
           "results": results}
    if args.json:
        args.json.write_text(json.dumps(doc, indent=2))
    print(f"Machine: {doc['machine']}  \nVersions: " + ", ".join(f"{k} {v}" for k, v in doc["versions"].items())
          + f"  \nMedian of up to {args.repeat} runs per query; `cap` = no answer within {args.cap:g} s.\n")
    print(report(results, args.cap))


if __name__ == "__main__":
    main()

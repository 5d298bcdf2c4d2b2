"""The notebook API on the real pipeline: ``kgraph.open(...).build(paths)`` runs
``kgraph.pipeline.build`` on the founding release, and the README's Python example runs
exactly as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset

import kgraph
from kgraph.namespaces import KG, KGI, ORG
from kgraph.pipeline import BuildReport

R1 = "assomac-2025-06-20-sector-2024.txt"


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
          founding_release: Path) -> tuple[kgraph.KG, BuildReport]:
    url = "memory:" if request.param == "memory" else f"oxigraph:{tmp_path_factory.mktemp('api') / 'store'}"
    kg = kgraph.open(url)
    return kg, kg.build([founding_release])


def test_build_delegates_to_the_pipeline(built: tuple[kgraph.KG, BuildReport]) -> None:
    kg, report = built
    assert isinstance(report, BuildReport) and report.exit_code == 0 and not report.failures
    assert [r.slug for r in report.releases] == ["assomac-2025-06-20-sector-2024"]
    assert report.releases[0].counts["people"] == 4
    graphs = kg.stats().graphs
    assert "https://w3id.org/kgraph/graph/release/assomac-2025-06-20-sector-2024" in graphs
    assert "https://w3id.org/kgraph/graph/runs" in graphs


def test_people_roles_of_assomac(built: tuple[kgraph.KG, BuildReport]) -> None:
    kg, _ = built
    rows = kg.query("people-roles", organisation="Assomac")
    assert [(str(r["name"]), str(r["role"])) for r in rows] == [("Mauro Bergozza", "President")]  # type: ignore[index,union-attr]
    shares = kg.query("world-export-share", period="2024")
    assert [(str(r["segment"]), int(r["share"].toPython())) for r in shares] == [  # type: ignore[index,union-attr]
        ("tannery machinery", 52), ("leather goods machinery", 35), ("footwear machinery", 12)]


def test_describe_assomac(built: tuple[kgraph.KG, BuildReport]) -> None:
    kg, _ = built
    d = kg.describe("Assomac")
    assert d.iri == KGI["org/assomac"] and d.label == "Assomac"
    assert KG.TradeAssociation in d.types
    assert d.sources == [R1]
    props = {str(r["property"]) for r in d.facts}
    assert str(ORG.organization) in props  # incoming: Bergozza's membership
    assert kg.describe("kgi:person/mauro-bergozza").label == "Mauro Bergozza"


def test_export_parses_back(built: tuple[kgraph.KG, BuildReport], tmp_path: Path) -> None:
    kg, _ = built
    out = tmp_path / "export.trig"
    kg.export(out)
    ds = Dataset()
    ds.parse(out, format="trig")
    assert len(list(ds.quads())) == kg.stats().quads
    again = kgraph.open("memory:")
    assert again.load(out) == kg.stats().quads
    rows = again.query("people-roles", organisation="Assomac")
    assert [str(r["name"]) for r in rows] == ["Mauro Bergozza"]  # type: ignore[index,union-attr]
    jsonld = kg.export(format="jsonld")
    assert isinstance(jsonld, bytes) and b"@context" in jsonld and b"Mauro Bergozza" in jsonld


def readme_python_example(readme: Path) -> str:
    text = readme.read_text(encoding="utf-8")
    match = re.search(r"^## Python example\n+```python\n(.*?)^```", text, flags=re.M | re.S)
    assert match, "README.md has no ```python block under '## Python example'"
    return match.group(1)


def test_readme_python_example_runs_as_written(repo_root: Path) -> None:
    code = readme_python_example(repo_root / "README.md")
    assert "kgraph.open(" in code and ".build(" in code
    done = subprocess.run([sys.executable, "-c", code], cwd=repo_root, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["Mauro Bergozza President"]

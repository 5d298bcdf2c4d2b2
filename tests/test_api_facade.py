"""Every command is one call on the ``KG`` facade: ``run``, ``link``, ``validate``,
``eval`` and ``viz`` as much as ``build`` and ``query``."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

import kgraph
from kgraph.config import Settings

COMMANDS = Path(kgraph.__file__).parent / "_commands"


def test_the_commands_go_through_the_facade() -> None:
    """link, validate, viz, eval and run call a KG method, not the layers below it."""
    for name, banned in (("link.py", {"link"}), ("validate.py", {"pipeline"}),
                         ("run.py", {"pipeline"})):
        tree = ast.parse((COMMANDS / name).read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                    for a in n.names}
        assert not banned & imported, name
    for name, calls in (("link.py", {"link"}), ("validate.py", {"validate"}),
                        ("run.py", {"run"}), ("viz.py", {"projection"}),
                        ("build.py", {"evaluate"})):
        tree = ast.parse((COMMANDS / name).read_text(encoding="utf-8"))
        called = {n.func.attr for n in ast.walk(tree) if isinstance(n, ast.Call)
                  and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name)
                  and n.func.value.id == "kg"}
        assert calls <= called, name


@pytest.fixture
def kg(founding_linked_trig: Path) -> kgraph.KG:
    kg = kgraph.open("memory:")
    kg.load(founding_linked_trig)
    return kg


def test_validate_and_projection(kg: kgraph.KG) -> None:
    assert kg.validate().conforms
    whole = kg.projection()
    assert whole.number_of_nodes() > 10
    ego = kg.projection(ego="Assomac", depth=1)
    assert 1 < ego.number_of_nodes() < whole.number_of_nodes()
    drawn = kg.projection(query="CONSTRUCT { ?p foaf:name ?n } WHERE { ?p a foaf:Person ; foaf:name ?n }")
    assert drawn.number_of_nodes() >= 4


def test_evaluate_link_and_run(founding_release: Path, repo_root: Path, tmp_path: Path) -> None:
    gold = repo_root.parent / "shared" / "gold" / "assomac-2025-06-20-sector-2024.yaml"
    if not gold.is_file():
        pytest.skip("the shared gold is not beside the project")
    with kgraph.open("memory:") as kg:
        report = kg.evaluate([gold], releases=founding_release.parent)
        total = report.scores[0].total
        assert total.fn == 0 and total.fp == 0 and total.tp > 0
    releases = tmp_path / "releases"
    releases.mkdir()
    (releases / founding_release.name).write_bytes(founding_release.read_bytes())
    settings = replace(Settings(), releases=releases, out=tmp_path / "out",
                       cache_dir=tmp_path / "cache", judgements=tmp_path / "judgements.csv")
    with kgraph.open("memory:") as kg:
        run = kg.run(settings)
        assert run.exit_code == 0, run.lines
        assert (tmp_path / "out" / "network.html").is_file()
        linked = kg.link(settings, offline=True)
        assert linked.lines
        assert kg.validate().conforms

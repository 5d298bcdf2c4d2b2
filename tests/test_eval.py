"""`kgraph eval`: build the releases the gold files name, read the graph back, score it.

These assert the issue's targets on the graph (not on the extractor's output): on the
founding release every gold fact is found; on the development set precision >= 0.9 and
recall >= 0.8 for every fact kind.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from kgraph.cli import app


def _eval(*args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(app, ["eval", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def test_founding_release_yields_every_gold_fact(shared_dir: Path) -> None:
    code, data = _eval(str(shared_dir / "gold" / "assomac-2025-06-20-sector-2024.yaml"))
    assert code == 0
    kinds = data["total"]["kinds"]
    assert set(kinds) == {"document", "organisations", "people", "events", "segments",
                          "observations", "markets", "priorities", "drivers"}
    for kind, s in kinds.items():
        assert s["fn"] == 0 and s["recall"] == 1.0, (kind, s["misses"])
        assert s["tp"] > 0


def test_dev_set_meets_the_targets_for_every_kind(shared_dir: Path) -> None:
    golds = sorted(str(p) for p in (shared_dir / "gold" / "dev").glob("*.yaml"))
    assert len(golds) >= 3
    code, data = _eval(*golds)
    assert code == 0
    assert len(data["releases"]) == len(golds)
    for kind, s in data["total"]["kinds"].items():
        assert s["precision"] >= 0.9, (kind, s["spurious"])
        assert s["recall"] >= 0.8, (kind, s["misses"])


def test_table_output_shows_scores_misses_and_spurious(shared_dir: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(shared_dir / "gold" / "assomac-2025-06-20-sector-2024.yaml")])
    assert result.exit_code == 0, result.output
    for word in ("Scores per kind", "Scores per release", "observations", "TP", "F1",
                 "assomac-2025-06-20-sector-2024"):
        assert word in result.output


def test_releases_option_and_a_failing_release(tmp_path: Path, shared_dir: Path) -> None:
    gold = shared_dir / "gold" / "dev" / "acimit-2024-11-04-orders-q3.yaml"
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "acimit-2024-11-04-orders-q3.txt").write_bytes(b"")
    code, data = _eval("--releases", str(tmp_path), str(gold))
    assert code == 1  # the release failed to load: every gold fact is a miss
    assert data["failures"][0]["message"] == "empty file"
    assert data["total"]["kinds"]["observations"]["tp"] == 0
    shutil.copy(shared_dir / "releases" / "dev" / "acimit-2024-11-04-orders-q3.txt", tmp_path / "dev")
    code, data = _eval("--releases", str(tmp_path), str(gold))
    assert code == 0
    assert data["total"]["kinds"]["observations"]["fn"] == 0


def test_gold_whose_release_is_missing_is_a_usage_error(tmp_path: Path) -> None:
    gold = tmp_path / "gold.yaml"
    gold.write_text("release: nowhere.txt\ndocument: {date: 2024-01-01}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold)])
    assert result.exit_code == 2
    assert "nowhere.txt" in result.output and str(gold) in result.output


def test_bad_format_is_a_usage_error(shared_dir: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "--format", "xml",
                                      str(shared_dir / "gold" / "assomac-2025-06-20-sector-2024.yaml")])
    assert result.exit_code == 2


def test_the_graph_scores_exactly_what_the_extractor_found(shared_dir: Path) -> None:
    """Nothing is lost or invented between the extractor and the graph: scoring the facts
    read back from the store gives the same TP/FP/FN as scoring the extraction itself."""
    from kgraph.evaluation import load_gold, score
    from kgraph.extract import extract, read_release
    from kgraph.pipeline import build, gold_release_path, read_back
    from kgraph.store import OxigraphStore

    golds = [shared_dir / "gold" / "assomac-2025-06-20-sector-2024.yaml",
             *sorted((shared_dir / "gold" / "dev").glob("*.yaml"))]
    store = OxigraphStore()
    for path in golds:
        gold = load_gold(path)
        release = gold_release_path(gold)
        assert build(store, [release]).exit_code == 0
        direct = score(extract(read_release(release)), gold)
        graph = score(read_back(store, release.stem), gold)
        for kind, d in direct.kinds.items():
            g = graph.kinds[kind]
            assert (g.tp, g.fp, g.fn) == (d.tp, d.fp, d.fn), (release.stem, kind, g.spurious, g.misses)

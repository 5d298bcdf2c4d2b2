"""What commands leave on disk: a writer discards its write-ahead log on close, and the
reading commands open the store read-only (they work while another process holds it)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.store import OxigraphStore

G = ox.NamedNode("https://w3id.org/kgraph/graph/release/test")


def _logs(path: Path) -> int:
    return sum(f.stat().st_size for f in path.glob("*.log"))


def test_closing_a_written_store_leaves_no_large_log(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = OxigraphStore(path)
    for batch in range(4):
        store.update("INSERT DATA { GRAPH <https://w3id.org/kgraph/graph/release/test> { "
                     + " ".join(f"<urn:s{batch}-{i}> <urn:p> \"{'x' * 200} {i}\" ." for i in range(5000))
                     + " } }")
    store.close()
    assert _logs(path) < 1 << 20
    again = OxigraphStore(path, read_only=True)
    assert len(again) == 20000
    again.close()


def test_reading_commands_work_beside_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "store"
    holder = OxigraphStore(path)  # holds the store's write lock, as a build or a server would
    holder.ox_store.extend([ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c"), G)])
    holder.ox_store.flush()
    try:
        runner = CliRunner()
        for args in (["validate"], ["viz", "-o", str(tmp_path / "n.html")], ["stats"]):
            result = runner.invoke(app, ["--store", f"oxigraph:{path}", *args])
            assert "in use by another process" not in result.output, (args, result.output)
            assert result.exit_code in (0, 1), (args, result.output)
    finally:
        holder.close()

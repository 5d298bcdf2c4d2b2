"""The example notebook runs from top to bottom in a real Jupyter kernel (nbclient), and
shows what it promises: an HTML table, a data frame, SVG charts and the network frame."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

nbclient = pytest.importorskip("nbclient")
nbformat = pytest.importorskip("nbformat")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "examples" / "kgraph-notebook.ipynb"

pytestmark = pytest.mark.slow


def outputs(cell: dict) -> dict[str, str]:
    """MIME type -> content of a cell's display and result outputs."""
    found: dict[str, str] = {}
    for out in cell.get("outputs", []):
        for mime, value in out.get("data", {}).items():
            found[mime] = "".join(value) if isinstance(value, list) else str(value)
    return found


def test_the_example_notebook_runs_and_displays_its_views(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # the kernel imports the kgraph of this checkout, and keeps its store and caches in tmp
    src = str(ROOT / "src")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("KGRAPH_OUT", str(tmp_path / "out"))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT)}})
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(o.get("output_type") != "error" for c in code for o in c.get("outputs", []))
    quads = outputs(code[0])["text/plain"]
    assert int(quads) > 500
    table = outputs(code[1])["text/html"]
    assert table.startswith("<table>") and "<script" not in table
    frame = outputs(code[2])
    assert "text/html" in frame and "52" in frame["text/plain"]  # the largest share first
    for cell in code[3:5]:
        svg = outputs(cell)["image/svg+xml"]
        assert svg.startswith("<svg") and "<script" not in svg
    assert 'class="kg-chart kg-map"' in outputs(code[4])["image/svg+xml"]
    network = outputs(code[5])["text/html"]
    assert network.startswith('<iframe sandbox="allow-scripts"') and "Assomac" in network

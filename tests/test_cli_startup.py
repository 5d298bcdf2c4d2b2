"""The command line starts without the heavy libraries: they load when a command needs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
HEAVY = ("networkx", "numpy", "spacy", "pyshacl")


def _modules_after(code: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys, json\n"
                          "print(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, env=env, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_importing_the_cli_imports_no_heavy_library() -> None:
    loaded = _modules_after("import kgraph.cli")
    found = [m for m in loaded if m.split(".")[0] in HEAVY]
    assert not found, f"importing kgraph.cli loaded {sorted(found)[:10]}"
    # nor the extractor, the pipeline or the pages: --help lists commands only
    assert not {"kgraph.pipeline", "kgraph.extract", "kgraph.viz", "kgraph.server"} & loaded


def test_help_lists_every_command_without_heavy_libraries() -> None:
    loaded = _modules_after(
        "import contextlib, io\nfrom kgraph.cli import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])")
    assert not [m for m in loaded if m.split(".")[0] in HEAVY]


def test_spelt_out_formats_match_the_library() -> None:
    import kgraph.cli  # noqa: F401 - registers the commands first, as the entry point does
    from kgraph._commands._output import SELECT_FORMATS
    from kgraph._commands.query import EXPORT_FORMATS, QUERY_FORMATS
    from kgraph.store import EXPORT_FORMATS as LIBRARY_EXPORT_FORMATS

    assert QUERY_FORMATS == (*SELECT_FORMATS, "ttl")
    assert EXPORT_FORMATS == LIBRARY_EXPORT_FORMATS


def test_the_package_api_still_loads_on_first_use() -> None:
    import kgraph

    assert kgraph.open("memory:").store is not None
    assert kgraph.KG.__name__ == "KG"

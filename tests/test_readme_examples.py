"""Every `kgraph ...` line of the README's shell examples runs as written (issue 13), or is
listed below with the reason it cannot run in a test. The lines run in order, block by
block, in a folder laid out like a checkout (data/releases/, queries/, ../shared when the
shared material is there), through the CLI in this process."""

from __future__ import annotations

import glob
import importlib.util
import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.cli import app

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# Lines that cannot run here, with why (a prefix of the line as written).
NOT_RUN = {
    "kgraph eval --extractor my-ner": "names an extractor a reader would write",
    "kgraph link --review": "asks Wikidata (tests never reach the network)",
    "kgraph link --apply": "follows a review that asks Wikidata",
    "kgraph serve": "a long-running server (tests/serve starts one on a free port)",
    "kgraph build https://": "fetches from the web (tests/test_fetch.py fetches from a "
                             "loopback server)",
    "kgraph build --feed": "fetches a feed from the web (tests/test_fetch.py does it on loopback)",
    "kgraph build --extractor hybrid": "asks a language model service (tests/test_extract_llm.py "
                                       "answers from a loopback server)",
    "kgraph eval --extractor llm": "asks a language model service",
}

pytestmark = pytest.mark.slow


def _blocks() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M)
    out = []
    for block in blocks:
        lines = [ln.strip() for ln in block.splitlines()]
        commands = [ln for ln in lines if ln.startswith(("kgraph ", "cd "))]
        if any(ln.startswith("kgraph ") for ln in commands):
            out.append(commands)
    return out


def _reason(line: str) -> str | None:
    return next((why for prefix, why in NOT_RUN.items() if line.startswith(prefix)), None)


def test_readme_has_examples() -> None:
    lines = [ln for block in _blocks() for ln in block if ln.startswith("kgraph ")]
    assert len(lines) > 20
    for prefix in NOT_RUN:
        assert any(ln.startswith(prefix) for ln in lines), f"stale NOT_RUN entry {prefix!r}"


def _run(line: str, cwd: Path) -> Path:
    """Run one example line (``a && b`` chains, ``cd``, ``> FILE``); return the new cwd."""
    for part in line.split("&&"):
        words = shlex.split(part, comments=True)
        if not words:
            continue
        if words[0] == "cd":
            cwd = (cwd / words[1]).resolve()
            continue
        target = None
        if ">" in words:
            i = words.index(">")
            words, target = words[:i], words[i + 1]
        args: list[str] = []
        for w in words[1:]:
            expanded = sorted(glob.glob(str(cwd / w))) if "*" in w else []
            args += [os.path.relpath(p, cwd) for p in expanded] or [w]
        previous = Path.cwd()
        os.chdir(cwd)
        try:
            result = CliRunner().invoke(app, args)
        finally:
            os.chdir(previous)
        assert result.exit_code == 0, f"README example failed: {line}\n{result.output}"
        if target is not None:
            (cwd / target).write_text(result.stdout, encoding="utf-8")
    return cwd


def test_readme_examples_run_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key in [k for k in os.environ if k.startswith("KGRAPH_")]:
        monkeypatch.delenv(key)
    checkout = tmp_path / "kgraph"
    (checkout / "data").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "releases", checkout / "data" / "releases")
    shutil.copytree(ROOT / "queries", checkout / "queries")
    # The `.rq` file the query example names stands for one a reader writes.
    (checkout / "my-question.rq").write_text(
        "SELECT ?person WHERE { ?person foaf:name ?name }\n", encoding="utf-8")
    # So is the PDF the build example names.
    from pdf_maker import column_pages, write_pdf

    write_pdf(checkout / "annual-report-2025-06-20.pdf", column_pages(
        ["Bergamo, 20 June 2025. The association of tannery machinery makers held its "
         "annual meeting and elected a new board."], header="NEWS", footer="page"))
    has_pdf = importlib.util.find_spec("pdfminer") is not None
    if SHARED.is_dir():
        (tmp_path / "shared").symlink_to(SHARED, target_is_directory=True)
    ran, skipped = 0, []
    for block in _blocks():
        cwd = checkout
        for line in block:
            why = _reason(line)
            if why is None and ".pdf" in line and not has_pdf:
                why = "the pdf extra (pdfminer.six) is not installed"
            if why is None and "../shared" in line and not SHARED.is_dir():
                why = f"the shared material is not beside the project ({SHARED})"
            if why is not None:
                skipped.append(f"{line}: {why}")
                continue
            cwd = _run(line, cwd)
            ran += line.startswith("kgraph ")
    assert ran >= 20, skipped

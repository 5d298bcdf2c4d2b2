"""kgraph as an installed tool: the wheel carries its ontology, queries and reference data,
and works from an empty folder with no checkout in sight (issue 13).

The wheel is built from a copy of the sources (no build/ left in the checkout) with
``pip wheel --no-deps --no-build-isolation`` and installed with ``--no-deps --no-index``
into a fresh virtual environment whose only other path is this interpreter's
site-packages (the dependencies), so nothing reaches the network.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "src", "ontology",
           "queries", "data")

pytestmark = pytest.mark.slow


def _can_build_wheels() -> bool:
    return (importlib.util.find_spec("setuptools.command.bdist_wheel") is not None
            or importlib.util.find_spec("wheel") is not None)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv holding only the kgraph wheel."""
    if not _can_build_wheels():
        pytest.skip("building a wheel offline needs setuptools>=70.1 (the test extra)")
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "cache", "docs")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        else:
            shutil.copyfile(path, src / name)
    dist = base / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "--no-index", "-w", str(dist), str(src)], check=True, timeout=300)
    wheel = next(dist.glob("kgraph-*.whl"))
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    # The dependencies come from this interpreter's site-packages; a path a .pth file adds
    # is not scanned for .pth files, so an editable kgraph there stays out of sight.
    Path(purelib, "_kgraph_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True, timeout=300)
    return bindir


def _kgraph(bindir: Path, cwd: Path, *args: str, code: int = 0) -> str:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("KGRAPH_") and k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run([str(bindir / "kgraph"), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == code, f"kgraph {' '.join(args)}: {done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def test_wheel_holds_the_reference_files(installed: Path, tmp_path: Path) -> None:
    out = subprocess.run([str(installed / "python"), "-c",
                          "import kgraph, kgraph._project as p; print(kgraph.__file__); "
                          "print(p.shipped_dir('ontology')); print(p.shipped_dir('queries'))"],
                         cwd=tmp_path, capture_output=True, text=True, check=True,
                         env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"}).stdout
    lines = out.splitlines()
    venv = str(installed.parent)
    assert all(line.startswith(venv) for line in lines), lines
    assert all("_shipped" in line for line in lines[1:]), lines


def test_installed_tool_works_from_an_empty_folder(installed: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    out = _kgraph(installed, tmp_path, "init", "project")
    assert "kgraph.toml" in out
    assert (project / "kgraph.toml").is_file()
    assert len(list((project / "releases").glob("*.txt"))) == 1

    out = _kgraph(installed, project, "run")
    assert "validation: conforms" in out
    assert "7 curated" in out  # the curated links shipped with the package
    assert (project / "out" / "network.html").is_file()

    out = _kgraph(installed, project, "queries")
    assert "people-roles" in out
    out = _kgraph(installed, project, "query", "people-roles", "--format", "csv")
    assert "Mauro Bergozza" in out
    out = _kgraph(installed, project, "viz", "-o", "out/net.html")
    assert "nodes" in out and " 0 nodes" not in out

    # From a subfolder the project's kgraph.toml and store are found upwards.
    sub = project / "notes"
    sub.mkdir()
    out = _kgraph(installed, sub, "config")
    assert str(project / "kgraph.toml") in out
    out = _kgraph(installed, sub, "query", "releases", "--format", "csv")
    assert "assomac-2025-06-20-sector-2024" in out
    assert not (sub / ".kgraph").exists()

"""Every setting goes through :class:`kgraph.config.Settings`: no module but
``config.py`` reads the environment, and ``KGRAPH_ONTOLOGY_DIR`` is a setting like the
others (environment or ``kgraph.toml``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kgraph
from kgraph.config import load_settings
from kgraph.ontology import ontology_dir, ontology_file

SRC = Path(kgraph.__file__).parent


def _environment_reads(tree: ast.AST) -> list[int]:
    """Lines reading the process environment: os.environ, os.getenv, os.environb."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "environb", "getenv"):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os" and any(
                a.name in ("environ", "environb", "getenv") for a in node.names):
            lines.append(node.lineno)
    return lines


def test_only_config_reads_the_environment() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path == SRC / "config.py":
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(SRC)}:{n}" for n in _environment_reads(ast.parse(text))]
        # a KGRAPH_ variable named outside config.py is one read around Settings (messages
        # and help texts may name them: only subscripts and calls count)
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and any(
                    isinstance(a, ast.Constant) and isinstance(a.value, str)
                    and a.value.startswith("KGRAPH_") and a.value.isupper() for a in node.args) \
                    and getattr(node.func, "attr", "") in ("get", "getenv", "pop", "setdefault"):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []


def _ontology_folder(tmp_path: Path) -> Path:
    shipped = ontology_dir()
    folder = tmp_path / "my-ontology"
    folder.mkdir()
    for name in ("kgraph.ttl", "schemes.ttl", "shapes.ttl"):
        (folder / name).write_bytes(ontology_file(name).read_bytes() if name != "kgraph.ttl"
                                    else (shipped / name).read_bytes())
    return folder


def test_ontology_dir_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _ontology_folder(tmp_path)
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    monkeypatch.delenv("KGRAPH_ONTOLOGY_DIR", raising=False)
    (project / "kgraph.toml").write_text(f'ontology_dir = "{folder}"\n', encoding="utf-8")
    assert load_settings().ontology_dir == folder
    assert load_settings().sources["ontology_dir"] == str(project / "kgraph.toml")
    assert ontology_dir() == folder
    assert ontology_file("shapes.ttl") == folder / "shapes.ttl"
    # the environment beats the file, as for every setting
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv("KGRAPH_ONTOLOGY_DIR", str(other))
    assert load_settings().ontology_dir == other
    with pytest.raises(kgraph.errors.ConfigError, match="KGRAPH_ONTOLOGY_DIR"):
        ontology_dir()  # no kgraph.ttl there
    # empty unsets it: the project's ontology/ over the shipped one, as with no setting
    monkeypatch.setenv("KGRAPH_ONTOLOGY_DIR", "")
    assert load_settings().ontology_dir is None
    assert (ontology_dir() / "kgraph.ttl").is_file()

"""The shell depends on its command modules, never the reverse: each command module imports
on its own (in a fresh interpreter, first of all kgraph modules) without pulling in
``kgraph.cli``, so a module can be reused or tested without the whole command line."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import kgraph._commands as commands

MODULES = sorted(m.name for m in pkgutil.iter_modules(commands.__path__))


def test_every_command_module_is_found() -> None:
    assert {"build", "query", "viz", "_app"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_a_command_module_imports_first_and_without_the_shell(name: str) -> None:
    code = (f"import sys\nimport kgraph._commands.{name} as m\n"
            "assert 'kgraph.cli' not in sys.modules, 'imported kgraph.cli'\n"
            "assert name.startswith('_') or callable(getattr(m, 'register', None))\n")
    done = subprocess.run([sys.executable, "-c", f"name = {name!r}\n" + code],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_the_shell_still_offers_the_shared_helpers() -> None:
    from kgraph import cli
    from kgraph._commands import _app

    assert cli.command_errors is _app.command_errors and cli.state is _app.state

"""Build hook: ship the repository's reference folders inside the package.

``ontology/``, ``queries/`` and the reference part of ``data/`` stay at the top of the
repository (their one source of truth); building the wheel copies them into
``kgraph/_shipped/``, where :mod:`kgraph._project` reads them with importlib.resources.
An editable install reads them from the source tree instead.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = {
    "ontology": ["*.ttl", "README.md"],
    "queries": ["*.rq"],
    "data/codelists": ["*.csv"],
    "data/links": ["curated.csv"],
    "data/releases": ["*.txt"],
}


class BuildWithReferenceData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "kgraph" / "_shipped"
        for folder, patterns in SHIPPED.items():
            for pattern in patterns:
                for source in sorted((ROOT / folder).glob(pattern)):
                    dest = target / folder / source.name
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, dest)


setup(cmdclass={"build_py": BuildWithReferenceData})

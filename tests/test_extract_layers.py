"""The rules extractor's components import only the ones below them (issue 10).

``kgraph.extract.rules`` is a stack over one document model: segmentation, then mentions,
then relations, then assembly. A component that reaches up the stack (or into the old
``_text`` module) makes a cycle the next change has to untangle, so the order is checked here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import kgraph.extract.rules as rules

# lowest first: a module may import only modules listed before it
LAYERS = [
    "state",  # the document model: spans, _State, span overlap
    "segment",  # language, sentences, clauses
    "lexicon",  # word lists of the data files as patterns
    "names", "orgs", "document", "sectors",  # mentions
    "discourse",  # surnames and nicknames across sentences, the release's own organisation
    "people", "indicators", "frames", "figures", "markets",  # relations
    "statements", "priorities", "drivers", "links", "events", "quotes",
    "assemble",  # the pipeline order
]
FOLDER = Path(rules.__file__).parent


def _modules() -> dict[str, ast.Module]:
    return {p.stem: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(FOLDER.glob("*.py"))
            if p.stem != "__init__"}


def test_every_component_has_a_layer() -> None:
    assert sorted(_modules()) == sorted(LAYERS)


def test_components_import_only_lower_ones() -> None:
    rank = {name: i for i, name in enumerate(LAYERS)}
    upward = []
    for name, tree in _modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                if rank[node.module] >= rank[name]:
                    upward.append(f"{name} imports {node.module}")
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("_text"):
                upward.append(f"{name} imports the compatibility module {node.module}")
    assert upward == []


def test_components_stay_small() -> None:
    sizes = {p.stem: len(p.read_text(encoding="utf-8").splitlines()) for p in FOLDER.glob("*.py")}
    assert {name: n for name, n in sizes.items() if n > 900} == {}

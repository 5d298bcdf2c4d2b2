"""Write the ontology's HTML documentation: ``python scripts/ontology_docs.py [OUT_DIR]``.

Default OUT_DIR is ``ontology/docs``. Exit 2 with one line on stderr when the ontology
does not load or the folder cannot be written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kgraph.errors import KGraphError
from kgraph.ontology import ontology_dir, write_docs


def main(argv: list[str]) -> int:
    try:
        out = Path(argv[0]) if argv else ontology_dir() / "docs"
        page = write_docs(out)
    except KGraphError as exc:
        print(f"ontology_docs: error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Write the command reference of README.md from the commands' help (``make reference``).

Usage: python scripts/command_reference.py [--check]
  --check  exit 1 when README.md's reference is not what the commands say.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kgraph._commands._reference import command_reference, replace_reference

README = Path(__file__).resolve().parent.parent / "README.md"


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new = replace_reference(text, command_reference())
    if "--check" in argv:
        if new != text:
            print("README.md: the command reference is stale (run make reference)",
                  file=sys.stderr)
            return 1
        return 0
    if new != text:
        README.write_text(new, encoding="utf-8")
        print("README.md: command reference updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The examples of the extraction data files, each run as a test (data/README.md).

Every data file of every pack (``kgraph/extract/data/<pack>/<name>.yaml``) may carry, under
``examples:``, cases ``{id, text, expect}`` whose ``expect`` is written as a gold file is
(shared/gold/README.md: ``observations``, ``people``, ``markets``, ``priorities`` ...). Each case
is extracted and scored with the evaluation's own matcher: every expected fact must be found,
and a kind the case lists must have nothing spurious, unless the case names it under
``partial:`` (then only its recall counts). The pack invariants the loader relies on are checked
here too.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

from kgraph.evaluation import KINDS, Gold, score
from kgraph.extract import gazetteer as gz
from kgraph_testing import extract_checked

CASES = gz.examples()
DATA = resources.files("kgraph.extract").joinpath("data")


def _gold(pack: str, name: str, case: dict[str, Any]) -> Gold:
    expect = case["expect"]
    unknown = set(expect) - set(KINDS)
    assert not unknown, f"{pack}/{name} {case['id']}: unknown kinds {sorted(unknown)}"
    records = {kind: ([value] if kind == "document" else list(value or []))
               for kind, value in expect.items()}
    return Gold(path=f"{pack}/{name}", release=str(case["id"]), language=pack, records=records)


@pytest.mark.parametrize(("pack", "name", "case"), CASES,
                         ids=[f"{p}/{n[:-5]}/{c['id']}" for p, n, c in CASES])
def test_example(pack: str, name: str, case: dict[str, Any]) -> None:
    result = score(extract_checked(case["text"], slug=str(case["id"])), _gold(pack, name, case))
    partial = set(case.get("partial") or ())
    for kind, s in result.kinds.items():
        assert not s.misses, f"{kind}: missed {s.misses}"
        if kind not in partial:
            assert not s.spurious, f"{kind}: spurious {s.spurious}"


def test_every_file_of_every_pack_has_examples() -> None:
    have = {(p, n) for p, n, _ in CASES}
    for pack in gz.packs():
        for item in DATA.joinpath(pack).iterdir():
            if item.name.endswith(".yaml"):
                n = sum(1 for p, f, _ in CASES if (p, f) == (pack, item.name))
                assert n >= 2, f"{pack}/{item.name} has {n} examples"
    assert {p for p, _ in have} == set(gz.packs())
    ids = [(p, c["id"]) for p, _, c in CASES]
    assert len(ids) == len(set(ids)), "example ids repeat within a pack"


def _keys(data: Any, path: str = "") -> set[str]:
    if not isinstance(data, dict):
        return set()
    out: set[str] = set()
    for k, v in data.items():
        if k in ("examples", "entries") and not path or not isinstance(v, dict | list | None):
            continue  # a setting (a scalar) is stated once, in common/
        out.add(f"{path}{k}")
        out |= _keys(v, f"{path}{k}.")
    return out


def test_packs_have_the_same_files_and_keys() -> None:
    # the merged mapping takes its key order from the first pack that has the file: every pack
    # lists every key (an empty list where it has no words), so the order is the same whichever
    # pack comes first
    files = {pack: sorted(i.name for i in DATA.joinpath(pack).iterdir() if i.name.endswith(".yaml"))
             for pack in gz.packs()}
    first = next(iter(files.values()))
    assert all(names == first for names in files.values()), files
    for name in first:
        keyed = {pack: _keys(yaml.safe_load(DATA.joinpath(pack, name).read_text(encoding="utf-8")))
                 for pack in (gz.COMMON, *gz.packs()) if DATA.joinpath(pack, name).is_file()}
        ref = keyed[gz.packs()[0]]
        for pack, keys in keyed.items():
            # common/ may hold only records (a list file) or every key
            assert keys == ref or (pack == gz.COMMON and not keys), (name, pack, keys ^ ref)


def test_merge_joins_packs_as_documented() -> None:
    a = {"group": ["due to", "owing to"], "records": [{"name": "X", "aliases": ["x1"], "kind": "k"}]}
    b = {"group": ["a causa di", "due to"], "records": [{"name": "X", "aliases": ["x2"]}, {"name": "Y"}]}
    merged = gz._merge(a, b, "t")
    assert merged == {"group": ["due to", "owing to", "a causa di"],
                      "records": [{"name": "X", "aliases": ["x1", "x2"], "kind": "k"}, {"name": "Y"}]}
    with pytest.raises(Exception, match="disagree"):
        gz._merge({"kind": "city"}, {"kind": "country"}, "t")
    assert gz._words({"entries": [{"name": "X"}], "examples": [{"id": 1}]}) == [{"name": "X"}]
    assert gz._words({"examples": ["such as", {"id": 1}]}) == {"examples": ["such as"]}


def test_a_new_pack_folder_is_read_with_no_code(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    from pathlib import Path
    from types import SimpleNamespace

    root = tmp_path / "extract"
    shutil.copytree(Path(str(DATA)), root / "data")
    (root / "data" / "fr").mkdir()
    (root / "data" / "fr" / "relations.yaml").write_text("member_of: [membre de, adhérent à]\n", encoding="utf-8")
    monkeypatch.setattr(gz, "resources", SimpleNamespace(files=lambda _package: root))
    assert gz.packs() == ("en", "fr", "it")
    merged = gz._load("relations.yaml")
    assert {"membre de", "adhérent à", "member of", "aderente a"} <= set(merged["member_of"])
    # a pack that lists only some keys leaves the order of the others alone
    en = gz._words(yaml.safe_load((root / "data" / "en" / "relations.yaml").read_text(encoding="utf-8")))
    assert list(merged) == list(en)

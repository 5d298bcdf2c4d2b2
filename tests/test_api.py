"""The notebook API: kgraph.open, query by name, file or text, build delegation."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

import kgraph
from kgraph import pipeline
from kgraph.errors import KGraphError, ParameterError, QueryError
from kgraph.namespaces import FOAF


@pytest.fixture
def kg(founding_linked_trig: Path) -> kgraph.KG:
    """The real build of the founding release (with curated links)."""
    kg = kgraph.open("memory:")
    kg.load(founding_linked_trig)
    return kg


def test_query_by_name_text_and_file(kg: kgraph.KG, tmp_path: Path) -> None:
    rows = kg.query("people-roles", organisation="Confindustria")
    assert [str(r["name"]) for r in rows] == ["Maurizio Tarquini"]  # type: ignore[union-attr]
    text = kg.query("SELECT ?n WHERE { ?p a ?cls ; foaf:name ?n } ORDER BY ?n", cls=FOAF.Person)
    assert len(text) == 4  # type: ignore[arg-type]
    rq = tmp_path / "names.rq"
    rq.write_text("SELECT ?p WHERE { ?p foaf:name ?name }", encoding="utf-8")
    hit = kg.query(str(rq), name=Literal("Giuliano Noci"))
    assert [str(p) for p in hit.column("p")] == [  # type: ignore[union-attr]
        "https://w3id.org/kgraph/id/person/giuliano-noci"]
    with pytest.raises(QueryError) as info:
        kg.query("peple-roles")
    assert info.value.suggestions[0] == "people-roles"
    with pytest.raises(ParameterError):
        kg.query("SELECT * WHERE { ?s ?p ?o }", o=object())


def test_dataframe(kg: kgraph.KG) -> None:
    df = kg.query("markets-by-relation", relation="export_priority").to_dataframe()  # type: ignore[union-attr]
    assert list(df["marketName"]) == ["Africa", "India", "South America", "South-East Asia"]


def test_describe_ambiguous_and_unknown(kg: kgraph.KG) -> None:
    d = kg.describe("ICE")
    assert d.label == "Italian Trade Agency"
    with pytest.raises(KGraphError, match="no entity has this label"):
        kg.describe("Nobody at all")
    with pytest.raises(KGraphError, match="no statement"):
        kg.describe("kgi:org/unknown")


def test_build_without_a_pipeline_stage_is_a_clear_error(kg: kgraph.KG, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(pipeline, "build", raising=False)
    with pytest.raises(KGraphError, match="no build stage"):
        kg.build(["data/releases"])


def test_open_accepts_a_store_object() -> None:
    from kgraph.store import open_store

    store = open_store("memory:")
    kg = kgraph.open(store)
    assert kg.store is store and kg.stats().quads == 0

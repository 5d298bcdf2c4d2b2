"""The review loop: ambiguous entities go to a CSV, a person marks one candidate, --apply."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.config import Settings
from kgraph.errors import InputError
from kgraph.link import LINKS_GRAPH, link, read_review
from kgraph.namespaces import KG, KGI, OWL, WD

pytestmark = pytest.mark.server


def settings(tmp_path: Path, endpoint: str) -> Settings:
    return Settings(store="memory:", wikidata_endpoint=endpoint, cache_dir=tmp_path / "cache")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def mark(path: Path, qid: str, value: str = "yes") -> None:
    data = rows(path)
    for r in data:
        if r["qid"] == qid:
            r["accept"] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(data[0]))
        w.writeheader()
        w.writerows(data)


def test_review_then_apply(founding_store, wikidata, tmp_path) -> None:
    s = settings(tmp_path, wikidata.query_url)
    review = tmp_path / "review.csv"
    report = link(founding_store, s, review=review)
    assert report.count("review") == 1
    written = rows(review)
    assert {r["qid"] for r in written} == {"Q9900013", "Q9900014"}
    assert {r["entity"] for r in written} == {str(KGI["person/maurizio-forte"])}
    assert all(r["accept"] == "" for r in written)
    assert {r["description"] for r in written} == {"Italian archaeologist", "Italian footballer"}
    assert any("1 entities need a person's review" in line for line in report.lines)

    mark(review, "Q9900014")
    link(founding_store, s, apply=review)
    links = founding_store.graph(LINKS_GRAPH)
    assert (KGI["person/maurizio-forte"], OWL.sameAs, WD.Q9900014) in links
    a = links.value(predicate=KG.linkedEntity, object=KGI["person/maurizio-forte"])
    assert str(links.value(a, KG.method)) == "review"
    assert str(links.value(a, KG.linkSource)) == str(review)

    # A later run without --apply keeps the person's decision.
    link(founding_store, s)
    assert (KGI["person/maurizio-forte"], OWL.sameAs, WD.Q9900014) in founding_store.graph(LINKS_GRAPH)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda p: mark(p, "Q9900013", "maybe"), "accept must be yes or empty"),
        (lambda p: (mark(p, "Q9900013"), mark(p, "Q9900014")), "a second accepted candidate"),
        (lambda p: p.write_text(p.read_text().replace("Q9900013", "X13")), "not a Wikidata item ID"),
        (lambda p: p.write_text(p.read_text().replace("maurizio-forte", "nobody")), "is not an entity of the store"),
        (lambda p: p.write_text("a,b\n1,2\n"), "not a review file: missing columns"),
    ],
)
def test_bad_review_files_are_clear_errors_and_change_nothing(founding_store, wikidata, tmp_path, edit, message) -> None:
    s = settings(tmp_path, wikidata.query_url)
    review = tmp_path / "review.csv"
    link(founding_store, s, review=review)
    if "Wikidata item ID" in message or "not an entity" in message:
        mark(review, "Q9900013")
    edit(review)
    before = set(founding_store.ox_store)
    with pytest.raises(InputError) as err:
        link(founding_store, s, apply=review)
    assert message in str(err.value)
    assert str(review) in str(err.value)
    assert set(founding_store.ox_store) == before


def test_read_review_names_the_line(tmp_path) -> None:
    p = tmp_path / "r.csv"
    p.write_text("entity,qid,accept\nhttps://w3id.org/kgraph/id/org/a,Q1,\nhttps://w3id.org/kgraph/id/org/b,Q2,perhaps\n")
    with pytest.raises(InputError, match=r"r.csv: line 3: accept must be yes"):
        read_review(p)
    with pytest.raises(InputError, match="cannot read the review file"):
        read_review(tmp_path / "missing.csv")


def test_cli_review_and_apply(wikidata, tmp_path, monkeypatch, founding_trig) -> None:
    import pyoxigraph as ox

    from kgraph.cli import app

    store = tmp_path / "store"
    st = ox.Store(str(store))
    st.load(path=str(founding_trig), format=ox.RdfFormat.TRIG)
    del st
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KGRAPH_WIKIDATA_ENDPOINT", wikidata.query_url)
    review = tmp_path / "review.csv"
    runner = CliRunner()
    result = runner.invoke(app, ["--store", f"oxigraph:{store}", "link", "--review", str(review)])
    assert result.exit_code == 0, result.output
    assert "linked 15 of 17 entities" in result.output
    assert f"written to {review}" in result.output
    mark(review, "Q9900013")
    result = runner.invoke(app, ["--store", f"oxigraph:{store}", "link", "--apply", str(review)])
    assert result.exit_code == 0, result.output
    assert "linked 16 of 17 entities" in result.output and "1 review" in result.output
    result = runner.invoke(app, ["--store", f"oxigraph:{store}", "link", "--apply", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2
    assert "nope.csv: cannot read the review file" in result.output


def test_review_cells_from_outside_cannot_become_formulas(tmp_path) -> None:
    from kgraph.link import Candidate, Decision, Entity, write_review

    e = Entity(KGI["org/x"], "organisation", ("=HYPERLINK(1)",))
    d = Decision(e, [Candidate(e.iri, "Q1", "+cmd", "@SUM(A1)", 0.5, ("label",)),
                     Candidate(e.iri, "Q2", "plain", "-", 0.5, ("label",))], "review")
    assert write_review(tmp_path / "r.csv", [d]) == 1
    out = rows(tmp_path / "r.csv")
    assert out[0]["label"] == "'=HYPERLINK(1)"
    assert out[0]["wikidata_label"] == "'+cmd" and out[0]["description"] == "'@SUM(A1)"
    assert out[1]["wikidata_label"] == "plain"


def test_a_rejected_candidate_is_remembered_as_a_judgement(founding_store, wikidata, tmp_path) -> None:
    from dataclasses import replace

    from kgraph.judgements import read_judgements

    s = replace(settings(tmp_path, wikidata.query_url), judgements=tmp_path / "judgements.csv")
    review = tmp_path / "review.csv"
    link(founding_store, s, review=review)
    mark(review, "Q9900013", "no")
    link(founding_store, s, apply=review)
    kept = read_judgements(s.judgements)
    assert [(j.judgement, j.left, j.right) for j in kept] == [
        ("different", str(KGI["person/maurizio-forte"]), "wd:Q9900013")]
    # Later runs never propose it again, nor link it.
    again = tmp_path / "again.csv"
    link(founding_store, s, review=again)
    assert again.exists() and "Q9900013" not in {r["qid"] for r in rows(again)}
    assert (KGI["person/maurizio-forte"], OWL.sameAs, WD.Q9900013) not in founding_store.graph(LINKS_GRAPH)

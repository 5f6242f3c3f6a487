"""The report's folder: every page written, one copy of the chart library, nothing fetched from the network,
numbers from the lake; and the text highlighting of claims by their offsets."""

import re

import polars as pl
import pytest

from newslake.lake import scan
from newslake.report import build_report
from newslake.report.pages.articles import highlight
from newslake.report.queries import Scope, events_by_category, top_stories

from report_lake import KRAMATORSK


@pytest.fixture(scope="module")
def report(report_lake, tmp_path_factory):
    steps = []
    summary = build_report(report_lake, tmp_path_factory.mktemp("out") / "report", on_step=lambda *step: steps.append(step))
    return summary, steps


def test_every_page_is_written_with_one_shared_copy_of_the_chart_library(report):
    summary, steps = report
    out = summary.out
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.html")) == [
        "articles/id1.html", "articles/id2.html", "articles/id3.html", "articles/id4.html",
        "entities.html", "events.html", "index.html", "speakers.html", "stories.html", "stories/s1.html", "stories/s2.html",
    ]
    assert summary.pages == 11 and summary.release == "base"
    assert [s[0] for s in steps][-1] == "done" and steps[-1][1] == steps[-1][2]
    assert (out / "vega.js").stat().st_size > 500_000
    for page in out.rglob("*.html"):
        html = page.read_text()
        assert "vega.js" in html and "vegaEmbed(" not in html  # the library once, in its own file
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), page  # nothing from the network


def test_numbers_come_from_the_lake(report, report_lake):
    out = report[0].out
    index = (out / "index.html").read_text()
    assert '<li data-table="articles"><span class="n">4</span> articles</li>' in index
    assert '<li data-table="rejects"><span class="n">3</span> rejects</li>' in index
    assert "dev entity F1" in index and "0.932" in index
    stories = (out / "stories.html").read_text()
    assert f'<a href="stories/s1.html">{KRAMATORSK}</a>' in stories
    story = (out / "stories/s1.html").read_text()
    assert "<dt>articles</dt><dd>3</dd>" in story and "<dt>refuting</dt><dd>1</dd>" in story
    assert "<dt>category</dt><dd>ASSAULT</dd>" in story
    claims = scan("claims", report_lake).collect()
    for row in claims.filter(pl.col("event_id").is_in(["e1", "e2", "e3"])).iter_rows(named=True):
        assert f'href="../articles/{row["article_id"]}.html#c-{row["claim_id"]}"' in story


def test_events_and_stories_are_grouped_by_category(report_lake):
    assert events_by_category(Scope(report_lake)).rows() == [("ASSAULT", 3), ("PROTEST", 1)]
    assert top_stories(Scope(report_lake)).select("story_id", "category").rows() == [("s1", "ASSAULT"), ("s2", "PROTEST")]


def test_claims_are_highlighted_by_their_offsets(report):
    html = (report[0].out / "articles/id2.html").read_text()
    assert '<mark id="c-c2" class="refutes"' in html
    assert ">that its forces struck the station</mark>" in html


def test_overlapping_claims_keep_their_anchors():
    claims = [{"claim_id": "a", "start": 4, "end": 9}, {"claim_id": "b", "start": 6, "end": 12}, {"claim_id": "c", "start": 20, "end": 99}]
    segments = highlight("0123456789abcdef", claims)
    assert [(s["text"], s["claim"] and s["claim"]["claim_id"], s["anchors"]) for s in segments] == [
        ("0123", None, []), ("45678", "a", ["b"]), ("9abcdef", None, []),
    ]


def test_a_lake_without_optional_tables_and_columns_still_reports(report):
    stories = (report[0].out / "stories.html").read_text()
    assert 'id="disputed"' in stories  # either the disputed details or why there are none
    assert "independent origins" in stories


def test_a_second_report_into_the_same_folder_leaves_no_stale_page(report, report_lake):
    out = report[0].out
    (out / "stories" / "gone.html").write_text("an earlier report's story")
    (out / "notes.html").write_text("the user's own file")
    build_report(report_lake, out, top_stories=1)
    assert sorted(p.name for p in (out / "stories").iterdir()) == ["s1.html"]
    assert (out / "notes.html").exists()

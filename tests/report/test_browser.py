"""The report as a reader sees it: rendered by headless Chromium (from the distribution's packages), with no
console error on any page, every chart drawn, and the numbers its marks show equal to the lake's.

Skips where /usr/bin/chromium is missing. Screenshots go to reports/screenshots/ (NEWSLAKE_SCREENSHOTS overrides).
"""

import os
import re
from pathlib import Path

import pytest

from browser import CHROMIUM, INSTALL, Browser
from report_lake import KRAMATORSK

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=INSTALL)
SCREENSHOTS = Path(os.environ.get("NEWSLAKE_SCREENSHOTS", Path(__file__).parents[2] / "reports" / "screenshots"))

# Every chart of a page: its id, whether vega-embed drew it, and the aria-label of each mark it drew.
CHARTS = """window.newslakeCharts.then(() => Array.from(document.querySelectorAll("figure.chart")).map(f => ({
  id: f.id, rows: Number(f.dataset.rows), drawn: f.dataset.drawn === "yes",
  marks: Array.from(f.querySelectorAll(".role-mark [role=graphics-symbol]")).map(m => m.getAttribute("aria-label"))})))"""


@pytest.fixture(scope="module")
def site(report_lake, tmp_path_factory):
    from newslake.report import build_report

    out = build_report(report_lake, tmp_path_factory.mktemp("site") / "report").out
    browser = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield out, browser
    browser.close()


def charts_of(site, page):
    out, browser = site
    browser.errors.clear()
    browser.open((out / page).as_uri())
    charts = {chart["id"]: chart for chart in browser.evaluate(CHARTS)}
    assert browser.errors == [], f"{page}: {browser.errors}"
    for chart in charts.values():
        assert chart["drawn"] == (chart["rows"] > 0), (page, chart["id"])
    return charts


def test_every_page_renders_without_a_console_error(site):
    out, browser = site
    for page in sorted(out.rglob("*.html")):
        charts_of(site, str(page.relative_to(out)))


def test_overview_charts_show_the_lake(site):
    charts = charts_of(site, "index.html")
    assert sorted(charts["rejects-per-reason"]["marks"]) == [
        "records rejected: 1; reason_code: duplicate; rejects: 1",
        "records rejected: 2; reason_code: empty_text; rejects: 2",
    ]
    articles = charts["articles-per-day"]["marks"]
    assert len(articles) == 4 and sum(int(re.search(r"articles: (\d+)", m)[1]) for m in articles) == 4
    assert site[1].evaluate("document.querySelector('#totals [data-table=articles] .n').textContent") == "4"


def test_stories_page_shows_the_timeline_and_ledger_of_the_kramatorsk_story(site):
    charts = charts_of(site, "stories.html")
    timeline = charts["story-timeline"]["marks"]
    assert sum(KRAMATORSK[:40] in m for m in timeline) == 2  # its line from first to last article, and its dot
    assert any("start: 2022-04-08; end: 2022-04-10" in m and "n_articles: 3" in m for m in timeline)
    ledger = sorted(m for m in charts["story-ledger"]["marks"] if KRAMATORSK[:40] in m)
    assert [re.sub(r".*stance: (\w+); claims: (\d+).*", r"\1 \2", m) for m in ledger] == ["neutral 1", "refutes 1", "supports 2"]
    row = site[1].evaluate("Array.from(document.querySelectorAll('#ledger tbody tr')[0].cells).map(c => c.textContent)")
    assert row[0] == KRAMATORSK and row[4:6] == ["3", "3"] and row[7:] == ["2", "1", "1"]
    site[1].screenshot(SCREENSHOTS / "report-stories.png")
    assert (SCREENSHOTS / "report-stories.png").stat().st_size > 10_000


def test_story_page_counts_articles_per_day_and_links_claims_to_their_text(site):
    charts = charts_of(site, "stories/s1.html")
    assert sorted(charts["story-coverage"]["marks"]) == [
        f"publish day: 2022-04-{day:02d}; articles: 1; day: 2022-04-{day:02d}; n_articles: 1; n_publishers: 1" for day in (8, 9, 10)]
    site[1].screenshot(SCREENSHOTS / "report-story.png")
    out, browser = site
    browser.open((out / "articles/id2.html").as_uri() + "#c-c2")
    assert browser.evaluate("document.querySelector(':target').textContent") == "that its forces struck the station"

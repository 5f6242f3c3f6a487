"""Stories across articles and nights: six outlets report the Kramatorsk station strike over three days.

The sample (data/samples/ruwa-kramatorsk.jsonl) is RUWA headlines and subheadings: nine reports of the
strike of 2022-04-08 (one of them Russia's denial) and one of another strike three days later. The first
night gets the reports of April 8, the second the rest: the second run adds to the story the first found.
The default configuration accepts all ten (a headline and a one-sentence standfirst is a news item).
"""

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from newslake.flows import reprocess, run
from newslake.lake import scan

pytestmark = pytest.mark.usefixtures("prefect")
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "ruwa-kramatorsk.jsonl"
LEDGER = ["story_id", "n_articles", "n_publishers", "n_independent", "n_supporting", "n_refuting", "n_neutral",
          "first_seen", "last_seen"]


@pytest.fixture(scope="module")
def nights(tmp_path_factory, prefect):
    root = tmp_path_factory.mktemp("stories")
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    lake = root / "lake"
    snapshots, summaries = [], []
    for night, chosen in enumerate(([r for r in records if r["published"] == "2022-04-08"],
                                    [r for r in records if r["published"] != "2022-04-08"])):
        dump = root / f"night-{night}.jsonl"
        dump.write_text("".join(json.dumps(r) + "\n" for r in chosen), encoding="utf-8")
        summaries.append(run([str(dump)], lake=str(lake)))
        snapshots.append(scan("stories", lake).collect().sort("n_articles", descending=True))
    return lake, snapshots, summaries


def test_every_report_is_accepted_with_its_publisher(nights):
    lake, _, summaries = nights
    assert [(d["n_read"], d["n_accepted"], d["n_copies"], d["n_rejected"]) for s in summaries for d in s["dumps"]] == [
        (5, 5, 0, 0), (5, 5, 0, 0)]
    articles = scan("articles", lake).collect()
    # The first NBC report sits on nbcnews.com though RUWA files it under MSNBC: the URL decides.
    assert articles.group_by("publisher").len().sort("publisher").rows() == [
        ("aljazeera.com", 1), ("censor.net", 2), ("msnbc.com", 2), ("nbcnews.com", 1), ("rt.com", 1), ("ukrinform.net", 3)]


def test_the_second_night_adds_its_reports_to_the_story_of_the_first(nights):
    _, (first, second), _ = nights
    # The first night: the strike, told by all five reports, and the evacuation one of them tells ("thousands of
    # Ukrainians were trying to evacuate": an attempt is the act, asserted), a story of its own.
    assert first.select("category", "n_articles").rows() == [("ASSAULT", 5), ("AID", 1)]
    strike = second.row(0, named=True)
    assert strike["story_id"] == first["story_id"][0]
    # The founding report's event word is the killing; the strike it names is one event with it, and "two Russian
    # rockets" make it conventional military force (CAMEO 19, tasks/events/force.py), not the verb's 18.
    assert (strike["category"], strike["event_type"], strike["location_key"], strike["cameo"]) == ("ASSAULT", "attack", "kramatorsk", "19")
    assert (strike["n_articles"], strike["n_publishers"], strike["n_independent"]) == (9, 6, 6)
    assert (strike["first_seen"], strike["last_seen"]) == (datetime(2022, 4, 8, tzinfo=UTC), datetime(2022, 4, 10, tzinfo=UTC))
    assert (strike["event_date"].isoformat(), strike["date_precision"]) == ("2022-04-08", "day")
    assert {m["publisher"] for m in strike["members"]} == {
        "nbcnews.com", "msnbc.com", "aljazeera.com", "rt.com", "censor.net", "ukrinform.net"}
    # "Enemy opens fire on train station in eastern Ukraine last night" (April 11): another strike, another story.
    lake = nights[0]
    [fired] = scan("articles", lake).collect().filter(pl.col("url").str.contains("opens-fire"))["article_id"]
    [other] = [row for row in second.iter_rows(named=True)
               if row["category"] == "ASSAULT" and any(m["article_id"] == fired for m in row["members"])]
    assert other["story_id"] != strike["story_id"]
    assert (other["n_articles"], other["event_date"].isoformat()) == (1, "2022-04-10")


def test_the_ledger_counts_distinct_speakers_and_holds_the_denial(nights):
    lake, (_, second), _ = nights
    strike = second.row(0, named=True)
    claims = scan("claims", lake).collect().filter(pl.col("event_id").is_in(strike["event_ids"]))
    # Each speaker once, with the stance of its latest claim (by publish time, then in the text); anonymous: per article.
    published = dict(scan("articles", lake).select("article_id", "published_at").collect().iter_rows())
    latest = {}
    for claim in sorted(claims.iter_rows(named=True), key=lambda c: (published[c["article_id"]], c["article_id"], c["cue_start"])):
        anonymous = claim["speaker_key"] in (None, "anonymous")
        latest[f"anonymous:{claim['article_id']}" if anonymous else claim["speaker_key"]] = claim["stance"]
    assert [(s["speaker_key"], s["stance"]) for s in strike["speakers"]] == sorted(latest.items())
    assert [strike[f"n_{label}"] for label in ("supporting", "refuting", "neutral")] == [
        list(latest.values()).count(stance) for stance in ("supports", "refutes", "neutral")]
    # Russia's defense ministry: "Ukrainian claims that a Russian missile hit Kramatorsk are not true".
    [denial] = claims.filter(pl.col("stance") == "refutes").iter_rows(named=True)
    assert denial["speaker"] == "the Russian defense ministry" and denial["target_kind"] == "event"
    assert strike["n_refuting"] == 1
    assert strike["n_supporting"] >= 2


def test_the_disputed_weapon_and_death_tolls_stay_visible(nights):
    lake, (_, second), _ = nights
    strike = second.row(0, named=True)
    details = scan("story_details", lake).collect().filter(pl.col("story_id") == strike["story_id"])
    publishers = lambda row: sorted(a["publisher"] for a in row["articles"])  # noqa: E731
    values = {(r["slot"], r["what"], r["action"], r["value"]): publishers(r) for r in details.iter_rows(named=True)
              if r["slot"] in ("weapon", "quantity")}
    assert {k: v for k, v in values.items() if k[0] == "weapon" and k[3] in ("Iskander", "Tochka-U")} == {
        ("weapon", "missile", None, "Iskander"): ["censor.net"],
        ("weapon", "missile", None, "Tochka-U"): ["ukrinform.net"],
    }
    tolls = {k[3]: v for k, v in values.items() if k[:3] == ("quantity", "people", "killed")}
    assert tolls == {"30": ["nbcnews.com"], "50": ["msnbc.com"], "52": ["aljazeera.com", "msnbc.com"], "57": ["censor.net"]}


def test_a_reprocess_rebuilds_the_same_stories_in_one_go(nights):
    lake, (_, nightly), _ = nights
    reprocess("again", lake=str(lake))
    again = scan("stories", lake, release="again").collect().sort("n_articles", descending=True)
    assert again.select(LEDGER).equals(nightly.select(LEDGER))
    assert sorted(again["event_ids"][0]) == sorted(nightly["event_ids"][0])
    columns = ["story_id", "slot", "what", "action", "value", "n_articles", "n_publishers"]
    details = {release: scan("story_details", lake, release=release).collect().select(columns).sort(columns)
               for release in ("base", "again")}
    assert details["again"].equals(details["base"])


WIRE_STORY = (
    "KRAMATORSK, Ukraine (AP) — A Russian missile struck the railway station in Kramatorsk on Friday, killing at "
    "least 50 people, Ukrainian officials said. Thousands of civilians had gathered at the station to flee the "
    "Donetsk region before an expected offensive. Ukraine's state railway company said two rockets hit the station "
    "in the morning. Russia's defense ministry denied that its forces carried out the attack."
)


def wire_records() -> list[dict]:
    """An AP story, three papers reprinting it (each with a closing line of its own) and a re-send of the AP page."""
    records = [{"url": "https://apnews.com/article/kramatorsk-station", "title": "Missile hits Ukrainian rail station",
                "text": WIRE_STORY, "published": "2022-04-08T12:00:00Z"}]
    for n, (domain, tail) in enumerate([("nytimes.com", "The Associated Press contributed."),
                                        ("washingtonpost.com", "This story was reported by AP."),
                                        ("latimes.com", "Copyright 2022 The Associated Press.")]):
        records.append({"url": f"https://www.{domain}/world/2022/04/08/kramatorsk", "title": "Missile hits rail station",
                        "text": f"{WIRE_STORY}\n\n{tail}", "published": f"2022-04-08T1{3 + n}:00:00Z"})
    records.append({**records[0], "url": "https://apnews.com/article/kramatorsk-station?utm_source=feed"})
    return records


def write_dump(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_syndicated_copies_are_coverage_of_one_origin(tmp_path):
    """An AP story and three papers reprinting it: four articles, four publishers, one independent origin."""
    lake = tmp_path / "lake"

    summary = run([write_dump(tmp_path / "wire.jsonl", wire_records())], lake=str(lake))

    (counts,) = summary["dumps"]
    assert (counts["n_read"], counts["n_accepted"], counts["n_copies"], counts["n_rejected"]) == (5, 1, 3, 1)
    articles = scan("articles", lake).collect().sort("dump_record")
    original = articles["article_id"][0]
    assert articles["publisher"].to_list() == ["apnews.com", "nytimes.com", "washingtonpost.com", "latimes.com"]
    assert articles["copy_of"].to_list() == [None, original, original, original]
    assert articles["wire"].to_list() == ["apnews.com"] * 4
    assert scan("rejects", lake).collect()["reason_code"].to_list() == ["duplicate"]
    # The models ran on the original only.
    for table in ("entities", "events", "claims"):
        assert scan(table, lake).collect()["article_id"].unique().to_list() == [original], table
    # Every story of the original lists the copies beside it.
    stories = scan("stories", lake).collect()
    assert stories.height >= 1
    for story in stories.iter_rows(named=True):
        assert (story["n_articles"], story["n_publishers"], story["n_independent"]) == (4, 4, 1)
        # Each of the original's events in the story is listed once for it and once for each of the three copies.
        members = Counter((m["publisher"], m["copy_of"]) for m in story["members"])
        events = members[("apnews.com", None)]
        assert events >= 1 and members == {("apnews.com", None): events, ("nytimes.com", original): events,
                                           ("washingtonpost.com", original): events, ("latimes.com", original): events}
        assert (story["first_seen"], story["last_seen"]) == (datetime(2022, 4, 8, 12, tzinfo=UTC),
                                                             datetime(2022, 4, 8, 15, tzinfo=UTC))
    runs = scan("runs", lake).collect()
    assert runs["dumps"][0].to_list()[0]["n_copies"] == 3


def test_copies_of_an_earlier_night_join_its_story_and_a_reprocess_keeps_them(tmp_path):
    original, first_copy, *later_copies, resend = wire_records()
    lake = tmp_path / "lake"
    run([write_dump(tmp_path / "night-0.jsonl", [original, first_copy])], lake=str(lake))
    assert [(s["n_articles"], s["n_publishers"], s["n_independent"]) for s in scan("stories", lake).collect().iter_rows(named=True)
            ] == [(2, 2, 1)] * scan("stories", lake).collect().height
    summary = run([write_dump(tmp_path / "night-1.jsonl", [*later_copies, resend])], lake=str(lake))
    (counts,) = summary["dumps"]
    assert (counts["n_read"], counts["n_accepted"], counts["n_copies"], counts["n_rejected"]) == (3, 0, 2, 1)

    nightly = scan("stories", lake).collect().sort("story_id")
    assert nightly.height >= 1
    for story in nightly.iter_rows(named=True):
        assert (story["n_articles"], story["n_publishers"], story["n_independent"]) == (4, 4, 1)
    reprocess("again", lake=str(lake))
    again = scan("stories", lake, release="again").collect().sort("story_id")
    assert again.select(LEDGER).equals(nightly.select(LEDGER))

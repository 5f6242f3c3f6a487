"""Stories across articles and nights: five outlets report the Kramatorsk station strike over three days.

The sample (data/samples/ruwa-kramatorsk.jsonl) is RUWA headlines and subheadings: nine reports of the
strike of 2022-04-08 (one of them Russia's denial) and one of another strike three days later. The first
night gets the reports of April 8, the second the rest: the second run adds to the story the first found.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from newslake.flows import reprocess, run
from newslake.lake import scan

pytestmark = pytest.mark.usefixtures("prefect")
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "ruwa-kramatorsk.jsonl"


@pytest.fixture(scope="module")
def nights(tmp_path_factory, prefect):
    root = tmp_path_factory.mktemp("stories")
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    config = root / "short-texts.yaml"
    config.write_text("ingest:\n  min_words: 5\n")  # subheadings are short; the default rejects two
    lake = root / "lake"
    snapshots = []
    for night, chosen in enumerate(([r for r in records if r["published"] == "2022-04-08"],
                                    [r for r in records if r["published"] != "2022-04-08"])):
        dump = root / f"night-{night}.jsonl"
        dump.write_text("".join(json.dumps(r) + "\n" for r in chosen), encoding="utf-8")
        run([str(dump)], lake=str(lake), config_path=str(config))
        snapshots.append(scan("stories", lake).collect().sort("n_articles", descending=True))
    return lake, snapshots


def test_the_second_night_adds_its_reports_to_the_story_of_the_first(nights):
    _, (first, second) = nights
    assert first.height == 1 and first["n_articles"][0] == 5
    strike = second.row(0, named=True)
    assert strike["story_id"] == first["story_id"][0]
    assert (strike["event_type"], strike["location_key"], strike["cameo"]) == ("attack", "kramatorsk", "19")
    assert (strike["n_articles"], strike["n_sources"]) == (9, 5)
    assert (strike["first_seen"], strike["last_seen"]) == (datetime(2022, 4, 8, tzinfo=UTC), datetime(2022, 4, 10, tzinfo=UTC))
    assert (strike["event_date"].isoformat(), strike["date_precision"]) == ("2022-04-08", "day")
    assert {m["source"] for m in strike["members"]} == {"msnbc.com", "aljazeera.com", "rt.com", "censor.net", "ukrinform.net"}
    # "Enemy opens fire on train station in eastern Ukraine last night" (April 11): another strike, another story.
    other = second.row(1, named=True)
    assert (other["n_articles"], other["event_date"].isoformat()) == (1, "2022-04-10")
    assert second.height == 2


def test_the_ledger_counts_the_claims_about_the_story(nights):
    lake, (_, second) = nights
    strike = second.row(0, named=True)
    claims = scan("claims", lake).collect().filter(pl.col("event_id").is_in(strike["event_ids"]))
    counts = {stance: claims.filter(pl.col("stance") == stance).height for stance in ("supports", "refutes", "neutral")}
    assert (strike["n_supporting"], strike["n_refuting"], strike["n_neutral"]) == (
        counts["supports"], counts["refutes"], counts["neutral"])
    # Russia's defense ministry: "Ukrainian claims that a Russian missile hit Kramatorsk are not true".
    [denial] = claims.filter(pl.col("stance") == "refutes").iter_rows(named=True)
    assert denial["speaker"] == "the Russian defense ministry" and denial["target_kind"] == "event"
    assert strike["n_supporting"] >= 3


def test_a_reprocess_rebuilds_the_same_stories_in_one_go(nights):
    lake, (_, nightly) = nights
    config = lake.parent / "short-texts.yaml"
    reprocess("again", lake=str(lake), config_path=str(config))
    again = scan("stories", lake, release="again").collect().sort("n_articles", descending=True)
    columns = ["story_id", "n_articles", "n_sources", "n_supporting", "n_refuting", "n_neutral", "first_seen", "last_seen"]
    assert again.select(columns).equals(nightly.select(columns))
    assert sorted(again["event_ids"][0]) == sorted(nightly["event_ids"][0])

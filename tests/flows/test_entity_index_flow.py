"""The entity index across runs: the second night's bare surname joins the full name the first night saw,
and a reprocess rebuilds the index from the release's entities."""

import json
from datetime import date

import pytest

from newslake.flows import reprocess, run
from newslake.lake import scan

pytestmark = pytest.mark.usefixtures("prefect")
NIGHTS = [
    [{"url": "https://example.com/a", "publisher": "example.com", "published": "2016-09-08",
      "title": "Donald Trump speaks in Ohio",
      "text": "Donald Trump spoke to supporters in Cleveland, Ohio, on Monday. Trump said the economy was weak "
              "and promised new factories for the state."}],
    [{"url": "https://example.com/b", "publisher": "example.com", "published": "2016-09-09",
      "title": "A rally in Michigan",
      "text": "Trump visited Detroit, Michigan, on Tuesday. Thousands of voters waited for hours outside the arena "
              "to hear the speech."}],
]


@pytest.fixture(scope="module")
def nights(tmp_path_factory, prefect):
    root = tmp_path_factory.mktemp("entity-index")
    config = root / "entities-only.yaml"
    config.write_text("claims:\n  enabled: false\nevents:\n  enabled: false\n", encoding="utf-8")
    lake, indexes = root / "lake", []
    for night, records in enumerate(NIGHTS):
        dump = root / f"night-{night}.jsonl"
        dump.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        run([str(dump)], lake=str(lake), config_path=str(config))
        indexes.append(scan("entity_index", lake).collect())
    return lake, config, indexes


def person(index, key):
    return index.filter(index["key"] == key).row(0, named=True)


def test_the_index_grows_across_runs(nights):
    _, _, (first, second) = nights
    trump = person(first, "donald trump")
    assert (trump["merged_keys"], trump["n_articles"], trump["n_mentions"]) == (["donald trump"], 1, 2)
    trump = person(second, "donald trump")
    assert (trump["merged_keys"], trump["n_articles"], trump["n_mentions"]) == (["donald trump", "trump"], 2, 3)
    assert (trump["first_seen"].isoformat(), trump["last_seen"].isoformat()) == ("2016-09-08", "2016-09-09")
    assert "trump" not in set(second["key"])
    assert second["key"].n_unique() == second.height


def test_a_night_with_nothing_new_keeps_the_index_and_leaves_no_staging(nights):
    lake, config, (_, second) = nights
    run([str(lake.parent / "night-1.jsonl")], lake=str(lake), config_path=str(config))  # already processed
    assert scan("entity_index", lake).collect().equals(second)
    assert not any((lake / "_staging").glob("*"))


def test_a_reprocess_rebuilds_the_index(nights, tmp_path):
    lake, config, (_, second) = nights
    night = {"since": date(2016, 9, 9), "until": date(2016, 9, 9)}
    reprocess(release="r2", models=str(config), lake=str(lake), **night)
    rebuilt = scan("entity_index", lake, release="r2").collect()
    assert person(rebuilt, "trump")["merged_keys"] == ["trump"]  # r2 holds only the reprocessed night
    reprocess(release="base", models=str(config), lake=str(lake), **night)
    again = scan("entity_index", lake, release="base").collect()
    assert again.drop("run_id").equals(second.drop("run_id"))  # the night's entities replaced, not added twice

"""entity_index: one row per entity, per-article keys joined across the corpus."""

from datetime import date
from pathlib import Path

import polars as pl

from newslake.tasks.entities.index import entity_index, mention_counts, unify

# Mention counts of the people named Trump, Obama, Clinton and Scott in the demo lake's entities
# (data/samples, keyed by tasks/entities/keys.py), as `mention_counts` reduces them.
PEOPLE = Path(__file__).parent / "fixtures" / "people_mentions.jsonl"


def test_the_demo_lakes_people_get_one_key_each():
    index = entity_index(pl.read_ndjson(PEOPLE), "run-1")
    people = {row["key"]: row for row in index.iter_rows(named=True)}
    assert people["donald trump"]["merged_keys"] == ["donald j. trump", "donald trump", "donand trump", "trump"]
    assert people["barack obama"]["merged_keys"] == ["barack obama", "obama"]
    assert people["hillary clinton"]["merged_keys"] == ["clinton", "hillary clinton", "hillaryclinton"]
    # Two Scotts, two keys; no key for the bare surname.
    assert people["bobby scott"]["merged_keys"] == ["bobby scott"]
    assert people["keith lamont scott"]["merged_keys"] == ["keith lamont scott"]
    assert "scott" not in people and "trump" not in people and "obama" not in people and "clinton" not in people
    # Relatives keep their own keys.
    assert {"ivana trump", "ivanka trump", "melania trump", "michelle obama", "bill clinton", "rakeyia scott"} <= set(people)
    trump = people["donald trump"]
    assert (trump["name"], trump["label"], trump["n_mentions"], trump["n_articles"]) == ("Donald Trump", "PER", 380, 51)
    assert (trump["first_seen"], trump["last_seen"]) == (date(2016, 9, 8), date(2016, 10, 4))
    assert trump["aliases"][:4] == ["Trump", "Donald Trump", "Donald", "Donald J. Trump"]
    assert (people["barack obama"]["n_mentions"], people["barack obama"]["n_articles"]) == (94, 27)
    assert (people["bobby scott"]["n_mentions"], people["keith lamont scott"]["n_mentions"]) == (36, 19)


def rows(*mentions):
    """(key, label, text, article) -> entity rows."""
    return pl.DataFrame([{"entity_key": k, "label": lab, "text": t, "article_id": a, "date": "2024-11-19"}
                         for k, lab, t, a in mentions])


def test_a_surname_two_people_share_stays_apart():
    mentions = rows(("bobby scott", "PER", "Bobby Scott", "a1"), ("scott", "PER", "Scott", "a3"),
                    ("keith lamont scott", "PER", "Keith Lamont Scott", "a2"))
    index = entity_index(mention_counts([mentions]), "r")
    assert index["key"].to_list() == ["bobby scott", "keith lamont scott", "scott"]


def test_unify_rules():
    stats = [{"entity_key": k, "label": lab, "n_articles": n} for k, lab, n in [
        ("joe biden", "PER", 20), ("joseph r. biden", "PER", 1), ("biden", "PER", 4), ("hunter biden", "PER", 2),
        ("joe bidden", "PER", 1), ("abc news", "ORG", 1), ("nbc news", "ORG", 9), ("zelenskyy", "PER", 1),
        ("volodymyr zelenskyy", "PER", 5), ("volodymyr zelensky", "PER", 1)]]
    assert unify(stats) == {"biden": "joe biden", "joe bidden": "joe biden", "zelenskyy": "volodymyr zelenskyy",
                            "volodymyr zelensky": "volodymyr zelenskyy"}


def test_no_mentions_no_index():
    assert entity_index(mention_counts([]), "r").height == 0

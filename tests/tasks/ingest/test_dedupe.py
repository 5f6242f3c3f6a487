import pyarrow as pa

from newslake.config import DedupeConfig
from newslake.schemas import DEDUPE_INDEX
from newslake.tasks.ingest.dedupe import DedupeIndex, fingerprint

CONFIG = DedupeConfig()
WIRE = " ".join(
    f"Sentence {i} of the wire story says that officials in region {i % 7} reported event number {i}." for i in range(40)
)


def test_same_url_same_text_and_near_copies_are_duplicates():
    index = DedupeIndex(CONFIG)
    original = fingerprint("a1", "example.com/story", WIRE, CONFIG)
    assert index.admit(original) is None
    same_url = index.admit(fingerprint("a2", "example.com/story", "Completely different text " * 30, CONFIG))
    assert (same_url.kept, same_url.how) == ("a1", "url")
    same_text = index.admit(fingerprint("a3", None, WIRE.upper(), CONFIG))
    assert (same_text.kept, same_text.how) == ("a1", "text")
    edited = WIRE.replace("event number 5.", "incident number 5.") + " A new closing sentence was added."
    near = index.admit(fingerprint("a4", "other.com/copy", edited, CONFIG))
    assert (near.kept, near.how) == ("a1", "near")
    assert near.similarity >= CONFIG.threshold
    assert len(index) == 1


def test_different_stories_are_kept():
    index = DedupeIndex(CONFIG)
    assert index.admit(fingerprint("a1", None, WIRE, CONFIG)) is None
    other = " ".join(f"Unrelated paragraph {i} describes a football match and weather {i * 3}." for i in range(40))
    assert index.admit(fingerprint("b1", None, other, CONFIG)) is None
    assert len(index) == 2


def test_index_rebuilt_from_lake_rows_recognises_old_articles():
    stored = fingerprint("a1", "example.com/story", WIRE, CONFIG)
    table = pa.Table.from_pylist([vars_of(stored)], schema=DEDUPE_INDEX.schema)
    index = DedupeIndex.from_table(CONFIG, table)
    match = index.admit(fingerprint("z9", None, WIRE + " Updated.", CONFIG))
    assert (match.kept, match.how) == ("a1", "near")


def vars_of(fp):
    return {"article_id": fp.article_id, "url_key": fp.url_key, "text_key": fp.text_key, "minhash": fp.minhash,
            "publisher": fp.publisher, "copy_of": fp.copy_of}


def test_another_publishers_copy_is_kept_and_points_to_the_original():
    index = DedupeIndex(CONFIG)
    assert index.admit(fingerprint("ap1", "apnews.com/story", WIRE, CONFIG, "apnews.com")) is None
    reprint = index.admit(fingerprint("nyt1", "nytimes.com/reprint", WIRE + " Edited by the desk.", CONFIG, "nytimes.com"))
    assert (reprint.kept, reprint.how, reprint.copy.article_id, reprint.copy.copy_of) == ("ap1", "near", "nyt1", "ap1")
    # A copy of the copy is a copy of the original; the same publisher again is a duplicate.
    third = index.admit(fingerprint("wp1", "washingtonpost.com/x", WIRE + " Edited by the desk.", CONFIG, "washingtonpost.com"))
    assert (third.kept, third.copy.copy_of) == ("ap1", "ap1")
    again = index.admit(fingerprint("nyt2", "nytimes.com/reprint-2", WIRE, CONFIG, "nytimes.com"))
    assert (again.kept, again.copy) == ("ap1", None)
    # The same URL is a re-send whoever sends it; an unknown publisher cannot be told from the original's.
    resent = index.admit(fingerprint("x", "nytimes.com/reprint", "Other words " * 40, CONFIG, "yahoo.com"))
    assert (resent.kept, resent.how, resent.copy) == ("nyt1", "url", None)
    unknown = index.admit(fingerprint("u1", None, WIRE, CONFIG, "unknown"))
    assert (unknown.kept, unknown.copy) == ("ap1", None)
    assert len(index) == 3
    other = WIRE.replace("Sentence", "Line")
    assert index.admit(fingerprint("u2", None, other, CONFIG, "unknown")) is None
    assert index.admit(fingerprint("k1", None, other + " Edited.", CONFIG, "cnn.com")).copy is None


def test_a_copy_without_url_gets_an_id_of_its_own():
    index = DedupeIndex(CONFIG)
    assert index.admit(fingerprint("t1", None, WIRE, CONFIG, "apnews.com")) is None
    copy = index.admit(fingerprint("t1", None, WIRE, CONFIG, "nytimes.com")).copy
    assert copy.copy_of == "t1" and copy.article_id != "t1" and len(copy.article_id) == 16
    assert index.admit(fingerprint("t1", None, WIRE, CONFIG, "nytimes.com")).copy is None


def test_copies_are_recognised_from_lake_rows():
    rows = [vars_of(fingerprint("ap1", "apnews.com/story", WIRE, CONFIG, "apnews.com")),
            {**vars_of(fingerprint("nyt1", "nytimes.com/reprint", WIRE, CONFIG, "nytimes.com")), "copy_of": "ap1"}]
    index = DedupeIndex.from_table(CONFIG, pa.Table.from_pylist(rows, schema=DEDUPE_INDEX.schema))
    assert index.admit(fingerprint("nyt2", None, WIRE, CONFIG, "nytimes.com")).copy is None
    assert index.admit(fingerprint("wp1", None, WIRE, CONFIG, "washingtonpost.com")).copy.copy_of == "ap1"

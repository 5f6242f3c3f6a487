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
    return {"article_id": fp.article_id, "url_key": fp.url_key, "text_key": fp.text_key, "minhash": fp.minhash}

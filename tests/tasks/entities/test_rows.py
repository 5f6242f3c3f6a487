from newslake.config import EntitiesConfig
from newslake.tasks.entities.rows import entity_rows
from newslake.text.spans import Span

TEXT = "The Armed Forces of Ukraine (AFU) struck. Russia's Ministry of Defense said the ministry saw it."
ARTICLES = [
    {"article_id": "a1", "text": TEXT, "date": "2024-11-19"},
    {"article_id": "a2", "text": "Zelensky spoke.", "date": "unknown"},
    {"article_id": "a3", "text": "Volodymyr Zelensky spoke.", "date": "unknown"},
]


def tag(texts):
    """Spans as a tagger would return them (the model itself is tested elsewhere)."""
    found = {
        TEXT: [Span(4, 27, "ORG", 0.98), Span(29, 32, "ORG", 0.91), Span(42, 70, "ORG", 0.95)],
        "Zelensky spoke.": [Span(0, 8, "PER", 0.97)],
        "Volodymyr Zelensky spoke.": [Span(0, 18, "PER", 0.99)],
    }
    return [found[t] for t in texts]


def test_rows_carry_offsets_keys_and_partitions():
    rows = entity_rows(ARTICLES, tag, EntitiesConfig(), "cased-minilm.v1")
    got = [(r["article_id"], r["start"], r["end"], r["text"], r["label"], r["entity_key"], r["model"], r["date"]) for r in rows]
    assert got == [
        ("a1", 4, 27, "Armed Forces of Ukraine", "ORG", "armed forces of ukraine", "cased-minilm.v1", "2024-11-19"),
        ("a1", 29, 32, "AFU", "ORG", "armed forces of ukraine", "cased-minilm.v1", "2024-11-19"),
        ("a1", 42, 70, "Russia's Ministry of Defense", "ORG", "russia's ministry of defense", "cased-minilm.v1", "2024-11-19"),
        ("a1", 76, 88, "the ministry", "ORG", "russia's ministry of defense", "rules:description", "2024-11-19"),
        ("a2", 0, 8, "Zelensky", "PER", "volodymyr zelensky", "cased-minilm.v1", "unknown"),
        ("a3", 0, 18, "Volodymyr Zelensky", "PER", "volodymyr zelensky", "cased-minilm.v1", "unknown"),
    ]
    assert all(TEXT[r["start"] : r["end"]] == r["text"] for r in rows if r["article_id"] == "a1")
    assert len({r["mention_id"] for r in rows}) == 6
    assert "run_id" not in rows[0] and "release" not in rows[0]  # run-independent: cacheable


def test_min_score_drops_unsure_mentions():
    rows = entity_rows(ARTICLES[:1], tag, EntitiesConfig(min_score=0.93), "m")
    assert [r["text"] for r in rows] == ["Armed Forces of Ukraine", "Russia's Ministry of Defense", "the ministry"]

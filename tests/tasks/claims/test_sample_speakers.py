"""Claims built from sample articles (data/samples) never have a speaker that is a pronoun key,
a relative pronoun, a date word or a possessive fragment.

The fixture holds the 14 sample articles whose claims had the most such speakers, with their
entity rows and the attribution tagger's output (cached: no model runs here).
"""

import json
from pathlib import Path

import pytest

from newslake.config import ClaimsConfig
from newslake.models.attribution.pairing import Attribution
from newslake.tasks.claims.rows import claim_rows
from newslake.tasks.claims.speakers import DATE_WORDS, PRONOUNS, RELATIVE_PRONOUNS
from newslake.text.spans import Span

FIXTURE = Path(__file__).parent / "fixtures" / "sample_articles.jsonl"
FRAGMENTS = {"'s", "’s", "the", "a", "an", "mr.", "mrs.", "ms."}


def not_a_speaker(text: str | None, key: str | None) -> bool:
    if text is None:
        return False
    folded = " ".join(text.casefold().split())
    return (folded in RELATIVE_PRONOUNS or folded in DATE_WORDS or folded in FRAGMENTS
            or folded.startswith(("'s ", "’s ")) or folded.endswith(("'s", "’s")) or key in PRONOUNS)


@pytest.fixture(scope="module")
def samples():
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def attributions(sample):
    span = lambda s: None if s is None else Span(*s)
    return [Attribution(span(a["source"]), span(a["cue"]), span(a["content"]), a["score"],
                        tuple(span(f) for f in a["fragments"])) for a in sample["attributions"]]


def test_no_claim_speaker_is_a_pronoun_relative_pronoun_date_word_or_fragment(samples):
    by_text = {s["text"]: s for s in samples}
    entities = [{"article_id": s["article_id"], "start": a, "end": b, "label": label, "entity_key": key}
                for s in samples for a, b, label, key in s["entities"]]
    claims, _ = claim_rows(samples, entities, lambda texts: [attributions(by_text[t]) for t in texts],
                           lambda triples, about=None: [{"supports": 0.4, "refutes": 0.1, "neutral": 0.3, "unrelated": 0.2}] * len(triples),
                           ClaimsConfig(), ["test"])
    # What the tagger hands over: dozens of such sources in these articles.
    raw = [s["text"][a.source.start : a.source.end] for s in samples for a in attributions(s) if a.source is not None]
    assert sum(not_a_speaker(t, None) for t in raw) >= 40
    bad = [(c["speaker"], c["speaker_key"]) for c in claims if not_a_speaker(c["speaker"], c["speaker_key"])]
    assert bad == []
    texts = {s["article_id"]: s["text"] for s in samples}
    titles = {s["article_id"]: s["title"] for s in samples}
    for claim in claims:  # the speaker is the repaired phrase, and its offsets say where it is (text or title)
        if claim["speaker"] is not None:
            where = titles if claim["in_title"] else texts
            assert where[claim["article_id"]][claim["speaker_start"] : claim["speaker_end"]] == claim["speaker"]
        if claim["speaker_resolution"] in ("entity", "role", "description", "anonymous", "unlinked"):
            assert claim["speaker_key"]


def test_headline_claims_of_the_sample_articles(samples):
    entities = [{"article_id": s["article_id"], "start": a, "end": b, "label": label, "entity_key": key}
                for s in samples for a, b, label, key in s["entities"]]
    claims, _ = claim_rows(samples, entities, lambda texts: [[] for _ in texts],
                           lambda triples, about=None: [{"supports": 0.4, "refutes": 0.1, "neutral": 0.3, "unrelated": 0.2}] * len(triples),
                           ClaimsConfig(), ["test"])
    titles = {s["article_id"]: s["title"] for s in samples}
    assert all(c["in_title"] for c in claims)
    for claim in claims:  # every offset indexes the title
        for part in ("speaker", "cue", "content"):
            assert titles[claim["article_id"]][claim[f"{part}_start"] : claim[f"{part}_end"]] == claim[part]
    assert sorted((c["speaker"], c["speaker_key"], c["speaker_kind"], c["cue"], c["content"]) for c in claims) == [
        ("Flynn", "michael flynn", "person", "says", "Trump 'absolutely right' in saying generals reduced to rubble"),
        ("Judge", "judge", "judiciary", "rejects", "New York Times request to unseal Trump divorce file"),
        ("Politifact", "politifact", "organization", ":", "Donald Trump Is Right, ‘Thousands of Shootings’ in Chicago this Year"),
    ]

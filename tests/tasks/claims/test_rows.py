"""Claims assembly with injected models: via, speakers, evidence, the cue layer and propositions."""

from newslake.config import ClaimsConfig, Proposition
from newslake.models.attribution.pairing import Attribution
from newslake.tasks.claims.rows import claim_rows
from newslake.text.spans import Span

TEXT = (
    'The publication "RBC-Ukraine," citing a defense source, reported that the AFU used American missiles. '
    "Yuriy Butusov also mentioned this information. "
    "The General Staff did not confirm the reports. "
    "The ministry denied that a depot burned."
)
ARTICLE = {"article_id": "a1", "title": "Kyiv strikes Russia with Western missiles", "text": TEXT, "date": "2024-11-19"}


def span(surface, label, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(surface, start + 1)
    return Span(start, start + len(surface), label, 0.8)


ATTRIBUTIONS = [
    Attribution(span("a defense source", "SOURCE"), span("citing", "CUE"), None, 0.7),
    Attribution(span("RBC-Ukraine", "SOURCE"), span("reported", "CUE"),
                span("that the AFU used American missiles", "CONTENT"), 0.9),
    Attribution(span("Yuriy Butusov", "SOURCE"), span("also mentioned", "CUE"), span("this information", "CONTENT"), 0.9),
    Attribution(span("The General Staff", "SOURCE"), span("did not confirm", "CUE"), span("the reports", "CONTENT"), 0.9),
    Attribution(span("The ministry", "SOURCE"), span("denied", "CUE"), span("that a depot burned", "CONTENT"), 0.9),
    Attribution(None, span("burned", "CUE"), None, 0.1),  # too unsure: dropped by min_score
]
ENTITIES = [
    {"article_id": "a1", "start": TEXT.index("RBC-Ukraine"), "end": TEXT.index("RBC-Ukraine") + 11, "label": "ORG",
     "entity_key": "rbc-ukraine"},
    {"article_id": "a1", "start": TEXT.index("Yuriy Butusov"), "end": TEXT.index("Yuriy Butusov") + 13, "label": "PER",
     "entity_key": "yuriy butusov"},
    {"article_id": "a1", "start": TEXT.index("General Staff"), "end": TEXT.index("General Staff") + 13, "label": "ORG",
     "entity_key": "afu general staff"},
    {"article_id": "a1", "start": TEXT.index("The ministry"), "end": TEXT.index("The ministry") + 12, "label": "ORG",
     "entity_key": "russia's ministry of defense"},
]


class FakeStance:
    """Supports when the text mentions missiles, else neutral; unrelated for texts about depots and lunch."""

    def __init__(self):
        self.pairs = []

    def __call__(self, pairs):
        self.pairs += pairs
        scores = []
        for _, text, _context in pairs:
            if "missiles" in text:
                scores.append({"supports": 0.8, "refutes": 0.05, "neutral": 0.05, "unrelated": 0.1})
            elif "lunch" in text:
                scores.append({"supports": 0.0, "refutes": 0.0, "neutral": 0.1, "unrelated": 0.9})
            else:
                scores.append({"supports": 0.1, "refutes": 0.1, "neutral": 0.6, "unrelated": 0.2})
        return scores


def run(config=None, article=ARTICLE):
    stance = FakeStance()
    config = config or ClaimsConfig(min_score=0.5)
    claims, stances = claim_rows([article], ENTITIES, lambda texts: [ATTRIBUTIONS], stance, config, ["a@1", "s@2"])
    return claims, stances, stance


def test_claims_with_via_speakers_evidence_and_cue_rules():
    claims, stances, stance = run()
    rows = [(c["speaker"], c["speaker_key"], c["speaker_kind"], c["via"], c["via_key"], c["cue"], c["cue_class"],
             c["stance"], c["stance_rule"]) for c in claims]
    assert rows == [
        ("RBC-Ukraine", "rbc-ukraine", "media", "a defense source", "anonymous", "reported", "assertive", "supports", "model"),
        ("Yuriy Butusov", "yuriy butusov", "person", None, None, "also mentioned", "assertive", "supports", "model"),
        ("The General Staff", "afu general staff", "military", None, None, "did not confirm", "noncommittal", "neutral",
         "cue:noncommittal"),
        ("The ministry", "russia's ministry of defense", "government", None, None, "denied", "denial", "refutes", "cue:denial"),
    ]
    # "this information" and "the reports" are read as what they point back to: RBC-Ukraine's content.
    assert [text for _, text, _ in stance.pairs] == ["that the AFU used American missiles"] * 3 + ["that a depot burned"]
    assert {target for target, _, _ in stance.pairs} == {ARTICLE["title"]}
    assert {context for _, _, context in stance.pairs} == {TEXT}  # toward the title: the whole article
    first = claims[0]
    assert TEXT[first["content_start"] : first["content_end"]] == first["content"] == "that the AFU used American missiles"
    assert first["stance_scores"] == {"supports": 0.8, "refutes": 0.05, "neutral": 0.05, "unrelated": 0.1}
    assert first["target_kind"] == "title" and first["models"] == ["a@1", "s@2"] and first["event_id"] is None
    assert len({c["claim_id"] for c in claims}) == 4 and stances == []


def test_propositions_are_scored_against_every_claim():
    config = ClaimsConfig(min_score=0.5, propositions=[Proposition(id="lunch", text="The minister had lunch")])
    claims, stances, stance = run(config)
    assert len(stance.pairs) == 8  # 4 claims x (title + 1 proposition)
    assert [(s["claim_id"], s["proposition_id"]) for s in stances] == [(c["claim_id"], "lunch") for c in claims]
    # The fake model reads the claim text only; the cue layer still decides over a related reading.
    assert [s["stance"] for s in stances] == ["supports", "supports", "neutral", "refutes"]


def test_an_untitled_article_is_scored_against_its_lede():
    claims, _, stance = run(article={**ARTICLE, "title": None})
    assert {c["target_kind"] for c in claims} == {"lede"}
    assert {target for target, _, _ in stance.pairs} == {TEXT[: TEXT.index("missiles.") + len("missiles.")]}

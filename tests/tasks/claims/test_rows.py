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

    def __call__(self, pairs, about=None):
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


# --- stance targets: the claim's event, else the main event it bears on, else none -----------------------

LEAD = "Missiles hit a depot in Bryansk overnight, Pentagon says.\n\n"
BODY = (LEAD + "RBC-Ukraine reported that the AFU used American missiles. "
        "The ministry denied that a depot burned. Officials said lunch was served.")
EVENT = {"event_id": "e1", "article_id": "a2", "description": "Ukraine struck Russia with missiles", "mentions": [{"start": 0, "end": 12}],
         "actors": [], "weapon": None, "weapon_class": None, "location_key": None, "trigger_start": 9, "score": 0.6}
LUNCH = BODY.index("lunch")
LATER_EVENT = {**EVENT, "event_id": "e2", "description": "lunch", "mentions": [{"start": LUNCH, "end": LUNCH + 5}],
               "trigger_start": LUNCH, "score": 0.8}


def body_span(surface, label):
    start = BODY.index(surface)
    return Span(start, start + len(surface), label, 0.9)


BODY_ATTRIBUTIONS = [
    Attribution(body_span("RBC-Ukraine", "SOURCE"), body_span("reported", "CUE"),
                body_span("that the AFU used American missiles", "CONTENT"), 0.9),
    Attribution(body_span("The ministry", "SOURCE"), body_span("denied", "CUE"), body_span("that a depot burned", "CONTENT"), 0.9),
    Attribution(body_span("Officials", "SOURCE"), body_span("said", "CUE"), body_span("lunch was served", "CONTENT"), 0.9),
]
BODY_ENTITIES = [{"article_id": "a2", "start": BODY.index("RBC-Ukraine"), "end": BODY.index("RBC-Ukraine") + 11,
                  "label": "ORG", "entity_key": "rbc-ukraine"}]


def keyword_embed(texts):
    """Unit vectors on three axes: missiles, depots, everything else; cosine 1 within an axis, 0 across."""
    import numpy as np

    axis = [0 if "issile" in t else 1 if "depot" in t else 2 for t in texts]
    return np.eye(3)[axis]


def run_targets(title, events, embed=keyword_embed, extra_entities=()):
    article = {"article_id": "a2", "title": title, "text": BODY, "date": "2024-11-19"}
    stance = FakeStance()
    claims, _ = claim_rows([article], [*BODY_ENTITIES, *extra_entities], lambda texts: [BODY_ATTRIBUTIONS], stance,
                           ClaimsConfig(), ["a@1", "s@2"], events, embed)
    return claims, stance


def test_a_claim_about_no_event_is_scored_against_the_main_event_it_bears_on_else_has_no_target():
    claims, stance = run_targets("Strike on Bryansk", [EVENT, LATER_EVENT])
    rows = [(c["speaker"], c["event_id"], c["target_event_id"], c["target_kind"], c["stance"], c["stance_rule"])
            for c in claims]
    # The main event is the lead paragraph's (e1), though e2 scores higher: only the missile claim bears on it,
    # which makes e1 its target, not its event. The officials' content names e2: a linked event stays the
    # target, and is never unrelated.
    assert rows == [
        ("RBC-Ukraine", None, "e1", "event", "supports", "model"),
        ("The ministry", None, None, "none", "unrelated", "no-target"),  # toward the title it was `refutes` (cue:denial)
        ("Officials", "e2", "e2", "event", "neutral", "model"),
    ]
    assert claims[1]["stance_scores"] is None
    assert [target for target, _, _ in stance.pairs] == ["Ukraine struck Russia with missiles", "lunch"]


def test_without_events_the_title_is_the_target_of_the_claims_that_bear_on_it():
    claims, stance = run_targets("Kyiv strikes Russia with Western missiles", [])
    assert [(c["target_kind"], c["stance"]) for c in claims] == [("title", "supports"), ("none", "unrelated"),
                                                                  ("none", "unrelated")]
    assert [target for target, _, _ in stance.pairs] == ["Kyiv strikes Russia with Western missiles"]


def test_without_an_embedder_every_claim_bears_on_its_target():
    claims, _ = run_targets("Kyiv strikes Russia with Western missiles", [], embed=None)
    assert [(c["target_kind"], c["stance"]) for c in claims] == [("title", "supports"), ("title", "refutes"),
                                                                  ("title", "unrelated")]


def test_a_headline_attribution_is_a_claim_with_offsets_in_the_title():
    title = "Pentagon confirms missiles hit depot in Bryansk"
    pentagon = {"article_id": "a2", "start": BODY.index("Pentagon"), "end": BODY.index("Pentagon") + 8, "label": "ORG",
                "entity_key": "pentagon"}
    claims, _ = run_targets(title, [EVENT], extra_entities=[pentagon])
    [headline] = [c for c in claims if c["in_title"]]
    assert {k: headline[k] for k in ("speaker", "speaker_key", "speaker_kind", "speaker_resolution", "cue", "cue_class",
                                     "content", "quote_type", "event_id", "target_event_id", "target_kind", "stance",
                                     "score")} == {
        "speaker": "Pentagon", "speaker_key": "pentagon", "speaker_kind": "military", "speaker_resolution": "entity",
        "cue": "confirms", "cue_class": "assertive", "content": "missiles hit depot in Bryansk", "quote_type": "indirect",
        "event_id": None, "target_event_id": "e1", "target_kind": "event", "stance": "supports", "score": 1.0}
    for part in ("speaker", "cue", "content"):
        assert title[headline[f"{part}_start"] : headline[f"{part}_end"]] == headline[part]
    assert [c["in_title"] for c in claims] == [False, False, False, True]
    assert len({c["claim_id"] for c in claims}) == 4


def test_a_headline_claim_is_never_scored_against_its_own_title():
    text = BODY + " Russia"
    russia = {"article_id": "a2", "start": len(BODY) + 1, "end": len(text), "label": "LOC", "entity_key": "russia"}
    article = {"article_id": "a2", "title": "Russia denies missiles hit a depot", "text": text, "date": "2024-11-19"}
    claims, _ = claim_rows([article], [russia], lambda texts: [[]], FakeStance(), ClaimsConfig(), ["a@1"], [], keyword_embed)
    # A denial toward the title that states it would be `refutes`: there is no target instead.
    assert [(c["speaker_key"], c["cue_class"], c["target_kind"], c["stance"]) for c in claims] == [
        ("russia", "denial", "none", "unrelated")]


def test_a_claim_that_does_not_bear_on_the_main_event_takes_the_event_it_bears_on():
    depot = {**EVENT, "event_id": "e3", "description": "a depot burned in Bryansk", "score": 0.2,
             "mentions": [{"start": LEAD.index("depot"), "end": LEAD.index("depot") + 5}], "trigger_start": LEAD.index("depot")}
    claims, _ = run_targets("Strike on Bryansk", [EVENT, depot])
    assert [(c["speaker"], c["target_event_id"], c["target_kind"], c["stance"]) for c in claims] == [
        ("RBC-Ukraine", "e1", "event", "supports"),
        ("The ministry", "e3", "event", "refutes"),  # a denial of the event it bears on
        ("Officials", None, "none", "unrelated"),
    ]


def test_a_wire_credit_line_is_no_part_of_the_content():
    text = "Zelensky said that the capital is under reliable protection. — Ukrinform."
    said = "that the capital is under reliable protection. — Ukrinform"
    start = text.index(said)
    found = Attribution(Span(0, 8, "SOURCE", 0.9), Span(9, 13, "CUE", 0.9), Span(start, start + len(said), "CONTENT", 0.9), 0.9)
    article = {"article_id": "u1", "title": "", "text": text, "date": "2022-02-27"}
    claims, _ = claim_rows([article], [], lambda texts: [[found]], FakeStance(), ClaimsConfig(min_score=0.5), [])
    assert [c["content"] for c in claims] == ["that the capital is under reliable protection."]


def test_a_content_before_its_cue_starts_in_the_cues_paragraph():
    text = '"The market just isn\'t there."\n\nTrump wrote to the chief executive, according to a copy of the letter.'
    said = text[: text.index(", according")]
    cue = text.index("according to")
    found = Attribution(Span(cue + 13, len(text) - 1, "SOURCE", 0.9), Span(cue, cue + 12, "CUE", 0.9),
                        Span(0, len(said), "CONTENT", 0.9), 0.9)
    article = {"article_id": "p1", "title": "", "text": text, "date": "2016-07-15"}
    claims, _ = claim_rows([article], [], lambda texts: [[found]], FakeStance(), ClaimsConfig(min_score=0.5), [])
    assert [c["content"] for c in claims] == ["Trump wrote to the chief executive"]

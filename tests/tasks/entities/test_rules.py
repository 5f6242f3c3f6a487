from newslake.tasks.entities.rules import apply_rules
from newslake.text.spans import Span

TEXT = "On Monday The New York Times said the AFU fired ATACMS at the Bryansk region, the Kremlin said."
LEXICON = {"MISC": ["ATACMS", "Storm Shadow"], "ORG": ["Kremlin"]}


def spans_of(spans):
    return [(TEXT[s.start : s.end], s.label) for s in spans]


def test_lexicon_relabels_and_adds_regions_extend_and_the_joins():
    model = [
        Span(10, 13, "ORG", 0.9),  # "The"
        Span(14, 28, "ORG", 0.99),  # "New York Times"
        Span(38, 41, "ORG", 0.99),  # "AFU"
        Span(48, 54, "ORG", 0.6),  # "ATACMS" as ORG
        Span(62, 69, "LOC", 0.99),  # "Bryansk"
        Span(82, 89, "LOC", 0.8),  # "Kremlin" as LOC
    ]
    assert spans_of(apply_rules(TEXT, model, LEXICON)) == [
        ("The New York Times", "ORG"),
        ("AFU", "ORG"),
        ("ATACMS", "MISC"),
        ("Bryansk region", "LOC"),
        ("Kremlin", "ORG"),
    ]


def test_lexicon_adds_what_the_model_missed_on_word_boundaries_only():
    text = "Storm Shadow and ATACMSX rockets"
    assert [(text[s.start : s.end], s.label) for s in apply_rules(text, [], LEXICON)] == [("Storm Shadow", "MISC")]

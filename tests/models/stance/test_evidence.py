"""Evidence selection on a hand-written body, with a fake embedder (word counts over a tiny vocabulary)."""

import torch

from newslake.models.stance.evidence import select_evidence, split_sentences, top_sentences

VOCABULARY = ["volcano", "erupted", "island", "football", "weather", "other"]


def fake_embed(texts):
    rows = []
    for text in texts:
        words = [w.strip(".,").lower() for w in text.split()]
        counts = [float(words.count(v)) for v in VOCABULARY[:-1]]
        counts.append(0.1)  # so that no text is the zero vector
        rows.append(counts)
    return torch.nn.functional.normalize(torch.tensor(rows), dim=-1)


BODY = ("The football season starts soon. The volcano erupted on Tuesday.\n\n"
        "Weather was calm. Residents said the island volcano erupted twice. "
        "Officials denied that the island was evacuated.")


def test_split_sentences_uses_the_runtime_splitter_and_collapses_whitespace():
    assert split_sentences("One  here.\nStill one. Two?") == ["One here.", "Still one.", "Two?"]
    assert split_sentences("   ") == []


def test_select_evidence_keeps_the_three_closest_sentences_in_body_order():
    evidence = select_evidence("Volcano erupted on island", BODY, fake_embed, k=3)
    assert evidence == ("The volcano erupted on Tuesday. Residents said the island volcano erupted twice. "
                        "Officials denied that the island was evacuated.")


def test_select_evidence_returns_short_texts_whole():
    assert select_evidence("volcano", "Weather was calm. Football.", fake_embed, k=3) == "Weather was calm. Football."


def test_top_sentences_breaks_ties_towards_the_earlier_sentence():
    assert top_sentences([0.2, 0.9, 0.2, 0.2, 0.5], k=3) == [0, 1, 4]

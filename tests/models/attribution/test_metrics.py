"""The metrics on a tiny hand-made set with exact expected numbers."""

import pytest

from newslake.models.attribution.data import GoldAttribution, GoldSpan
from newslake.models.attribution.evaluate import attribution_metrics, span_scores
from newslake.models.attribution.pairing import Attribution
from newslake.text.spans import Span


def gold(span):
    return None if span is None else GoldSpan(span[0], span[1], (span,))


def predicted(label, span):
    return None if span is None else Span(span[0], span[1], label, 1.0)


def attribution(source, cue, content):
    return Attribution(predicted("SOURCE", source), predicted("CUE", cue), predicted("CONTENT", content), 1.0)


GOLD = [
    [GoldAttribution(gold((0, 5)), gold((6, 10)), gold((11, 30))),
     GoldAttribution(None, gold((40, 45)), gold((46, 60)), kind="Attribution-no-source")],
    [GoldAttribution(None, gold((6, 10)), None, kind="Attribution-no-source")],
]
PREDICTED = [
    [attribution((0, 5), (6, 10), (11, 25)),  # source and cue exact, content overlaps
     attribution((31, 35), (40, 44), None),  # source wrong, cue overlaps
     attribution(None, (70, 75), (46, 60))],  # cue wrong, content exact
    [],  # article 2's gold cue (6, 10) must not match article 1's prediction
]


def test_exact_and_overlap_scores_per_span_type():
    scores = attribution_metrics(GOLD, PREDICTED)
    assert scores["n_gold"] == 3 and scores["n_pred"] == 3
    assert scores["source"] == pytest.approx({
        "exact_precision": 1 / 2, "exact_recall": 1.0, "exact_f1": 2 / 3,
        "overlap_precision": 1 / 2, "overlap_recall": 1.0, "overlap_f1": 2 / 3, "n_gold": 1, "n_pred": 2})
    assert scores["cue"] == pytest.approx({
        "exact_precision": 1 / 3, "exact_recall": 1 / 3, "exact_f1": 1 / 3,
        "overlap_precision": 2 / 3, "overlap_recall": 2 / 3, "overlap_f1": 2 / 3, "n_gold": 3, "n_pred": 3})
    assert scores["content"] == pytest.approx({
        "exact_precision": 1 / 2, "exact_recall": 1 / 2, "exact_f1": 1 / 2,
        "overlap_precision": 1.0, "overlap_recall": 1.0, "overlap_f1": 1.0, "n_gold": 2, "n_pred": 2})


def test_pairing_scores_whole_attributions_and_pairs_given_a_found_cue():
    pairing = attribution_metrics(GOLD, PREDICTED)["pairing"]
    assert pairing == pytest.approx({"exact_f1": 0.0, "exact_precision": 0.0, "exact_recall": 0.0,
                                     "gold_cues_found": 1, "source_given_cue": 1.0, "content_given_cue": 0.0})


def test_empty_sides_score_zero_not_an_error():
    assert span_scores([set()], [set()])["exact_f1"] == 0.0
    assert span_scores([{(0, 1)}], [set()])["overlap_recall"] == 0.0
    with pytest.raises(ValueError):
        span_scores([{(0, 1)}], [])  # one list per article on both sides

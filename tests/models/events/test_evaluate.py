"""Dev scoring of trigger predictions on hand-built spans (no model), and the reliability table."""

import numpy as np

from newslake.models.events.data import DevText, Trigger
from newslake.models.events.evaluate import reliability, scored_predictions, sentence_scores, trigger_scores
from newslake.text.spans import Span

ARTICLE = DevText("Jets bombed the town. Police arrested two men. Leaders met.",
                  [Trigger(5, 11, "ASSAULT"), Trigger(29, 37, "COERCE"), Trigger(55, 58, "CONSULT")],
                  frozenset({"ASSAULT", "COERCE", "CONSULT"}))


def test_trigger_scores_match_by_overlap_and_type_by_category():
    predicted = [Span(5, 11, "ASSAULT", 0.9), Span(29, 37, "ASSAULT", 0.6), Span(0, 4, "CONSULT", 0.4),
                 Span(47, 54, "STATEMENT", 0.8)]  # STATEMENT: not a category this gold scores
    scores = trigger_scores([ARTICLE], [predicted])
    assert scores["trigger"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667, "n_gold": 3, "n_pred": 3,
                                 "n_match": 2}
    assert scores["trigger_and_category"] == {"precision": 0.3333, "recall": 0.3333, "f1": 0.3333, "n_match": 1}
    assert scores["per_category"]["ASSAULT"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "n_gold": 1,
                                                 "n_pred": 2}
    assert scores["per_category"]["COERCE"]["f1"] == 0.0
    assert scores["category_macro_f1"] == round((0.6667 + 0 + 0) / 3, 4)


def test_sentence_scores_take_the_most_confident_trigger():
    sentences = [DevText("Jets bombed the town.", [Trigger(5, 11, "ASSAULT")], frozenset({"ASSAULT"}), "ASSAULT"),
                 DevText("Leaders met.", [Trigger(8, 11, "CONSULT")], frozenset({"CONSULT"}), "CONSULT"),
                 DevText("Nothing here.", [], frozenset({"AID"}), "AID")]
    predicted = [[Span(5, 11, "ASSAULT", 0.9), Span(16, 20, "COERCE", 0.3)], [Span(8, 11, "AGREE", 0.7)], []]
    assert sentence_scores(sentences, predicted) == {
        "category_accuracy": 0.3333, "n_sentences": 3, "n_correct": 1, "n_with_prediction": 2,
        "trigger_recall": 1.0, "trigger_recall_same_category": 0.5, "n_gold_triggers": 2}


def test_reliability_bins_mean_score_against_observed_precision():
    predicted = [Span(5, 11, "ASSAULT", 0.95), Span(29, 37, "ASSAULT", 0.85), Span(55, 58, "CONSULT", 0.55)]
    scores, correct = scored_predictions([ARTICLE], [predicted])
    assert scores.tolist() == [0.95, 0.85, 0.55] and correct.tolist() == [1.0, 0.0, 1.0]
    table = reliability(scores, correct)
    by_bin = {row["bin"]: row for row in table["bins"]}
    assert by_bin["0.9-1.0"] == {"bin": "0.9-1.0", "mean_predicted": 0.95, "observed_precision": 1.0, "n": 1}
    assert by_bin["0.8-0.9"]["observed_precision"] == 0.0
    assert by_bin["0.0-0.3"]["n"] == 0
    assert table["n"] == 3
    assert table["ece"] == round((0.05 + 0.85 + 0.45) / 3, 4)
    assert reliability(np.array([]), np.array([]))["n"] == 0

"""Training helpers with exact values; one slow end-to-end run on a synthetic FNC-1 + Emergent folder."""

import csv
import json

import pytest

from newslake.models.stance.data import StancePair, headline_key
from newslake.models.stance.train import class_weights, train_stance, unrelated_pairs


def test_class_weights_are_square_root_inverse_frequency_with_mean_one():
    labels = ["supports"] * 4 + ["refutes"] + ["neutral"] * 4
    weights = class_weights(labels)
    assert weights == {"supports": pytest.approx(0.9), "refutes": pytest.approx(1.8), "neutral": pytest.approx(0.9)}
    assert sum(weights[label] for label in labels) / len(labels) == pytest.approx(1.0)
    assert class_weights(["neutral", "neutral"])["refutes"] == 0.0


def test_unrelated_pairs_take_texts_from_other_targets_only():
    pairs = [StancePair(f"Claim {i % 3}", f"headline {i}", "supports") for i in range(9)]
    sampled = unrelated_pairs(pairs, seed=13)
    assert [p.target for p in sampled] == [p.target for p in pairs]
    assert all(p.label == "unrelated" for p in sampled)
    text_target = {p.text: p.target for p in pairs}
    assert all(headline_key(text_target[p.text]) != headline_key(p.target) for p in sampled)
    assert unrelated_pairs(pairs, seed=13) == sampled
    assert unrelated_pairs(pairs[:1], seed=13) == []


@pytest.mark.slow
def test_train_stance_end_to_end_on_a_synthetic_folder(tmp_path):
    topics = ["volcano erupts in iceland", "cat elected mayor of town", "bank raises interest rates",
              "team wins the cup final", "storm floods the coast", "actor quits the film"]
    bodies, stances = [], []
    for t, topic in enumerate(topics):
        bodies.append((t, f"Reports say the {topic}. Officials confirmed that the {topic}. More news follows."))
    for t, topic in enumerate(topics):
        for b in range(len(topics)):
            label = ("agree", "discuss", "disagree")[t % 3] if b == t else "unrelated"
            stances.append((f"Headline: {topic}", b, label))
    fnc, emergent = tmp_path / "fnc", tmp_path / "emergent"
    fnc.mkdir(), emergent.mkdir()
    _write(fnc / "train_bodies.csv", ["Body ID", "articleBody"], bodies)
    _write(fnc / "train_stances.csv", ["Headline", "Body ID", "Stance"], stances)
    rows = [(i, f"Claim {topic}", f"Story: {topic}", ("for", "against", "observing")[i % 3], i, i)
            for i, topic in enumerate(topics)]
    header = ["", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId"]
    _write(emergent / "url-versions-2015-06-14-clean-train.csv", header, rows)
    _write(emergent / "url-versions-2015-06-14-clean-test.csv", header, rows[:3])

    metadata = train_stance(fnc, tmp_path / "out", emergent_dir=emergent, epochs=1, cache_dir=tmp_path / "cache")
    config = json.loads((tmp_path / "out" / "config.json").read_text())
    assert config["training"]["best_epoch"] == metadata["best_epoch"] == 1
    assert metadata["dev"]["n"] == metadata["data"]["fnc1"]["dev_pairs"] > 0
    assert set(metadata["emergent_test"]) == {"all", "all_related_only", "unseen_headlines",
                                              "unseen_headlines_related_only"}


def _write(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)

"""Training helpers (fast) and, marked slow, a small training run end to end."""

import random
from pathlib import Path

import pytest

from newslake.errors import NewslakeError
from newslake.models.entities import evaluate_conll, load_artifact, train_entities
from newslake.models.entities.conll import Sentence
from newslake.models.entities.network import IGNORE_INDEX
from newslake.models.runtime.encoder import load_base_tokenizer
from newslake.models.entities.train import labelled_windows
from newslake.models.training import length_bucketed_batches

EXCERPT = Path(__file__).parent / "fixtures" / "valid-excerpt.txt"
CONLL = Path(__file__).resolve().parents[3].parent / "shared" / "datasets" / "conll2003"


def test_targets_only_at_first_wordpieces():
    [(window, targets)] = labelled_windows(load_base_tokenizer(), [Sentence(["Caddick", "bowled"], ["B-PER", "O"])], 128)
    # [CLS] cad ##dick bowled [SEP]
    assert targets == [IGNORE_INDEX, 1, IGNORE_INDEX, 0, IGNORE_INDEX]


def test_unknown_tags_are_e032():
    with pytest.raises(NewslakeError) as error:
        labelled_windows(load_base_tokenizer(), [Sentence(["Monday"], ["B-DATE"])], 128)
    assert error.value.code == "E032"


def test_batches_cover_everything_once_and_are_seeded():
    draw = random.Random(1)
    lengths = [draw.randint(3, 60) for _ in range(1000)]
    batches = length_bucketed_batches(lengths, 32, random.Random(13))
    assert sorted(i for batch in batches for i in batch) == list(range(1000))
    assert all(len(batch) <= 32 for batch in batches)
    assert all([lengths[i] for i in batch] == sorted(lengths[i] for i in batch) for batch in batches)
    assert batches == length_bucketed_batches(lengths, 32, random.Random(13))


@pytest.mark.slow
@pytest.mark.skipif(not (CONLL / "train.txt").is_file(), reason="needs ../shared/datasets/conll2003")
def test_train_entities_small_run(tmp_path):
    metadata = train_entities(CONLL / "train.txt", CONLL / "valid.txt", tmp_path / "model", epochs=1,
                              max_train_sentences=200, max_dev_sentences=50)
    assert (metadata["best_epoch"], metadata["data"]["train"]["sentences"]) == (1, 200)
    _, _, labels = load_artifact(tmp_path / "model")
    assert len(labels) == 9
    metrics = evaluate_conll(tmp_path / "model", EXCERPT)
    assert set(metrics) == {"f1", "precision", "recall", "per_label", "n_sentences"}
    assert set(metrics["per_label"]) == {"LOC", "MISC", "ORG", "PER"}
    assert all(set(row) == {"f1", "precision", "recall", "support"} for row in metrics["per_label"].values())
    assert metrics["n_sentences"] == 39

"""Model inputs from words, and the artifact round trip (untrained head: nothing here trains)."""

import json

import pytest
import torch

from newslake.errors import NewslakeError
from newslake.models.entities.casing import ALL_CAPS, HAS_DIGIT, LOWER, SPECIAL, TITLE
from newslake.models.entities.network import (
    LABELS,
    CasedTokenClassifier,
    collate,
    encode_words,
    load_artifact,
    save_artifact,
)
from newslake.models.runtime.artifacts import trainable_state_dict
from newslake.models.runtime.encoder import BASE_PACKAGE, load_base_encoder, load_base_tokenizer


@pytest.fixture(scope="module")
def tokenizer():
    return load_base_tokenizer()


def test_encode_words_marks_first_pieces_and_splits_between_words(tokenizer):
    windows = encode_words(tokenizer, [["Andy", "Caddick", "took", "three", "for", "83"], ["NATO"]], max_length=6)
    first, second = windows[0]
    assert tokenizer.convert_ids_to_tokens(first.input_ids) == ["[CLS]", "andy", "cad", "##dick", "took", "[SEP]"]
    assert first.casing_ids == [SPECIAL, TITLE, TITLE, TITLE, LOWER, SPECIAL]
    assert first.first_piece_word == [-1, 0, 1, -1, 2, -1]
    assert tokenizer.convert_ids_to_tokens(second.input_ids) == ["[CLS]", "three", "for", "83", "[SEP]"]
    assert second.casing_ids == [SPECIAL, LOWER, LOWER, HAS_DIGIT, SPECIAL]
    assert second.first_piece_word == [-1, 3, 4, 5, -1]
    assert [w.casing_ids for w in windows[1]] == [[SPECIAL, ALL_CAPS, SPECIAL]]


def test_collate_pads_right_with_special_casing(tokenizer):
    windows = [w for ws in encode_words(tokenizer, [["a", "b", "c"], ["Rome"]]) for w in ws]
    batch = collate(windows, tokenizer.pad_token_id)
    assert batch["attention_mask"].tolist() == [[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]
    assert batch["casing_ids"][1].tolist() == [SPECIAL, TITLE, SPECIAL, SPECIAL, SPECIAL]
    assert batch["input_ids"][1, 3:].tolist() == [tokenizer.pad_token_id] * 2


@pytest.fixture(scope="module")
def untrained():
    torch.manual_seed(0)
    model = CasedTokenClassifier(load_base_encoder(), LABELS)
    with torch.no_grad():
        model.casing.weight.normal_(0, 0.5)
        # fp16-representable values, so that the fp16 file must give back exactly the same network
        for parameter in trainable_state_dict(model).values():
            parameter.copy_(parameter.half().float())
    return model.eval()


def test_save_load_round_trip(tmp_path, tokenizer, untrained):
    folder = save_artifact(untrained, BASE_PACKAGE, tmp_path / "model", {"note": "untrained"})
    config = json.loads((folder / "config.json").read_text())
    assert config["labels"] == LABELS
    assert config["base"]["package"] == BASE_PACKAGE
    assert (config["max_length"], config["num_casing_classes"], config["training"]) == (128, 8, {"note": "untrained"})
    # Only what training changes is written: no 30522 x 384 word-embedding matrix.
    assert 20e6 < (folder / "weights.safetensors").stat().st_size < 25e6

    loaded, loaded_tokenizer, labels = load_artifact(folder)
    assert labels == LABELS and not loaded.training
    inputs = collate([w for ws in encode_words(tokenizer, [["Peter", "Blackburn", "in", "BONN"]]) for w in ws],
                     tokenizer.pad_token_id)
    assert loaded_tokenizer(["x"])["input_ids"] == tokenizer(["x"])["input_ids"]
    with torch.no_grad():
        assert torch.equal(loaded(**inputs), untrained(**inputs))


def test_load_rejects_a_folder_without_weights(tmp_path):
    with pytest.raises(NewslakeError) as error:
        load_artifact(tmp_path)
    assert error.value.code == "E030"


def test_load_rejects_an_unknown_base(tmp_path, untrained):
    folder = save_artifact(untrained, BASE_PACKAGE, tmp_path / "model", {})
    config = json.loads((folder / "config.json").read_text())
    config["base"]["package"] = "os"
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(NewslakeError) as error:
        load_artifact(folder)
    assert error.value.code == "E031"

"""Cross-encoder inputs, the artifact round trip with an untrained head, and the 4-way combination (nothing trains)."""

import json

import numpy as np
import pytest
import torch

from newslake.errors import NewslakeError
from newslake.models.runtime.encoder import load_base_encoder, load_base_tokenizer
from newslake.models.stance.model import StanceModel, combine
from newslake.models.stance.network import (
    StanceCrossEncoder,
    collate,
    encode_pairs,
    load_artifact,
    save_artifact,
    trainable_state_dict,
)
from newslake.models.stance.relatedness import FEATURES, RelatednessModel

RELATEDNESS = RelatednessModel(mean=[0.0] * 5, scale=[1.0] * 5, coef=[4.0, 4.0, 0.0, 2.0, 0.0], intercept=-3.0)


@pytest.fixture(scope="module")
def tokenizer():
    return load_base_tokenizer()


def test_encode_pairs_builds_cls_target_sep_evidence_sep_within_the_budget(tokenizer):
    encoded = encode_pairs(tokenizer, ["Cats fly", "a " * 100], ["They do not.", "b " * 200], max_length=20)
    assert tokenizer.convert_ids_to_tokens(encoded[0]["input_ids"]) == [
        "[CLS]", "cats", "fly", "[SEP]", "they", "do", "not", ".", "[SEP]"]
    assert encoded[0]["token_type_ids"] == [0, 0, 0, 0, 1, 1, 1, 1, 1]
    # A long target is cut first (to 48 pieces, or less when the budget is smaller), then the evidence.
    assert len(encoded[1]["input_ids"]) == 20 and encoded[1]["input_ids"][-2:] == [tokenizer.sep_token_id] * 2
    long = encode_pairs(tokenizer, ["a " * 100], ["b " * 200])[0]
    assert len(long["input_ids"]) == 160 and long["token_type_ids"].count(0) == 48 + 2
    batch = collate(encoded[:1] + [encode_pairs(tokenizer, ["x"], ["y"])[0]], tokenizer.pad_token_id)
    assert batch["attention_mask"].tolist()[1] == [1, 1, 1, 1, 1, 0, 0, 0, 0]
    assert batch["input_ids"][1, 5:].tolist() == [tokenizer.pad_token_id] * 4


def test_combine_scales_stage_two_by_p_related_and_sums_to_one():
    scores = combine(np.array([0.8, 0.0]), np.array([[0.5, 0.25, 0.25], [1 / 3, 1 / 3, 1 / 3]]))
    assert scores.tolist() == [[0.4, 0.2, 0.2, pytest.approx(0.2)], [0.0, 0.0, 0.0, 1.0]]


def test_relatedness_weights_round_trip_and_refuse_other_features():
    assert RelatednessModel.from_dict(json.loads(json.dumps(RELATEDNESS.to_dict()))) == RELATEDNESS
    assert RELATEDNESS.probability_related(np.zeros((1, len(FEATURES)))).tolist() == pytest.approx([1 / (1 + np.e**3)])
    with pytest.raises(NewslakeError) as error:
        RelatednessModel.from_dict({**RELATEDNESS.to_dict(), "features": ["cosine"]})
    assert error.value.code == "E030"


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    torch.manual_seed(0)
    model = StanceCrossEncoder(load_base_encoder())
    with torch.no_grad():
        model.classifier.weight.normal_(0, 0.5)
        # fp16-representable values, so that the fp16 file must give back exactly the same network
        for parameter in trainable_state_dict(model).values():
            parameter.copy_(parameter.half().float())
    folder = save_artifact(model.eval(), RELATEDNESS, tmp_path_factory.mktemp("stance"), {"note": "untrained"})
    return model, folder


def test_artifact_round_trip_gives_the_same_network(saved, tokenizer):
    model, folder = saved
    config = json.loads((folder / "config.json").read_text())
    assert config["format"] == "newslake.stance.v1" and config["labels"] == ["supports", "refutes", "neutral"]
    assert config["relatedness"] == RELATEDNESS.to_dict() and config["training"] == {"note": "untrained"}
    loaded, relatedness, loaded_tokenizer, _, _ = load_artifact(folder)
    assert relatedness == RELATEDNESS
    assert "encoder.embeddings.word_embeddings.weight" not in trainable_state_dict(loaded)
    batch = collate(encode_pairs(tokenizer, ["Cats fly", "Rain"], ["They do not.", "It rained on Monday."]),
                    tokenizer.pad_token_id)
    with torch.inference_mode():
        assert torch.equal(model(**batch), loaded(**batch))
    assert loaded_tokenizer.vocab == tokenizer.vocab


def test_stance_model_scores_sum_to_one_and_predict_agrees(saved):
    model = StanceModel.load(saved[1])
    pairs = [("Volcano erupts on Bali", "The volcano on Bali erupted on Monday. Flights were cancelled."),
             ("Volcano erupts on Bali", ""), ("", "Stocks fell.")]
    scores = model.score(pairs)
    assert [sorted(s) for s in scores] == [sorted(["supports", "refutes", "neutral", "unrelated"])] * 3
    assert all(sum(s.values()) == pytest.approx(1.0) for s in scores)
    assert model.predict(pairs) == [max(s, key=s.get) for s in scores]
    assert model.score([]) == [] and model.predict([]) == []


def test_load_refuses_a_folder_that_is_not_a_stance_model(saved, tmp_path):
    with pytest.raises(NewslakeError) as error:
        load_artifact(tmp_path)
    assert error.value.code == "E030"
    config = json.loads((saved[1] / "config.json").read_text())
    (tmp_path / "weights.safetensors").write_bytes((saved[1] / "weights.safetensors").read_bytes())
    (tmp_path / "config.json").write_text(json.dumps({**config, "format": "newslake.entities.v1"}))
    with pytest.raises(NewslakeError) as error:
        load_artifact(tmp_path)
    assert error.value.code == "E030"


def test_evaluate_stance_scores_a_jsonl_file_with_any_label_vocabulary(saved, tmp_path):
    from newslake.models.stance.evaluate import evaluate_stance

    path = tmp_path / "pairs.jsonl"
    records = [{"target": "Bali volcano erupts", "text": "The Bali volcano erupted.", "label": "agree"},
               {"target": "Bali volcano erupts", "text": "Stocks fell in Tokyo.", "label": "unrelated"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = evaluate_stance(path, folder=saved[1])
    assert report["n"] == 2 and report["per_class"]["supports"]["support"] == 1
    assert report["model"] == str(saved[1]) and report["pairs_per_second"] > 0

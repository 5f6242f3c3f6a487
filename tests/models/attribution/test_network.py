"""The head's artifact round trip, on an untrained head over an untrained entity model: nothing here trains."""

import json

import pytest
import torch

from newslake.errors import NewslakeError
from newslake.models.attribution.model import DEFAULT_DECODE, AttributionModel
from newslake.files import file_sha256
from newslake.models.attribution.network import AttributionHead, read_artifact_config, save_artifact
from newslake.models.attribution.pairing import Attribution
from newslake.models.entities.network import LABELS as ENTITY_LABELS
from newslake.models.entities.network import CasedTokenClassifier
from newslake.models.entities.network import save_artifact as save_entity_artifact
from newslake.models.runtime.encoder import BASE_PACKAGE, load_base_encoder

TEXTS = ["Officials said on Tuesday that the plan works. \"It is over,\" the minister told reporters.", ""]


def fp16_exact(module: torch.nn.Module) -> None:
    """Round parameters to fp16-representable values: the fp16 file must then give back the same network."""
    with torch.no_grad():
        for parameter in module.parameters():
            parameter.copy_(parameter.half().float())


@pytest.fixture(scope="module")
def entity_folder(tmp_path_factory):
    torch.manual_seed(0)
    model = CasedTokenClassifier(load_base_encoder(), ENTITY_LABELS)
    fp16_exact(model)
    return save_entity_artifact(model, BASE_PACKAGE, tmp_path_factory.mktemp("entities"), {"note": "untrained"})


@pytest.fixture(scope="module")
def saved(entity_folder, tmp_path_factory):
    from newslake.models.entities.network import load_artifact

    entity_model, _, _ = load_artifact(entity_folder)
    torch.manual_seed(1)
    head = AttributionHead.from_encoder(entity_model.encoder)
    with torch.no_grad():
        head.classifier.weight.normal_(0, 0.5)
    fp16_exact(head)
    folder = save_artifact(head, entity_folder, tmp_path_factory.mktemp("attribution"),
                           window={"max_tokens": 30, "overlap": 10}, decode=DEFAULT_DECODE, metadata={"note": "untrained"})
    return head.eval(), folder


def test_artifact_holds_the_head_only_and_names_its_encoder(saved, entity_folder):
    head, folder = saved
    config = read_artifact_config(folder)
    assert config["encoder"] == {"kind": "newslake.entities.v1", "path": str(entity_folder.resolve()),
                                 "weights_sha256": file_sha256(entity_folder / "weights.safetensors")}
    assert config["head"] == {"layers": 2, "from_layer": None, "hidden_size": 384, "num_attention_heads": 12,
                              "intermediate_size": 1536}
    assert (folder / "weights.safetensors").stat().st_size < 8_000_000


def test_round_trip_gives_back_the_same_head_and_runs(saved):
    head, folder = saved
    model = AttributionModel.load(folder)
    assert model.head.state_dict().keys() == head.state_dict().keys()
    assert all(torch.equal(a, b) for a, b in zip(model.head.state_dict().values(), head.state_dict().values()))
    result = model.extract(TEXTS)
    assert len(result) == 2 and result[1] == []
    assert all(isinstance(a, Attribution) for a in result[0])
    # The lower-level path (hidden states from a shared encoder pass) gives the same answer.
    prepared = model.preprocess(TEXTS)
    assert len(prepared.batches) >= 1 and max(w.length for b, _ in prepared.batches for w in b) <= 30
    assert model.from_hidden(prepared, [model.encode(inputs) for inputs in prepared.model_inputs]) == result


def test_a_different_encoder_is_refused(saved, tmp_path):
    _, folder = saved
    torch.manual_seed(5)
    other = save_entity_artifact(CasedTokenClassifier(load_base_encoder(), ENTITY_LABELS), BASE_PACKAGE,
                                 tmp_path / "other-entities", {"note": "another untrained model"})
    with pytest.raises(NewslakeError) as error:
        AttributionModel.load(folder, encoder_folder=other)
    assert error.value.code == "E031"


def test_not_an_attribution_artifact(tmp_path, entity_folder):
    with pytest.raises(NewslakeError) as missing:
        AttributionModel.load(tmp_path)
    assert missing.value.code == "E030"
    with pytest.raises(NewslakeError) as wrong_kind:
        AttributionModel.load(entity_folder)  # an entity model, not an attribution head
    assert wrong_kind.value.code == "E030"
    assert json.loads((entity_folder / "config.json").read_text())["format"] != "newslake.attribution.v1"


def test_a_head_over_an_inner_layer_reads_that_layer_and_round_trips(entity_folder, tmp_path):
    from newslake.models.attribution.network import encoder_hidden_states, load_head
    from newslake.models.entities.network import load_artifact

    entity_model, _, _ = load_artifact(entity_folder)
    entity_model.eval()
    ids, mask = torch.randint(1000, 5000, (2, 9)), torch.ones(2, 9, dtype=torch.long)
    casing = torch.zeros(2, 9, dtype=torch.long)
    with torch.inference_mode():  # reading after all 6 layers by hand is the encoder's own last state
        assert torch.equal(encoder_hidden_states(entity_model, ids, mask, casing, 6),
                           encoder_hidden_states(entity_model, ids, mask, casing))
    head = AttributionHead.from_encoder(entity_model.encoder, 2, from_layer=4)
    # Its layers start as copies of encoder layers 5 and 6, the ones it replaces.
    assert torch.equal(head.layers[0].output.dense.weight, entity_model.encoder.encoder.layer[4].output.dense.weight)
    fp16_exact(head)
    folder = save_artifact(head, entity_folder, tmp_path / "inner", window={"max_tokens": 30, "overlap": 10},
                           decode=DEFAULT_DECODE, metadata={})
    assert read_artifact_config(folder)["head"]["from_layer"] == 4
    loaded = load_head(folder, entity_model)
    assert loaded.from_layer == 4
    with torch.inference_mode():
        states = encoder_hidden_states(entity_model, ids, mask, casing, 4)
        assert torch.equal(loaded(states, mask), head.eval()(states, mask))

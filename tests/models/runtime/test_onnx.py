"""The ONNX Runtime path (models/runtime/onnx.py): the same network, the same outputs, exported once."""

import sys

import pytest
import torch

from newslake.config import EntitiesConfig
from newslake.errors import NewslakeError
from newslake.models.registry import load_entity_model
from newslake.models.runtime.onnx import onnx_module

TEXTS = [
    "Russian missiles struck Kharkiv on Tuesday, Ukraine's President Volodymyr Zelensky said.",
    "The European Union imposed new sanctions on Moscow after talks in Brussels collapsed.",
    "NEW YORK (Reuters) - Police arrested 12 protesters outside the United Nations headquarters.",
]


@pytest.fixture(scope="module")
def cache(tmp_path_factory, monkeypatch_module):
    folder = tmp_path_factory.mktemp("onnx")
    monkeypatch_module.setenv("NEWSLAKE_ONNX_CACHE", str(folder))
    return folder


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="module")
def entity_model():
    return load_entity_model(EntitiesConfig(quantize="none"))


@pytest.fixture(scope="module")
def batch(entity_model):
    [inputs] = entity_model.runner.preprocess(TEXTS).model_inputs
    return inputs


def logits(module, batch):
    with torch.inference_mode():
        return module(batch["input_ids"], batch["attention_mask"], batch["casing_ids"])


def test_fp32_graph_computes_what_the_torch_network_computes(cache, entity_model, batch):
    ort = onnx_module(entity_model.module, "entities-test", "fp32")
    assert ort.input_names == ["input_ids", "attention_mask", "casing_ids"]
    expected, got = logits(entity_model.module, batch), logits(ort, batch)
    assert got.shape == expected.shape == (3, batch["input_ids"].shape[1], len(entity_model.runner.labels))
    real = batch["attention_mask"] == 1
    assert torch.allclose(got[real], expected[real], atol=1e-3)


def test_int8_graph_keeps_the_labels_and_is_cached_by_key(cache, entity_model, batch):
    ort = onnx_module(entity_model.module, "entities-test", "int8")
    real = batch["attention_mask"] == 1
    same = logits(ort, batch).argmax(-1)[real] == logits(entity_model.module, batch).argmax(-1)[real]
    # 57 of these 59 wordpieces here; 99.5% of 49,703 on 40 PolNeAR articles (bench/runtimes.py). Kernels differ
    # between processors, so the bar is a share, not a count.
    assert same.float().mean() > 0.95
    assert sorted(p.name for p in cache.glob("entities-test-*")) == sorted(
        f"entities-test-{precision}-ort{__import__('onnxruntime').__version__}.onnx" for precision in ("fp32", "int8"))
    written = ort.path.stat().st_mtime_ns
    assert onnx_module(entity_model.module, "entities-test", "int8").path.stat().st_mtime_ns == written  # not again


def test_registry_names_the_onnx_path_and_tags_as_torch_does(cache):
    onnx = load_entity_model(EntitiesConfig(quantize="onnx-int8"))
    assert onnx.name == "cased-minilm.v1+onnx-int8"
    assert isinstance(onnx.module, torch.nn.Module)  # the torch network stays at hand (benchmarks' naive baseline)
    [spans] = onnx.runner(TEXTS[2:])
    assert [(TEXTS[2][s.start:s.end], s.label) for s in spans] == [
        ("NEW YORK", "LOC"), ("Reuters", "ORG"), ("United Nations", "ORG")]


def test_missing_onnxruntime_is_one_error_line(cache, entity_model, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(NewslakeError) as error:
        onnx_module(entity_model.module, "entities-test", "int8")
    assert str(error.value).startswith("E039: ")


def test_attribution_graph_runs_embeddings_and_head_as_torch_does(cache):
    from newslake.models.attribution import AttributionModel

    in_torch, in_onnx = AttributionModel.load(), AttributionModel.load(quantize="onnx-fp32")
    [inputs] = in_torch.preprocess(TEXTS).model_inputs
    assert torch.allclose(in_onnx._forward(inputs), in_torch._forward(inputs), atol=1e-4)
    [attribution] = in_onnx.extract(TEXTS[:1])[0]
    assert TEXTS[0][attribution.source.start:attribution.source.end] == "Ukraine's President Volodymyr Zelensky"


def test_stance_cross_encoder_graph_takes_its_tensors_by_name(cache):
    from newslake.models.stance import StanceModel

    in_torch, in_onnx = StanceModel.load(), StanceModel.load(quantize="onnx-fp32")
    pairs = [("Russia struck Kharkiv", TEXTS[0]), ("Russia struck Kharkiv", "The Kremlin denied that its forces hit Kharkiv.")]
    for expected, got in zip(in_torch.score(pairs), in_onnx.score(pairs), strict=True):
        assert got == pytest.approx(expected, abs=1e-4)

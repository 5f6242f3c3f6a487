"""The ONNX Runtime path (models/runtime/onnx.py): the same network, the same outputs, exported once.

The graphs go to the default cache folder, as a run's do: the entity graphs are the registry's own, exported
once for the whole test run."""

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
def entity_model():
    return load_entity_model(EntitiesConfig(quantize="none"))


@pytest.fixture(scope="module")
def key(entity_model):
    """The registry's own cache key, so that these graphs are the ones every other test and run loads."""
    return f"cased-minilm.v1-{entity_model.sha256[:16]}"


def one_batch(runner, texts):
    """All the texts' windows in one padded batch (the runtime batches each article apart): rows of unequal length
    test the graphs' attention masks."""
    prepared = runner.preprocess(texts)
    return runner._tensors(prepared.articles, [window for windows, _ in prepared.batches for window in windows])


@pytest.fixture(scope="module")
def batch(entity_model):
    return one_batch(entity_model.runner, TEXTS)


def logits(module, batch):
    with torch.inference_mode():
        return module(batch["input_ids"], batch["attention_mask"], batch["casing_ids"])


def test_fp32_graph_computes_what_the_torch_network_computes(entity_model, key, batch):
    ort = onnx_module(entity_model.module, key, "fp32")
    assert ort.input_names == ["input_ids", "attention_mask", "casing_ids"]
    expected, got = logits(entity_model.module, batch), logits(ort, batch)
    assert got.shape == expected.shape == (3, batch["input_ids"].shape[1], len(entity_model.runner.labels))
    real = batch["attention_mask"] == 1
    assert torch.allclose(got[real], expected[real], atol=1e-3)


def test_int8_graph_keeps_the_labels_and_is_cached_by_key(entity_model, key, batch):
    ort = onnx_module(entity_model.module, key, "int8")
    real = batch["attention_mask"] == 1
    same = logits(ort, batch).argmax(-1)[real] == logits(entity_model.module, batch).argmax(-1)[real]
    # 57 of these 59 wordpieces here; 99.5% of 49,703 on 40 PolNeAR articles (bench/runtimes.py). Kernels differ
    # between processors, so the bar is a share, not a count.
    assert same.float().mean() > 0.95
    assert ort.path.name == f"{key}-int8-ort{__import__('onnxruntime').__version__}.onnx"
    written = ort.path.stat().st_mtime_ns
    assert onnx_module(entity_model.module, key, "int8").path.stat().st_mtime_ns == written  # not exported again


def test_registry_names_the_onnx_path_and_tags_as_torch_does():
    onnx = load_entity_model(EntitiesConfig(quantize="onnx-int8"))
    assert onnx.name == "cased-minilm.v1+onnx-int8"
    assert isinstance(onnx.module, torch.nn.Module)  # the torch network stays at hand (benchmarks' naive baseline)
    [spans] = onnx.runner(TEXTS[2:])
    assert [(TEXTS[2][s.start:s.end], s.label) for s in spans] == [
        ("NEW YORK", "LOC"), ("Reuters", "ORG"), ("United Nations", "ORG")]


def test_missing_onnxruntime_is_one_error_line(entity_model, key, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(NewslakeError) as error:
        onnx_module(entity_model.module, key, "int8")
    assert str(error.value).startswith("E039: ")


def test_attribution_graph_runs_embeddings_and_head_as_torch_does():
    from newslake.models.attribution import AttributionModel

    in_torch, in_onnx = AttributionModel.load(), AttributionModel.load(quantize="onnx-fp32")
    inputs = one_batch(in_torch.runner, TEXTS)
    assert torch.allclose(in_onnx._forward(inputs), in_torch._forward(inputs), atol=1e-4)
    [attribution] = in_onnx.extract(TEXTS[:1])[0]
    assert TEXTS[0][attribution.source.start:attribution.source.end] == "Ukraine's President Volodymyr Zelensky"


@pytest.mark.slow  # a graph of its own to export (about 30 s): the pipeline runs stance's int8 graph
def test_stance_cross_encoder_graph_takes_its_tensors_by_name():
    from newslake.models.stance import StanceModel

    in_torch, in_onnx = StanceModel.load(), StanceModel.load(quantize="onnx-fp32")
    pairs = [("Russia struck Kharkiv", TEXTS[0]), ("Russia struck Kharkiv", "The Kremlin denied that its forces hit Kharkiv.")]
    for expected, got in zip(in_torch.score(pairs), in_onnx.score(pairs), strict=True):
        assert got == pytest.approx(expected, abs=1e-4)


def test_the_first_layers_are_named_by_their_layer_even_when_fused(entity_model, key):
    import onnx

    from newslake.models.runtime.onnx import _first_layers

    graph = onnx.load(str(onnx_module(entity_model.module, key, "fp32").path))
    assert _first_layers(graph, 0) == []
    assert _first_layers(graph, 1) == ["Attention_0", "/encoder/encoder/layer.0/attention/output/dense/MatMul",
                                       "/encoder/encoder/layer.0/intermediate/dense/MatMul",
                                       "/encoder/encoder/layer.0/output/dense/MatMul"]
    assert len(_first_layers(graph, 6)) == 24  # every layer's fused attention and three matmuls; not the head's


def test_event_models_keep_their_first_layer_in_fp32_under_int8():
    import onnx
    import onnxruntime

    from newslake.config import EventsConfig
    from newslake.models.registry import load_argument_model, load_event_model
    from newslake.models.runtime.onnx import cache_folder

    config = EventsConfig(quantize="onnx-int8", argument_quantize="onnx-int8")
    for loaded, name in ((load_event_model(config), "events-minilm.v1"),
                         (load_argument_model(config), "event-arguments-minilm.v1")):
        assert loaded.name == f"{name}+onnx-int8"
        path = cache_folder() / f"{name}-{loaded.sha256[:16]}-int8-fp32layers1-ort{onnxruntime.__version__}.onnx"
        kinds = [node.op_type for node in onnx.load(str(path)).graph.node]
        # Layer 0's fused attention and three matmuls stay fp32; the other five layers' and the head's are int8.
        assert (kinds.count("Attention"), kinds.count("MatMul")) == (1, 3)
        assert (kinds.count("QAttention"), kinds.count("MatMulInteger")) == (5, 16)


def test_an_unwritable_cache_folder_falls_back_to_temporary_space(entity_model, key, tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setenv("NEWSLAKE_ONNX_CACHE", str(blocked / "onnx"))  # cannot be created under a file
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    ort = onnx_module(entity_model.module, key, "fp32")
    assert ort.path.parent == tmp_path / "tmp" / "newslake-onnx"

"""A network under ONNX Runtime, called exactly as the torch module it was exported from.

`onnx_module(module, key, precision)` exports the module once (torch's TorchScript exporter, dynamic
batch and length axes), lets ORT's transformer optimizer fuse its attention, quantises the weights to
int8 for `precision="int8"` (dynamic quantisation, one scale per output channel), and caches the graph
on disk by `key`: the model's name and weights sha256, so retrained weights never meet a stale graph.
The result takes the module's tensors (positional or by name) and returns its output tensor, so every
runner that calls `module(ids, mask, ...)` runs unchanged behind it.

Why a second runtime: on the 2 cores, ORT int8 ran the entity model 2.02 times as fast as torch fp32
and torch's own int8 1.39 times, while predicting the fp32 label on 99.57% of wordpieces where torch int8
does on 99.17% (docs/speed.md, "Speed, measured").

The cache folder is `$NEWSLAKE_ONNX_CACHE`, else `$XDG_CACHE_HOME/newslake/onnx` (`~/.cache/...`). A graph
is written to a temporary file and renamed into place, so a run killed mid-export leaves no half graph;
two processes exporting at once both write whole files and the last rename wins.
"""

from __future__ import annotations

import copy
import inspect
import logging
import os
import re
import tempfile
import time
import warnings
from pathlib import Path
from typing import Literal

import torch
from torch import nn

from newslake.errors import NewslakeError

Precision = Literal["fp32", "int8"]
# The `quantize` values (newslake.config.Quantize) that run a network under ONNX Runtime, and their graph's precision.
ONNX_PRECISIONS: dict[str, Precision] = {"onnx-fp32": "fp32", "onnx-int8": "int8"}
logger = logging.getLogger(__name__)


def cache_folder() -> Path:
    if configured := os.environ.get("NEWSLAKE_ONNX_CACHE"):
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newslake" / "onnx"


class OnnxModule:
    """An ORT session with the calling convention of the module it came from: its tensors in, positional or by
    name, and a tensor out. One session serves every thread (ORT's `run` is thread-safe)."""

    def __init__(self, path: Path, input_names: list[str], threads: int) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads, options.inter_op_num_threads = threads, 1
        # Idle threads sleep instead of spinning: Prefect runs shards in threads of its own, and spinning workers
        # could take the cores another shard's model needs. (Spinning measured no faster end to end: docs/speed.md.)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.path = path
        self.input_names = input_names
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def __call__(self, *tensors: torch.Tensor, **named: torch.Tensor) -> torch.Tensor:
        named |= dict(zip(self.input_names, tensors))
        return torch.from_numpy(self._session.run(None, {name: named[name].numpy() for name in self.input_names})[0])


def onnx_module(module: nn.Module, key: str, precision: Precision, fp32_layers: int = 0) -> OnnxModule:
    """`module` (an encoder network whose inputs are (batch, length) integer tensors, `input_ids` and
    `attention_mask` among them) under ORT, exported on first use and cached under `key`.

    `fp32_layers`: under int8, the first this many encoder layers keep fp32 weights. The first layer reads
    the raw embeddings, whose activations quantise worst: the event models lose 1.4 points of their dev
    metric in int8 whole, and 0.8 with their first layer in fp32 (docs/speed.md)."""
    try:
        import onnxruntime as ort
    except ImportError:
        raise NewslakeError("E039", "quantize onnx-fp32/onnx-int8 needs onnxruntime and onnx: pip install onnxruntime onnx") from None
    input_names = list(inspect.signature(module.forward).parameters)
    mixed = f"-fp32layers{fp32_layers}" if precision == "int8" and fp32_layers else ""
    path = _writable(cache_folder()) / f"{key}-{precision}{mixed}-ort{ort.__version__}.onnx"
    if not path.is_file():
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(dir=path.parent, prefix=".export-") as work:
            graph = _fuse(_export(module, input_names, Path(work) / "plain.onnx"), Path(work) / "fused.onnx",
                          module.encoder.config)
            if precision == "int8":
                graph = _quantize(graph, Path(work) / "int8.onnx", fp32_layers)
            os.replace(graph, path)
        logger.info("exported %s to ONNX (%s) in %.0fs: %s", key, precision, time.perf_counter() - started, path)
    return OnnxModule(path, input_names, torch.get_num_threads())


def _writable(folder: Path) -> Path:
    """`folder`, created; or, where it cannot be (a read-only home), a folder in the system's temporary space."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            return folder
        raise PermissionError(folder)
    except OSError:
        fallback = Path(tempfile.gettempdir()) / "newslake-onnx"
        logger.warning("cannot write the ONNX cache %s; using %s", folder, fallback)
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback


def _export(module: nn.Module, input_names: list[str], path: Path) -> Path:
    module = copy.deepcopy(module).float().eval()
    module.encoder.set_attn_implementation("eager")  # ORT's attention fusion matches the eager graph, not SDPA's
    ids = torch.tensor([[101, 2000, 2001, 2002, 102], [101, 2003, 102, 0, 0]])
    example = tuple(ids if name == "input_ids" else (ids != 0).long() if name == "attention_mask"
                    else torch.zeros_like(ids) for name in input_names)
    with warnings.catch_warnings():
        # The TorchScript exporter is deprecated in favour of the dynamo one, which needs onnxscript too;
        # it still exports these encoders exactly (the equality is tested).
        warnings.simplefilter("ignore")
        torch.onnx.export(module, example, str(path), input_names=input_names, output_names=["output"],
                          dynamic_axes={name: {0: "batch", 1: "length"} for name in input_names} | {"output": {0: "batch"}},
                          opset_version=17, dynamo=False)
    return path


def _fuse(path: Path, out: Path, encoder_config) -> Path:
    from onnxruntime.transformers import optimizer

    fused = optimizer.optimize_model(str(path), model_type="bert", num_heads=encoder_config.num_attention_heads,
                                     hidden_size=encoder_config.hidden_size, opt_level=0)
    fused.save_model_to_file(str(out))
    return out


def _quantize(path: Path, out: Path, fp32_layers: int = 0) -> Path:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # The fused graph holds contrib ops whose outputs shape inference cannot type; they are float.
    quantize_dynamic(str(path), str(out), weight_type=QuantType.QInt8, per_channel=True,
                     nodes_to_exclude=_first_layers(onnx.load(str(path)), fp32_layers) if fp32_layers else [],
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    return out


def _first_layers(graph, layers: int) -> list[str]:
    """Names of the weight-bearing nodes (fused attention, matmuls) of the first `layers` encoder layers.

    A matmul is named after its layer by the exporter (`/encoder/encoder/layer.0/...`); a fused attention
    node is not (`Attention_0`), so its layer is read from its input: the embeddings' output feeds layer 0,
    layer k's output feeds layer k + 1."""
    def layer_of(node) -> int | None:
        if node.op_type == "MatMul":
            return _layer_number(node.name)
        if node.op_type == "Attention":
            if "/embeddings/" in node.input[0]:
                return 0
            previous = _layer_number(node.input[0])
            return None if previous is None else previous + 1
        return None

    return [node.name for node in graph.graph.node if (layer := layer_of(node)) is not None and layer < layers]


def _layer_number(name: str) -> int | None:
    match = re.search(r"/layer\.(\d+)/", name)
    return int(match.group(1)) if match else None

"""The entity model under ONNX Runtime vs torch: wordpieces/s and CoNLL dev F1, fp32 and int8.

    .venv/bin/python bench/entities_onnx.py [--articles N] [--repeats N] [--dev-sentences N]

Needs `onnxruntime` and `onnx` (not project dependencies). Paths, all on the same windows
(the runtime's batches of N PolNeAR articles), 2 threads each:

- torch fp32, and torch int8 as the pipeline runs it (`quantize_dynamic`, per-channel qint8 Linear);
- ORT fp32: the network exported by `torch.onnx.export` (TorchScript exporter, eager attention so
  that ORT's BERT optimizer can fuse it) and fused by `onnxruntime.transformers.optimizer`;
- ORT int8: `onnxruntime.quantization.quantize_dynamic` of the plain export and of the fused one.

Paths run interleaved batch by batch, so that other work on the cores hits all of them alike; the
table gives the median rate of the repeats and the median of each repeat's ratio to torch int8.
Quality: entity F1 of each path on the CoNLL-2003 dev file through the pipeline's runtime
(`evaluate_entities`, the figure `newslake eval entities` gives).
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import os
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import torch

from newslake.config import EntitiesConfig
from newslake.models.entities.conll import read_conll
from newslake.models.evaluation import evaluate_entities
from newslake.models.registry import LoadedModel, load_entity_model
from newslake.models.runtime.token_classifier import TokenClassifier
from newslake.tasks.ingest.normalize import normalize_text

SHARED = Path(__file__).resolve().parents[1] / "../shared/datasets"
INPUTS = ["input_ids", "attention_mask", "casing_ids"]
Forward = Callable[[dict[str, torch.Tensor]], torch.Tensor]


def export_onnx(module: torch.nn.Module, path: Path) -> Path:
    """The network as ONNX with dynamic batch and length axes."""
    module = copy.deepcopy(module)
    module.encoder.set_attn_implementation("eager")  # an SDPA graph is not matched by ORT's attention fusion
    ids = torch.tensor([[101, 2000, 2001, 2002, 102], [101, 2003, 102, 0, 0]])
    example = (ids, (ids != 0).long(), torch.zeros_like(ids))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(module, example, str(path), input_names=INPUTS, output_names=["logits"],
                          dynamic_axes={n: {0: "batch", 1: "length"} for n in [*INPUTS, "logits"]},
                          opset_version=17, dynamo=False)
    return path


def fuse(path: Path, out: Path) -> Path:
    from onnxruntime.transformers import optimizer

    fused = optimizer.optimize_model(str(path), model_type="bert", num_heads=12, hidden_size=384, opt_level=0)
    fused.save_model_to_file(str(out))
    return out


def quantize(path: Path, out: Path, *, weight_type: str = "QInt8", per_channel: bool = True) -> Path:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # The fused graph holds contrib ops whose outputs shape inference cannot type; they are float.
    quantize_dynamic(str(path), str(out), weight_type=QuantType[weight_type], per_channel=per_channel,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    return out


def ort_forward(path: Path, threads: int = 2) -> Forward:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads, options.inter_op_num_threads = threads, 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def forward(inputs: dict[str, torch.Tensor]) -> torch.Tensor:
        return torch.from_numpy(session.run(None, {name: inputs[name].numpy() for name in INPUTS})[0])

    return forward


def torch_forward(module: torch.nn.Module) -> Forward:
    def forward(inputs: dict[str, torch.Tensor]) -> torch.Tensor:
        with torch.inference_mode():
            return module(*(inputs[name] for name in INPUTS))

    return forward


def with_forward(loaded: LoadedModel, name: str, forward: Forward) -> LoadedModel:
    """`loaded` with the same windows, features and decoding, and another network behind `_forward`."""
    r = loaded.runner
    return dataclasses.replace(loaded, name=name,
                               runner=TokenClassifier(forward, r.tokenizer, r.labels, r.settings, r._features, r._words))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--dev-sentences", type=int, default=0, help="0: the whole dev file")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "newslake-onnx-bench")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)

    fp32 = load_entity_model(EntitiesConfig(quantize="none"))
    int8 = load_entity_model(EntitiesConfig(quantize="int8"))
    plain = export_onnx(fp32.module, args.work / "entities.onnx")
    fused = fuse(plain, args.work / "entities-fused.onnx")
    forwards = {
        "torch fp32": torch_forward(fp32.module),
        "torch int8 (current)": torch_forward(int8.module),
        "ORT fp32 (fused)": ort_forward(fused),
        "ORT int8 qint8 per-channel": ort_forward(quantize(plain, args.work / "entities-s8pc.onnx")),
        "ORT int8 quint8 per-tensor": ort_forward(quantize(plain, args.work / "entities-u8.onnx",
                                                           weight_type="QUInt8", per_channel=False)),
        "ORT int8 fused, qint8 per-channel": ort_forward(quantize(fused, args.work / "entities-fused-s8pc.onnx")),
    }

    rows = [json.loads(line) for line in (SHARED / "polnear/articles.jsonl").read_text().splitlines()[: args.articles]]
    batches = fp32.runner.preprocess([normalize_text(r["text"]) for r in rows]).model_inputs
    wordpieces = sum(int(b["attention_mask"].sum()) for b in batches)
    reference = [forwards["torch fp32"](b) for b in batches]
    agreement = {}
    for name, forward in forwards.items():  # also the warm-up: first calls allocate and pick kernels
        same = [(forward(b).argmax(-1) == ref.argmax(-1))[b["attention_mask"] == 1] for b, ref in zip(batches, reference)]
        agreement[name] = float(torch.cat(same).float().mean())

    # Each batch runs on every path in turn, the order rotating batch by batch: other work on the
    # shared cores then slows every path alike, and the ratios hold where the absolute rates do not.
    names = list(forwards)
    rates: dict[str, list[float]] = {name: [] for name in names}
    loads = [os.getloadavg()[0]]
    for _ in range(args.repeats):
        spent = dict.fromkeys(names, 0.0)
        for index, batch in enumerate(batches):
            for name in names[index % len(names):] + names[: index % len(names)]:
                started = time.perf_counter()
                forwards[name](batch)
                spent[name] += time.perf_counter() - started
        for name in names:
            rates[name].append(wordpieces / spent[name])
        loads.append(os.getloadavg()[0])

    dev_path = SHARED / "conll2003/valid.txt"
    if args.dev_sentences:
        sentences = read_conll(dev_path)[: args.dev_sentences]
        dev_path = args.work / "dev.txt"
        dev_path.write_text("\n\n".join("\n".join(f"{t} {g}" for t, g in zip(s.tokens, s.tags)) for s in sentences) + "\n")
    f1 = {name: evaluate_entities(with_forward(fp32, name, forward), dev_path)["f1"] for name, forward in forwards.items()}

    baseline = "torch int8 (current)"
    print(f"{args.articles} PolNeAR articles: {len(batches)} batches, {wordpieces:,} wordpieces; {args.repeats} repeats; "
          f"1-min load average {min(loads):.2f}-{max(loads):.2f}; torch threads {torch.get_num_threads()}")
    print(f"{'path':<34} {'wordpieces/s':>12} {'vs torch int8':>14} {'per repeat':>18} {'argmax = fp32':>14} {'dev F1':>7}")
    for name in names:
        ratios = [rate / base for rate, base in zip(rates[name], rates[baseline])]
        print(f"{name:<34} {statistics.median(rates[name]):>12,.0f} {statistics.median(ratios):>13.2f}x "
              f"{' '.join(f'{r:.2f}' for r in ratios):>18} {agreement[name]:>14.4f} {f1[name]:>7.4f}")


if __name__ == "__main__":
    main()

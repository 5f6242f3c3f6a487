"""Models by name: a table of name -> factory, each adapter created from validated config, once per process.

Weights come from local folders or installed packages only: safetensors,
`local_files_only=True`, `trust_remote_code=False`, and verified before use: the
shipped artifacts against the sha256 pinned below, any other artifact against the
hash its config records. A run records each model's name, path and verified weights
hash in the `runs` table, and the dev figures of its training record, which were
measured on exactly those weights.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import torch
from torch import nn

from newslake.config import ClaimsConfig, EntitiesConfig, EventsConfig
from newslake.errors import NewslakeError
from newslake.files import file_sha256
from newslake.models.event_arguments.query import ArgumentQuery  # noqa: F401 (the argument model API: runner(queries))
from newslake.models.runtime.onnx import ONNX_PRECISIONS, OnnxModule, onnx_module
from newslake.models.runtime.shared_pass import HeadRunner, SharedPass
from newslake.models.runtime.token_classifier import RuntimeSettings, TokenClassifier
from newslake.text.words import conll_word_spans

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DEFAULT_ENTITY_MODEL = ARTIFACTS / "entities-minilm-cased"
DEFAULT_EVENT_MODEL = ARTIFACTS / "events-minilm"
DEFAULT_ARGUMENT_MODEL = ARTIFACTS / "event-arguments-minilm"
# The sha256 of each shipped artifact's weights.safetensors, pinned in code: a file changed or
# corrupted beside its untouched config.json and model card is refused (E033).
SHIPPED_WEIGHTS = {
    "entities-minilm-cased": "302d7932fd24d9a5a49e7b1f9f3f200405d50f552de42c639347a62a2a55b5b4",
    "attribution-minilm": "4995ccb3f7da755e884015c866bccf725deddc56af126abef332f05c975aa45f",
    "event-arguments-minilm": "bcd29e9bdc933044ae6cfdb8e87ffd985810802c7b1a6e2443af0696635d7924",
    "stance-minilm": "e2b32e137aa1e8e8e6e00088e4fffa042a8efa90e43a279a3a2d8f9f863499ce",
    "events-minilm": "e83196c4c60b8803165fc2d577c9fb14e470128387d8977997cab745cb398755",
    "tagger-minilm": "35e18fcbe3c20cd4de6adeeb3c59c28e8cc9be701fb8cefd9b25ee4dab2a828c",
}


@dataclass(frozen=True)
class LoadedModel:
    name: str  # e.g. "cased-minilm.v1" or "cased-minilm.v1+int8"
    path: str
    sha256: str  # of the weights file(s): two runs used the same model iff these match
    module: nn.Module  # the torch network (fp32 when the runner runs it under ONNX Runtime)
    runner: TokenClassifier | HeadRunner
    quality: tuple[str, float] | None = None  # (metric, value) from the model's training record

    def identity(self) -> dict[str, str | float | None]:
        metric, value = self.quality or (None, None)
        return {"name": self.name, "id": self.path, "sha256": self.sha256, "metric": metric, "value": value}


def load_entity_model(config: EntitiesConfig) -> LoadedModel:
    """The entity model for `config`; loaded once per process and shared by every shard task."""
    return _load_entity_model(config.model_dump_json())


@dataclass(frozen=True)
class EntityNetwork:
    """What an entity factory builds: the network and how the shared runtime drives it."""

    module: nn.Module
    path: Path
    sha256: str  # of the weights, as verified at load
    runner_parts: Callable  # module -> (forward, tokenizer, labels, features, words, max_tokens)


@lru_cache(maxsize=4)
def _load_entity_model(config_json: str) -> LoadedModel:
    config = EntitiesConfig.model_validate(json.loads(config_json))
    quantize = config.quantize
    path = Path(config.path) if config.path else DEFAULT_ENTITY_MODEL
    if config.model == "cased-minilm.v1" and _is_tagger(path):
        from newslake.models.tagger.network import ENTITY_HEAD, MAX_LENGTH

        settings = RuntimeSettings(max_tokens=config.max_tokens or MAX_LENGTH - 2, overlap=config.overlap,
                                   token_budget=config.token_budget, aggregation=config.aggregation)
        return _tagger_head(path, quantize, settings, ENTITY_HEAD,
                            _path_metric(path, quantize, "dev", ("entities", "f1"), "dev entity F1 (CoNLL valid.txt, {path})"))
    if quantize in ONNX_PRECISIONS and config.model != "cased-minilm.v1":
        quantize = "none"  # only the bundled network is exported to ONNX; another runs in torch fp32 (or `int8`)
    network = ENTITY_MODELS[config.model](config)
    model, suffix = runnable(network.module, quantize, f"{config.model}-{network.sha256[:16]}")
    name = config.model + suffix
    forward, tokenizer, labels, features, words, max_tokens = network.runner_parts(model)
    settings = RuntimeSettings(
        max_tokens=config.max_tokens or max_tokens,
        overlap=config.overlap,
        token_budget=config.token_budget,
        aggregation=config.aggregation,
    )
    runner = TokenClassifier(forward, tokenizer, labels, settings, features, words)
    module = model if isinstance(model, nn.Module) else network.module
    return LoadedModel(name, str(network.path), network.sha256, module, runner,
                       _recorded_quality(network.path, quantize))


def runnable(module: nn.Module, quantize: str, key: str, fp32_layers: int = 0) -> tuple[nn.Module | OnnxModule, str]:
    """The network as `quantize` runs it, and the suffix its name takes in the `runs` table:
    torch fp32 (`none`), torch int8 linear layers (`int8`), or ONNX Runtime with fp32 or int8 weights
    (`onnx-fp32`, `onnx-int8`; the graph cached under `key`, which must change with the weights;
    `fp32_layers` first encoder layers left in fp32 under `onnx-int8`, `onnx.onnx_module`)."""
    if quantize == "int8":
        return quantize_int8(module), "+int8"
    if quantize in ONNX_PRECISIONS:
        return onnx_module(module, key, ONNX_PRECISIONS[quantize], fp32_layers), "+" + quantize
    return module, ""


# Under onnx-int8 the event models keep their first encoder layer in fp32: int8 whole cost each 1.4 points of its
# dev metric, past the release's bar of 1; int8 after the first layer costs less (the model cards, docs/speed.md).
EVENT_FP32_LAYERS = 1


def quantize_int8(model: nn.Module) -> nn.Module:
    """Linear layers in int8 with dynamic activation scales: no calibration data needed.

    Weights are quantised per output channel: on 800 CoNLL dev sentences that lost
    0.85 F1 points against 1.3 for one scale per tensor, at the same speed.
    """
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    with warnings.catch_warnings():
        # torch marks its quantized tensor types for future removal; the path still works in 2.13.
        warnings.simplefilter("ignore", UserWarning)
        return quantize_dynamic(model, {nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8)


def _cased_minilm(config: EntitiesConfig) -> EntityNetwork:
    from newslake.models.entities.casing import casing_ids
    from newslake.models.entities.network import load_verified_artifact, read_artifact_config

    path = Path(config.path) if config.path else DEFAULT_ENTITY_MODEL
    model, tokenizer, labels, sha256 = load_verified_artifact(path)
    max_length = read_artifact_config(path)["max_length"]

    def parts(model: nn.Module):
        def forward(inputs: dict[str, torch.Tensor]) -> torch.Tensor:
            return model(inputs["input_ids"], inputs["attention_mask"], inputs["casing_ids"])

        # Trained on CoNLL tokens: its labels sit on the first piece of each CoNLL word.
        return forward, tokenizer, labels, {"casing_ids": casing_ids}, conll_word_spans, max_length - 2

    return EntityNetwork(model, path, sha256, parts)


def _hf_token_classification(config: EntitiesConfig) -> EntityNetwork:
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    path = Path(config.path)
    if not path.is_dir():
        raise NewslakeError("E030", f"entities.path {path} is not a folder; give a local token-classification model folder")
    if not any(path.glob("*.safetensors")):
        found = ", ".join(sorted(p.name for p in path.iterdir() if p.suffix in (".bin", ".pt", ".pth", ".ckpt")))
        raise NewslakeError("E034", f"{path} holds no safetensors weights{f' (only {found})' if found else ''}; pickled "
                                    "weights are never loaded: convert the model to safetensors")
    sha256 = _weights_digest(path)
    try:
        model, loading = AutoModelForTokenClassification.from_pretrained(
            path, local_files_only=True, use_safetensors=True, trust_remote_code=False, output_loading_info=True
        )
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True, trust_remote_code=False)
    except (OSError, ValueError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise NewslakeError("E034", f"{path} is not a loadable token-classification model: {first}") from None
    missing = sorted(loading.get("missing_keys", []))
    if missing:  # transformers would run them randomly initialised: a head that tags at random
        raise NewslakeError("E034", f"{path}: the weights lack {len(missing)} parameter(s) of the model, e.g. "
                                    f"{missing[0]!r}; a token-classification folder must include its trained head")
    model.eval()
    labels = [model.config.id2label[i] for i in range(model.config.num_labels)]

    def parts(model: nn.Module):
        def forward(inputs: dict[str, torch.Tensor]) -> torch.Tensor:
            return model(**inputs).logits

        # Words as the tokenizer splits them, as the transformers pipeline does.
        return forward, tokenizer, labels, {}, None, min(tokenizer.model_max_length, 512) - 2

    return EntityNetwork(model, path, sha256, parts)


# config.entities.model -> the factory that builds it.
ENTITY_MODELS: dict[str, Callable[[EntitiesConfig], EntityNetwork]] = {
    "cased-minilm.v1": _cased_minilm,
    "hf-token-classification.v1": _hf_token_classification,
}


def _recorded_quality(path: Path, quantize: str = "none") -> tuple[str, float] | None:
    """The dev F1 a trained entity artifact recorded (config.json `training.dev.f1`, or the record of the
    quantised path that runs, `training.dev_int8.f1` or `training.dev_onnx_int8.f1`, when it has one), if any."""
    dev_file = _training_record(path).get("data", {}).get("dev", {}).get("file")
    recorded = _path_metric(path, quantize, "dev", ("f1",), f"dev entity F1 ({dev_file}, {{path}})")
    return None if recorded["value"] is None else (recorded["metric"], recorded["value"])


# The training record that holds each quantised path's dev figures (measured through the pipeline's runtime).
# ONNX Runtime with fp32 weights computes the fp32 network (tests/models/runtime/test_onnx.py): the fp32 record.
QUANTIZED_RECORDS = {"int8": "dev_int8", "onnx-int8": "dev_onnx_int8"}


def _path_metric(path: Path, quantize: str, fp32_record: str, keys: tuple[str, ...], metric: str) -> dict:
    """{metric, value} of the dev figures measured on the path that runs: the quantised path's record
    (QUANTIZED_RECORDS) when the artifact has one, else the fp32 record; `{path}` in `metric` names which it is,
    so a run never quotes an fp32 figure as an int8 one."""
    if quantize in QUANTIZED_RECORDS:
        recorded = _recorded_metric(path, (QUANTIZED_RECORDS[quantize], *keys), metric.format(path=quantize))
        if recorded["value"] is not None:
            return recorded
    return _recorded_metric(path, (fp32_record, *keys), metric.format(path="fp32"))


def _weights_digest(path: Path) -> str:
    """One sha256 over a folder's safetensors files in name order (a sharded HF checkpoint has several)."""
    files = sorted(path.glob("*.safetensors"))
    if len(files) == 1:
        return file_sha256(files[0])
    digest = hashlib.sha256()
    for weights in files:
        with open(weights, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def load_event_model(config: EventsConfig) -> LoadedModel:
    """The event-trigger model for `config` (`model`, `path`, `quantize`): a TokenClassifier whose Span.label is an
    event category and Span.score its calibrated probability; loaded once per process."""
    return _load_event_model(config.model, config.path, config.quantize)


def _events_minilm(path: Path, quantize: str) -> LoadedModel:
    from newslake.models.events.network import load_verified_artifact
    from newslake.models.events.runtime import trigger_runner

    if _is_tagger(path):
        from newslake.models.tagger.network import EVENT_HEAD

        # The windows the entity stage's defaults give the tagger, so that its pass serves both stages.
        return _tagger_head(path, quantize, RuntimeSettings(), EVENT_HEAD, _path_metric(
            path, quantize, "dev", ("events_dev", "trigger_and_category", "f1"),
            "dev trigger+category F1 (events gold v2, {path})"))

    network, tokenizer, config, sha256 = load_verified_artifact(path)
    model, suffix = runnable(network, quantize, f"events-minilm.v1-{sha256[:16]}", EVENT_FP32_LAYERS)
    name = "events-minilm.v1" + suffix
    # The runtime's default windows (126 tokens, no overlap): dev trigger+category F1 0.554 against 0.543 with
    # 32 shared tokens, in 0.6 times the seconds (models/artifacts/events-minilm/MODEL_CARD.md, "Windows").
    runner = trigger_runner(model, tokenizer, config["labels"], temperature=config["temperature"])
    # The shipped artifact records its figure with today's windows apart (`dev_as_shipped`: it was trained when
    # windows overlapped by 32); an artifact trained since scored dev with them already (`dev_fp16_weights`).
    # Under onnx-int8 (first layer fp32) the record of that path, `dev_onnx_int8`.
    for record in ("dev_as_shipped", "dev_fp16_weights"):
        recorded = _path_metric(path, quantize, record, ("events_dev", "trigger_and_category", "f1"),
                                "dev trigger+category F1 (events gold v2, as shipped, {path})")
        if recorded["value"] is not None:
            break
    quality = None if recorded["value"] is None else (recorded["metric"], recorded["value"])
    return LoadedModel(name, str(path), sha256, model if isinstance(model, nn.Module) else network, runner, quality)


def _is_tagger(path: Path) -> bool:
    from newslake.models.tagger.network import is_tagger

    return is_tagger(path)


@dataclass(frozen=True)
class LoadedTagger:
    """A news tagger (models/tagger) as one `quantize` and one window setting run it: every head's runner shares
    its passes (runtime/shared_pass.py)."""

    shared: SharedPass
    module: nn.Module  # the torch network
    path: Path
    sha256: str
    name: str  # "tagger-minilm.v1" and the runtime's suffix


@lru_cache(maxsize=2)
def load_tagger(path: Path, quantize: str, settings: RuntimeSettings) -> LoadedTagger:
    """The tagger in `path`, loaded once per process for each (`quantize`, `settings`): the entity and events stages
    ask with the same values by default, and so share one network and its passes."""
    from newslake.models.entities.casing import casing_ids
    from newslake.models.tagger.network import heads_of, load_verified_artifact

    network, tokenizer, config, sha256 = load_verified_artifact(path)
    # Its first layer in fp32 under onnx-int8, as for the event models: the event head reads it.
    model, suffix = runnable(network, quantize, f"tagger-minilm.v1-{sha256[:16]}", EVENT_FP32_LAYERS)

    def forward(inputs: dict[str, torch.Tensor]) -> torch.Tensor:
        return model(inputs["input_ids"], inputs["attention_mask"], inputs["casing_ids"])

    # Trained on CoNLL-style words (newslake/text/words.py): labels sit on each such word's first piece.
    tagger = TokenClassifier(forward, tokenizer, config["labels"], settings, {"casing_ids": casing_ids},
                             conll_word_spans, heads_of(config))
    return LoadedTagger(SharedPass(tagger), model if isinstance(model, nn.Module) else network, path, sha256,
                        "tagger-minilm.v1" + suffix)


def _tagger_head(path: Path, quantize: str, settings: RuntimeSettings, head: str, recorded: dict) -> LoadedModel:
    tagger = load_tagger(path.resolve(), quantize, settings)  # one network however each stage spells the folder
    quality = None if recorded["value"] is None else (recorded["metric"], recorded["value"])
    return LoadedModel(tagger.name, str(path), tagger.sha256, tagger.module, tagger.shared.runner(head), quality)


# config.events.model -> the factory that loads it from an artifact folder.
EVENT_MODELS: dict[str, Callable[[Path, str], LoadedModel]] = {
    "events-minilm.v1": _events_minilm,
}


@lru_cache(maxsize=2)
def _load_event_model(model: str, path: str | None, quantize: str) -> LoadedModel:
    return EVENT_MODELS[model](Path(path) if path else DEFAULT_EVENT_MODEL, quantize)


@dataclass(frozen=True)
class LoadedClaimModels:
    """The claims stage's two models: attribution (on the entity encoder) and stance."""

    attribution: object  # newslake.models.attribution.AttributionModel
    stance: object  # newslake.models.stance.StanceModel
    identities: tuple[dict, ...]

    @property
    def names(self) -> list[str]:
        """`name@sha256[:12]` per model: recorded in every claims row."""
        return [f"{i['name']}@{i['sha256'][:12]}" for i in self.identities]


def load_claim_models(config: ClaimsConfig) -> LoadedClaimModels:
    """The attribution and stance models for `config`; loaded once per process and shared by every shard task."""
    return _load_claim_models(config.attribution_model, config.attribution_quantize,
                              config.stance_model, config.stance_quantize)


def _attribution_minilm(path: str | None, quantize: str) -> tuple[object, dict]:
    from newslake.models.attribution import AttributionModel

    model = AttributionModel.load(path, quantize=quantize)
    return model, _path_metric(Path(model.path), quantize, "dev_as_shipped", ("content", "overlap_f1"),
                               "dev content overlap F1 (PolNeAR, decoded as run, {path})")


def _stance_minilm(path: str | None, quantize: str) -> tuple[object, dict]:
    from newslake.models.stance import StanceModel

    model = StanceModel.load(path, quantize=quantize)
    return model, _path_metric(Path(model.path), quantize, "dev_prior_corrected", ("macro_f1",),
                               "dev macro-F1 (FNC-1, held-out headlines, prior-corrected as run, {path})")


# The claims stage's models by name -> the factory that loads one from an artifact folder (None: the shipped one)
# with its linear layers in int8 or not.
CLAIM_MODELS: dict[str, Callable[[str | None, str], tuple[object, dict]]] = {
    "attribution-minilm.v1": _attribution_minilm,
    "stance-minilm.v1": _stance_minilm,
}


@lru_cache(maxsize=2)
def _load_claim_models(attribution_path: str | None, attribution_quantize: str,
                       stance_path: str | None, stance_quantize: str) -> LoadedClaimModels:
    loaded = {name: CLAIM_MODELS[name](path, quantize) for name, path, quantize in
              (("attribution-minilm.v1", attribution_path, attribution_quantize),
               ("stance-minilm.v1", stance_path, stance_quantize))}
    identities = tuple({"stage": "claims", "name": name + ("" if model.quantize == "none" else "+" + model.quantize),
                        "id": str(model.path), "sha256": model.weights_sha256, **quality}
                       for name, (model, quality) in loaded.items())
    return LoadedClaimModels(loaded["attribution-minilm.v1"][0], loaded["stance-minilm.v1"][0], identities)


def _training_record(path: Path) -> dict:
    """The `training` section of the artifact's config.json ({} for a folder without one, e.g. a HF checkpoint)."""
    config = path / "config.json"
    return json.loads(config.read_text()).get("training", {}) if config.exists() else {}


def _recorded_metric(path: Path, keys: tuple[str, ...], metric: str) -> dict:
    """{metric, value} at `keys` in the artifact's training record, or nulls."""
    value = _training_record(path)
    for key in keys:
        value = value.get(key, {}) if isinstance(value, dict) else {}
    if isinstance(value, int | float):
        return {"metric": metric, "value": round(float(value), 4)}
    return {"metric": None, "value": None}


@dataclass(frozen=True)
class LoadedArgumentModel:
    """The event argument model: `runner(queries: Sequence[ArgumentQuery]) -> list[list[Span]]`, one list of
    AGENT / TARGET / PLACE / TIME spans (character offsets into each query's text) per query."""

    name: str  # "event-arguments-minilm.v1" or "event-arguments-minilm.v1+int8"
    path: str
    sha256: str
    module: nn.Module
    runner: Callable  # newslake.models.event_arguments.runner.ArgumentRunner
    quality: tuple[str, float] | None = None

    def identity(self) -> dict[str, str | float | None]:
        metric, value = self.quality or (None, None)
        return {"name": self.name, "id": self.path, "sha256": self.sha256, "metric": metric, "value": value}


def load_argument_model(config: EventsConfig) -> LoadedArgumentModel:
    """The argument model for `config` (`argument_model`, `argument_path`, `argument_quantize`); loaded once per
    process and shared by every shard task."""
    return _load_argument_model(config.argument_model, config.argument_path, config.argument_quantize)


def _event_arguments_minilm(path: Path, quantize: str) -> LoadedArgumentModel:
    from newslake.models.event_arguments.network import load_artifact
    from newslake.models.event_arguments.runner import ArgumentRunner, tagger_forward

    network, tokenizer, config, sha256 = load_artifact(path)
    model, suffix = runnable(network, quantize, f"event-arguments-minilm.v1-{sha256[:16]}", EVENT_FP32_LAYERS)
    name = "event-arguments-minilm.v1" + suffix
    runner = ArgumentRunner(tagger_forward(model), tokenizer, config["labels"], config["max_pieces"])
    recorded = _path_metric(path, quantize, "dev", ("all", "exact", "f1"), "dev exact-span F1 (QA-SRL wikinews.test, {path})")
    quality = None if recorded["value"] is None else (recorded["metric"], recorded["value"])
    return LoadedArgumentModel(name, str(path), sha256, model if isinstance(model, nn.Module) else network, runner,
                               quality)


# config.events.argument_model -> the factory that loads it from an artifact folder.
ARGUMENT_MODELS: dict[str, Callable[[Path, str], LoadedArgumentModel]] = {
    "event-arguments-minilm.v1": _event_arguments_minilm,
}


@lru_cache(maxsize=2)
def _load_argument_model(model: str, path: str | None, quantize: str) -> LoadedArgumentModel:
    return ARGUMENT_MODELS[model](Path(path) if path else DEFAULT_ARGUMENT_MODEL, quantize)


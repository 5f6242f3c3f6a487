"""AttributionModel: article texts in, attributions (source, cue, content) out.

A `ModelAdapter` (runtime/adapter.py):
  preprocess   texts -> windows of the shared entity encoder, batched, offsets kept
  _forward     one batch -> the encoder pass (`encode`, the pass entities can share), then the
               head -> probabilities over LABELS
  postprocess  probabilities -> word-level BIO spans -> fragments merged -> cues paired with
               sources and contents (pairing.py)

A pipeline that also tags entities runs `preprocess` and `encode` once and hands the
same hidden states to both heads (`from_hidden`; see the model card for what that saves).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import torch
from torch import nn

from newslake.models.attribution.data import LABELS
from newslake.models.attribution.decode import merge_fragments
from newslake.models.attribution.network import (
    MAX_TOKENS,
    OVERLAP,
    AttributionHead,
    check_encoder,
    encoder_folder_of,
    encoder_hidden_states,
    load_verified_head,
    read_artifact_config,
)
from newslake.models.attribution.pairing import Attribution, pair
from newslake.models.attribution.repair import RULES, repair
from newslake.models.entities.casing import casing_ids
from newslake.models.entities.network import CasedTokenClassifier, load_verified_artifact as load_entity_artifact
from newslake.models.runtime.adapter import run_adapter
from newslake.models.runtime.onnx import ONNX_PRECISIONS, OnnxModule, onnx_module
from newslake.models.runtime.token_classifier import RuntimeSettings, TokenClassifier, WindowBatches
from newslake.text.sentences import sentence_spans
from newslake.text.spans import Span
from newslake.text.words import conll_word_spans

DEFAULT_ARTIFACT = Path(__file__).resolve().parents[1] / "artifacts" / "attribution-minilm"
# o_scale: the O label's probability is multiplied by this before decoding. A briefly trained tagger
# under-predicts spans (dev recall well below precision); an artifact records the value chosen on its
# dev split in its config.json "decode" (the shipped one: 0.7, see its model card).
DEFAULT_DECODE = {"aggregation": "first", "words": "conll", "merge_fragments": True, "max_gap_words": 8,
                  "repair": True, "o_scale": 1.0}
TOKEN_BUDGET = 8192  # padded wordpieces per batch


def make_runner(tokenizer, max_tokens: int = MAX_TOKENS, overlap: int = OVERLAP, words: str = "conll",
                aggregation: str = "first", token_budget: int = TOKEN_BUDGET,
                forward=None) -> TokenClassifier:
    """The shared runtime (windows, casing ids, window merging, word-level BIO) set up for attribution."""
    settings = RuntimeSettings(max_tokens=max_tokens, overlap=overlap, token_budget=token_budget,
                               aggregation=aggregation)
    splitter = conll_word_spans if words == "conll" else None  # None: the tokenizer's own words
    return TokenClassifier(forward, tokenizer, list(LABELS), settings, {"casing_ids": casing_ids}, splitter)


def spans_from_probabilities(runner: TokenClassifier, prepared: WindowBatches, probabilities: Sequence[torch.Tensor],
                             merge: bool = True) -> list[list[Span]]:
    """Per article: SOURCE / CUE / CONTENT spans, from per-batch probabilities over LABELS."""
    per_article = runner.postprocess(prepared, list(probabilities))
    if not merge:
        return per_article
    return [merge_fragments(spans, article.text) for spans, article in zip(per_article, prepared.articles)]


def scale_outside(probabilities: torch.Tensor, o_scale: float) -> torch.Tensor:
    """`probabilities` over LABELS with the O column multiplied by `o_scale` (1.0: unchanged)."""
    if o_scale == 1.0:
        return probabilities
    scaled = probabilities.clone()
    scaled[..., LABELS.index("O")] *= o_scale
    return scaled


def attributions_from_spans(text: str, spans: Sequence[Span], max_gap_words: int,
                            repair_spans: bool | Sequence[str] = False) -> list[Attribution]:
    """Pair the spans of one article, after the repair rules of repair.py: all of them (`True`),
    the named ones (a list of repair.RULES), or none."""
    sentences = sentence_spans(text)
    if repair_spans:
        spans = repair(text, spans, sentences, RULES if repair_spans is True else repair_spans)
    return pair(text, spans, sentences, max_gap_words)


class AttributionTagger(nn.Module):
    """The whole network `_forward` runs, as one module: the entity model's embeddings (with casing) and its
    layers up to the head's `from_layer`, then the head. What ONNX Runtime exports (models/runtime/onnx.py)."""

    def __init__(self, entity_model: CasedTokenClassifier, head: AttributionHead) -> None:
        super().__init__()
        self.entity_model, self.head = entity_model, head
        self.encoder = entity_model.encoder  # the exporter reads its config (heads, width) and attention setting

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, casing_ids: torch.Tensor) -> torch.Tensor:
        hidden = encoder_hidden_states(self.entity_model, input_ids, attention_mask, casing_ids, self.head.from_layer)
        return self.head(hidden, attention_mask)


class AttributionModel:
    """The default attribution model: `AttributionModel.load().extract(texts)`."""

    def __init__(self, head: AttributionHead, entity_model: CasedTokenClassifier, tokenizer, config: dict,
                 path: Path | None = None, weights_sha256: str | None = None, quantize: str = "none") -> None:
        self.head = head.eval()
        self.entity_model = entity_model.eval()
        self.tokenizer = tokenizer
        self.config = config
        self.path = path
        self.weights_sha256 = weights_sha256  # of the head's weights, verified at load
        self.quantize = quantize  # "int8": the head's linear layers were quantized; "onnx-*": ONNX Runtime runs it
        self.onnx: OnnxModule | None = None  # set by `load` for quantize onnx-fp32 / onnx-int8
        self.decode_settings = {**DEFAULT_DECODE, **config.get("decode", {})}
        window = config.get("window", {})
        self.runner = make_runner(tokenizer, window.get("max_tokens", MAX_TOKENS), window.get("overlap", OVERLAP),
                                  self.decode_settings["words"], self.decode_settings["aggregation"])

    @classmethod
    def load(cls, folder: str | Path | None = None, encoder_folder: str | Path | None = None,
             dtype: torch.dtype = torch.float32, quantize: str = "none") -> AttributionModel:
        """The artifact in `folder` (default: the bundled `models/artifacts/attribution-minilm`) on the entity
        model it was trained on (recorded in its config.json; `encoder_folder` overrides where to find it).

        `quantize="int8"` runs the head's linear layers in int8 (the head is the whole network above the
        embeddings: see its card for the speed and the dev cost); `onnx-fp32` and `onnx-int8` run the embeddings
        and the head as one ONNX Runtime graph (docs/speed.md)."""
        from newslake.models.registry import quantize_int8

        path = Path(folder) if folder is not None else DEFAULT_ARTIFACT
        config = read_artifact_config(path)
        encoder_path = Path(encoder_folder) if encoder_folder is not None else encoder_folder_of(config)
        entity_model, tokenizer, _, encoder_sha256 = load_entity_artifact(encoder_path, dtype)
        check_encoder(config, encoder_path, encoder_sha256)
        head, sha256 = load_verified_head(path, entity_model)
        if quantize == "int8":
            head = quantize_int8(head)
        model = cls(head, entity_model, tokenizer, config, path, sha256, quantize)
        if quantize in ONNX_PRECISIONS:
            model.onnx = onnx_module(AttributionTagger(entity_model, head), f"attribution-minilm.v1-{sha256[:16]}",
                                     ONNX_PRECISIONS[quantize])
        return model

    # --- the three steps ------------------------------------------------------------------

    def preprocess(self, texts: Sequence[str]) -> WindowBatches:
        return self.runner.preprocess(list(texts))

    def encode(self, inputs: dict[str, torch.Tensor]) -> torch.Tensor:
        """The shared encoder pass for one batch: hidden states (windows, wordpieces, hidden)."""
        with torch.inference_mode():
            return encoder_hidden_states(self.entity_model, inputs["input_ids"], inputs["attention_mask"],
                                         inputs["casing_ids"], self.head.from_layer)

    def _forward(self, inputs: dict[str, torch.Tensor]) -> torch.Tensor:
        """Probabilities over LABELS (windows, wordpieces, labels) for one batch."""
        if self.onnx is not None:
            return self.onnx(inputs["input_ids"], inputs["attention_mask"], inputs["casing_ids"]).float().softmax(-1)
        return self.head_probabilities(self.encode(inputs), inputs["attention_mask"])

    def head_probabilities(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        with torch.inference_mode():
            return self.head(hidden, attention_mask).float().softmax(-1)

    def postprocess(self, prepared: WindowBatches, probabilities: Sequence[torch.Tensor]) -> list[list[Attribution]]:
        """Attributions per article, in text order of their cues, from one probability tensor per batch."""
        scaled = [scale_outside(p, self.decode_settings["o_scale"]) for p in probabilities]
        spans = spans_from_probabilities(self.runner, prepared, scaled, self.decode_settings["merge_fragments"])
        return [attributions_from_spans(article.text, article_spans, self.decode_settings["max_gap_words"],
                                        self.decode_settings["repair"])
                for article, article_spans in zip(prepared.articles, spans)]

    # --- entry points ---------------------------------------------------------------------

    def from_hidden(self, prepared: WindowBatches, hidden: Sequence[torch.Tensor]) -> list[list[Attribution]]:
        """Attributions per article from the encoder's hidden states, one tensor per batch of `prepared`.

        `prepared` must come from windows this model accepts: `self.preprocess`, or a runtime
        TokenClassifier over the same tokenizer with the same casing feature (the entity runner).
        """
        probabilities = [self.head_probabilities(states, inputs["attention_mask"])
                         for inputs, states in zip(prepared.model_inputs, hidden, strict=True)]
        return self.postprocess(prepared, probabilities)

    def extract(self, texts: Sequence[str]) -> list[list[Attribution]]:
        """For each text, its attributions in text order of their cues."""
        texts = [str(text) for text in texts]
        return run_adapter(self, texts) if texts else []


def spans_text(text: str, attribution: Attribution) -> dict[str, str | None]:
    """The texts of an attribution's spans (for reports and tests)."""
    def cut(span: Span | None) -> str | None:
        return None if span is None else text[span.start : span.end]

    return {"source": cut(attribution.source), "cue": cut(attribution.cue), "content": cut(attribution.content)}


__all__ = ["DEFAULT_ARTIFACT", "Attribution", "AttributionModel", "make_runner", "spans_text"]

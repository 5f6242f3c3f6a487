"""StanceModel: (target, text) pairs in, scores for supports / refutes / neutral / unrelated out.

A `ModelAdapter` (runtime/adapter.py) over `StanceQuery`s:
  preprocess   stage 1 (relatedness: untrained base embeddings and word overlap; each distinct
               target, text and sentence is embedded once per call) and the stage-2 token
               tensors, batched by length
  _forward     one batch of token tensors -> the cross-encoder's distribution over the related labels
  postprocess  P(related) from stage 1 scales the stage-2 distribution (prior-corrected), so every
               query gets all four scores, summing to 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from transformers import PreTrainedTokenizerFast

from newslake.models.runtime.onnx import ONNX_PRECISIONS, OnnxModule, onnx_module
from newslake.models.stance.data import LABELS
from newslake.models.stance.embedder import SentenceEmbedder
from newslake.models.stance.evidence import EVIDENCE_SENTENCES, Embed, split_sentences, top_sentences
from newslake.models.stance.network import MAX_LENGTH, StanceCrossEncoder, collate, encode_pairs, load_artifact
from newslake.models.stance.relatedness import FEATURES, RelatednessModel, relatedness_features, word_set

DEFAULT_ARTIFACT = Path(__file__).resolve().parents[1] / "artifacts" / "stance-minilm"
BATCH_SIZE = 32


@dataclass(frozen=True)
class PairEvidence:
    """Stage 1's view of (target, text) pairs: relatedness features, and the sentences stage 2 reads."""

    features: np.ndarray  # (pairs, len(FEATURES)) relatedness features
    evidence: list[str]  # per pair: the text's top sentences for its target, in text order


@dataclass(frozen=True)
class StanceQuery:
    target: str  # a claim or headline
    text: str  # what stage 1 judges as about the target or not: an article body, or a claim's paragraph
    claim: str | None = None  # what stage 2 reads; None: the text's sentences most similar to the target
    # Known to be about the target (a claim linked to its event): stage 1 is not asked, P(related) is 1, and
    # only stage 2's reading is scored. Stage 1 could only have made such a claim `unrelated`, which it is not.
    about: bool = False


@dataclass(frozen=True)
class StanceBatches:
    """Stage 1's P(related) per query, and the stage-2 batches: the query rows each holds and their tensors."""

    p_related: np.ndarray
    rows: list[list[int]]
    model_inputs: list[dict[str, torch.Tensor]]


def pair_evidence(pairs: Sequence[tuple[str, str]], embed: Embed, k: int = EVIDENCE_SENTENCES) -> PairEvidence:
    """Relatedness features and evidence for each (target, text) pair."""
    if not pairs:
        return PairEvidence(np.zeros((0, len(FEATURES))), [])
    sentences: dict[str, list[str]] = {}
    for _, text in pairs:
        if text not in sentences:  # FNC-1 pairs one body with dozens of headlines: split it once
            sentences[text] = split_sentences(text)
    words = {s: word_set(s) for s in dict.fromkeys(s for pair in pairs for s in pair)}
    strings = list(dict.fromkeys([*(t for t, _ in pairs), *sentences, *(s for ss in sentences.values() for s in ss)]))
    index = {s: i for i, s in enumerate(strings)}
    vectors = embed(strings)
    rows, evidence = [], []
    for target, text in pairs:
        target_vector = vectors[index[target]]
        sentence_rows = [index[s] for s in sentences[text]]
        cosines = (vectors[sentence_rows] @ target_vector).tolist() if sentence_rows else []
        rows.append(relatedness_features(words[target], words[text], float(vectors[index[text]] @ target_vector),
                                         cosines))
        chosen = top_sentences(cosines, k) if len(cosines) > k else range(len(cosines))
        evidence.append(" ".join(sentences[text][i] for i in chosen))
    return PairEvidence(np.asarray(rows, dtype=np.float64), evidence)


def pair_batches(tokenizer: PreTrainedTokenizerFast, targets: Sequence[str], texts: Sequence[str],
                 batch_size: int = BATCH_SIZE, max_length: int = MAX_LENGTH
                 ) -> tuple[list[list[int]], list[dict[str, torch.Tensor]]]:
    """Stage-2 inputs of (target, text) pairs in batches of similar length: the pair indices of each batch
    and its tensors."""
    encoded = encode_pairs(tokenizer, targets, texts, max_length)
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]["input_ids"]))
    rows = [order[begin : begin + batch_size] for begin in range(0, len(order), batch_size)]
    return rows, [collate([encoded[i] for i in batch], tokenizer.pad_token_id) for batch in rows]


def related_distribution(network: StanceCrossEncoder, inputs: dict[str, torch.Tensor]) -> torch.Tensor:
    """Stage 2 on one batch: softmax over the related labels, (pairs, 3)."""
    with torch.inference_mode():
        return torch.softmax(network(**inputs).float(), dim=-1)


def related_probabilities(network: StanceCrossEncoder, tokenizer: PreTrainedTokenizerFast, targets: Sequence[str],
                          evidence: Sequence[str], batch_size: int = BATCH_SIZE,
                          max_length: int = MAX_LENGTH) -> np.ndarray:
    """Stage 2 over all pairs, (pairs, 3): what training scores its dev split with."""
    network.eval()
    rows, inputs = pair_batches(tokenizer, targets, evidence, batch_size, max_length)
    result = np.zeros((len(targets), len(network.labels)), dtype=np.float64)
    for batch, tensors in zip(rows, inputs):
        result[batch] = related_distribution(network, tensors).numpy()
    return result


def combine(p_related: np.ndarray, related: np.ndarray) -> np.ndarray:
    """(pairs, 4) in LABELS order: P(related) x the stage-2 distribution, then P(unrelated)."""
    p_related = np.asarray(p_related, dtype=np.float64).reshape(-1, 1)
    return np.concatenate([p_related * related, 1.0 - p_related], axis=1)


class StanceModel:
    """The default stance model: `StanceModel.load().score([(target, text), ...])`."""

    def __init__(self, network: StanceCrossEncoder, relatedness: RelatednessModel, tokenizer: PreTrainedTokenizerFast,
                 embedder: Embed, config: dict, path: Path | None = None, weights_sha256: str | None = None,
                 quantize: str = "none") -> None:
        self.network = network.eval()
        self.relatedness = relatedness
        self.tokenizer = tokenizer
        self.embed = embedder
        self.config = config
        self.path = path
        self.weights_sha256 = weights_sha256  # verified at load
        self.labels = list(LABELS)
        self.quantize = quantize  # how the cross-encoder and the embedder run (`load`)
        # What `_forward` runs: the cross-encoder, or its ONNX Runtime graph (set by `load` for onnx-fp32 / onnx-int8)
        self.cross_encoder: StanceCrossEncoder | OnnxModule = self.network

    @classmethod
    def load(cls, folder: str | Path | None = None, dtype: torch.dtype = torch.float32,
             quantize: str = "none") -> StanceModel:
        """The artifact in `folder` (default: the bundled `models/artifacts/stance-minilm`); offline, safetensors only.

        `quantize` runs the cross-encoder and the sentence embedder alike: `int8` their linear layers in int8,
        `onnx-fp32` and `onnx-int8` their ONNX Runtime graphs (docs/speed.md; the model card gives the dev cost
        of each)."""
        from newslake.models.registry import quantize_int8

        path = Path(folder) if folder is not None else DEFAULT_ARTIFACT
        network, relatedness, tokenizer, config, sha256 = load_artifact(path, dtype)
        embedder = SentenceEmbedder.from_base(config["base"]["package"], quantize)
        if quantize == "int8":
            network = quantize_int8(network)
        model = cls(network, relatedness, tokenizer, embedder, config, path, sha256, quantize)
        if quantize in ONNX_PRECISIONS:
            model.cross_encoder = onnx_module(network, f"stance-minilm.v1-{sha256[:16]}", ONNX_PRECISIONS[quantize])
        return model

    # --- entry points ---------------------------------------------------------------------

    def score(self, pairs: Sequence[tuple[str, str]], batch_size: int = BATCH_SIZE) -> list[dict[str, float]]:
        """For each (target, text): {supports, refutes, neutral, unrelated} probabilities, summing to 1."""
        return self([StanceQuery(str(target), str(text)) for target, text in pairs], batch_size)

    def score_in_context(self, triples: Sequence[tuple[str, str, str]], batch_size: int = BATCH_SIZE,
                         about: Sequence[bool] | None = None) -> list[dict[str, float]]:
        """For each (target, claim, context): stage 1 asks whether the *context* (e.g. the claim's
        paragraph) is about the target, stage 2 reads the *claim* itself against the target.

        Why: stage 1 was trained on article bodies; a one-clause claim ("the reports", "five
        missiles were intercepted") shares too few words with any headline to look related, while
        the paragraph around it is the body-like unit stage 1 knows. The stance is still the claim's.

        `about[i]`: triple i is known to be about its target (`StanceQuery.about`).
        """
        flags = about if about is not None else [False] * len(triples)
        return self([StanceQuery(str(t), str(x), str(c), bool(a)) for (t, c, x), a in zip(triples, flags, strict=True)],
                    batch_size)

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = BATCH_SIZE) -> list[str]:
        """The top label of each pair (as `score` would rank them, without running stage 2 where it cannot win)."""
        queries = [StanceQuery(str(target), str(text)) for target, text in pairs]
        if not queries:
            return []
        plan = self.preprocess(queries, batch_size, skip_unrelated=True)
        scores = self.postprocess(plan, [self._forward(inputs) for inputs in plan.model_inputs])
        return [max(score, key=score.get) for score in scores]

    def __call__(self, queries: Sequence[StanceQuery], batch_size: int = BATCH_SIZE) -> list[dict[str, float]]:
        if not queries:
            return []
        plan = self.preprocess(queries, batch_size)
        return self.postprocess(plan, [self._forward(inputs) for inputs in plan.model_inputs])

    # --- the three steps ------------------------------------------------------------------

    def preprocess(self, queries: Sequence[StanceQuery], batch_size: int = BATCH_SIZE,
                   skip_unrelated: bool = False) -> StanceBatches:
        """Stage 1 for every query not known to be `about` its target (those have P(related) 1); stage-2 batches
        for every query, or with `skip_unrelated` only for those stage 1 finds related (P(unrelated) > 0.5 already beats every related label, whatever stage 2 says)."""
        asked = [i for i, q in enumerate(queries) if not q.about]
        stage1 = pair_evidence([(queries[i].target, queries[i].text) for i in asked], self.embed)
        p_related = np.ones(len(queries))
        p_related[asked] = self.relatedness.probability_related(stage1.features) if asked else []
        evidence = dict(zip(asked, stage1.evidence))
        chosen = [i for i in range(len(queries)) if not skip_unrelated or p_related[i] >= 0.5]
        texts = [queries[i].claim if queries[i].claim is not None else evidence.get(i, queries[i].text) for i in chosen]
        rows, inputs = pair_batches(self.tokenizer, [queries[i].target for i in chosen], texts, batch_size,
                                    self.config.get("max_length", MAX_LENGTH))
        return StanceBatches(p_related, [[chosen[i] for i in batch] for batch in rows], inputs)

    def _forward(self, inputs: dict[str, torch.Tensor]) -> torch.Tensor:
        return related_distribution(self.cross_encoder, inputs)

    def postprocess(self, plan: StanceBatches, outputs: Sequence[torch.Tensor]) -> list[dict[str, float]]:
        """Per query: the four scores in LABELS order; a query stage 2 skipped gets a uniform stage-2 share."""
        related = np.full((len(plan.p_related), len(self.network.labels)), 1.0 / len(self.network.labels))
        for rows, output in zip(plan.rows, outputs, strict=True):
            related[rows] = output.numpy()
        return [dict(zip(self.labels, row.tolist())) for row in combine(plan.p_related, self._calibrated(related))]

    def _calibrated(self, related: np.ndarray) -> np.ndarray:
        """Stage 2's distribution with the training class weights divided out (prior correction).

        The weighted loss (refutes x2.26, neutral x0.79) taught the rare class; left in, it makes
        the model call ~40% of real news claims `refutes`. Dividing the weights out gives
        posteriors for the data's own label mix: on FNC-1 dev, macro-F1 0.7379 -> 0.7258 and FNC
        score 88.95 -> 89.01 (model card).
        """
        weights = self.config.get("training", {}).get("recipe", {}).get("class_weights")
        if not weights:
            return related
        adjusted = related / np.array([weights[label] for label in self.network.labels])
        return adjusted / adjusted.sum(axis=1, keepdims=True)

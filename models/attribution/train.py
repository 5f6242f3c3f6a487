"""Train the attribution head on PolNeAR over the frozen entity encoder; select the epoch on dev; write the artifact.

The encoder is frozen, so its outputs never change: each training window is encoded once
(fp16 hidden states kept in memory) and every epoch only runs the two-layer head. The dev
split is encoded once as well and scored through the full decode + pairing path each epoch.

Reproducible: one seed drives Python, NumPy and torch; batches come from a seeded shuffle;
CPU kernels run on a fixed number of threads.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import torch
from torch import nn

from newslake.files import file_sha256

from newslake.models.attribution.data import (
    GoldAttribution,
    paint_characters,
    piece_labels,
    read_articles,
    read_attributions,
)
from newslake.models.attribution.evaluate import attribution_metrics
from newslake.models.attribution.model import (
    DEFAULT_DECODE,
    attributions_from_spans,
    make_runner,
    spans_from_probabilities,
)
from newslake.models.attribution.network import (
    DEFAULT_ENCODER_ARTIFACT,
    MAX_TOKENS,
    OVERLAP,
    AttributionHead,
    encoder_hidden_states,
    load_head,
    save_artifact,
)
from newslake.models.entities.network import load_artifact as load_entity_artifact
from newslake.models.training import (
    Evaluation,
    environment,
    fit,
    grouped_adamw,
    linear_warmup_schedule,
    seed_everything,
)

logger = logging.getLogger(__name__)

# The recipe; recorded in the artifact's config.json.
LAYER_LR = 3e-4  # the two copied layers; beat 1e-4 and 1e-3 on an 80-article trial (model card)
HEAD_LR = 1e-3  # the new linear layer
WEIGHT_DECAY = 0.01
WARMUP_FRACTION = 0.1
BATCH_SIZE = 16
MAX_GRAD_NORM = 1.0
THREADS = 2
IGNORE_INDEX = -100
ENCODE_BUDGET = 8192  # padded wordpieces per batch of the one-off encoder pass
# Training windows overlap less than inference ones (OVERLAP, a new window every ~128 pieces):
# the one-off encoder pass and every epoch cost in proportion to the wordpieces covered, and
# on 2 CPU cores the ~1.8x of overlap 126 bought fewer epochs, not better ones.
TRAIN_OVERLAP = 32
# The shipped recipe fine-tunes all six encoder layers as the head's (copies: the entity model keeps its own),
# over the frozen embeddings: on 120 training articles it beat two layers over the whole frozen encoder
# (dev overlap F1 source 0.78 vs 0.57, content 0.84 vs 0.67 after two epochs; model card).
FROM_LAYER = 0
FINE_TUNED_LAYERS = 6
# The head's matmuls in bfloat16 while training (CPUs with AVX512-BF16 run them ~1.5x faster);
# weights and optimizer state stay fp32, and inference runs in fp32.
AUTOCAST_BF16 = True


def _encode(runner, entity_model, texts: Sequence[str], layer: int | None = None):
    """Prepared windows of `texts` and the encoder's hidden states per batch (fp16): its last layer's,
    or layer `layer`'s when the head replaces the layers above it."""
    prepared = runner.preprocess(list(texts))
    hidden = []
    with torch.inference_mode():
        for _, inputs in prepared.batches:
            states = encoder_hidden_states(entity_model, inputs["input_ids"], inputs["attention_mask"],
                                           inputs["casing_ids"], layer)
            hidden.append(states.to(torch.float16))
    return prepared, hidden


def training_windows(prepared, hidden, gold: Sequence[Sequence[GoldAttribution]]
                     ) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """(hidden states, label ids) per window, [CLS] and [SEP] included and labelled IGNORE_INDEX."""
    labels = []
    for article, attributions in zip(prepared.articles, gold, strict=True):
        kinds, owners = paint_characters(len(article.text), attributions)
        labels.append(piece_labels(article.offsets, kinds, owners))
    examples = []
    for (batch, _), states in zip(prepared.batches, hidden):
        for row, window in enumerate(batch):
            width = window.length + 2
            target = [IGNORE_INDEX, *labels[window.article][window.start : window.stop], IGNORE_INDEX]
            examples.append((states[row, :width].clone(), torch.tensor(target, dtype=torch.long)))
    return examples


def _collate(examples: list[tuple[torch.Tensor, torch.Tensor]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    width = max(states.shape[0] for states, _ in examples)
    hidden = torch.zeros((len(examples), width, examples[0][0].shape[1]))
    mask = torch.zeros((len(examples), width), dtype=torch.long)
    targets = torch.full((len(examples), width), IGNORE_INDEX, dtype=torch.long)
    for row, (states, target) in enumerate(examples):
        hidden[row, : states.shape[0]] = states.float()
        mask[row, : states.shape[0]] = 1
        targets[row, : target.shape[0]] = target
    return hidden, mask, targets


def _optimizer(head: AttributionHead) -> torch.optim.Optimizer:
    return grouped_adamw(head.named_parameters(),
                         lambda name: HEAD_LR if name.startswith("classifier.") else LAYER_LR, WEIGHT_DECAY)


def dev_scores(head: AttributionHead, runner, prepared, hidden, gold, decode: dict) -> dict:
    """Full-path metrics (decode + pairing) of `head` on pre-encoded dev windows."""
    head.eval()
    probabilities = []
    with torch.inference_mode():
        for (_, inputs), states in zip(prepared.batches, hidden):
            probabilities.append(head(states.float(), inputs["attention_mask"]).float().softmax(-1))
    spans = spans_from_probabilities(runner, prepared, probabilities, decode["merge_fragments"])
    predicted = [attributions_from_spans(article.text, article_spans, decode["max_gap_words"])
                 for article, article_spans in zip(prepared.articles, spans)]
    return attribution_metrics(gold, predicted)


def selection_score(scores: dict) -> float:
    """The mean of exact and overlap F1 over source, cue and content: what picks the epoch."""
    return sum(scores[kind][f"{match}_f1"] for kind in ("source", "cue", "content")
               for match in ("exact", "overlap")) / 6


def train_attribution(polnear_dir: str | Path, output_dir: str | Path, epochs: int = 4, seed: int = 13,
                      max_articles: int | None = None, encoder_folder: str | Path | None = None,
                      max_dev_articles: int | None = None, time_limit_s: float | None = None,
                      on_step: Callable[[dict], None] | None = None, from_layer: int | None = FROM_LAYER,
                      head_layers: int = FINE_TUNED_LAYERS) -> dict:
    """Train, keep the epoch with the best dev `selection_score`, write the artifact to `output_dir`.

    `polnear_dir` holds articles.jsonl, attributions_train.jsonl and attributions_dev.jsonl.
    `encoder_folder` is the entity artifact whose encoder is shared (default: the bundled one).
    `time_limit_s` stops after the epoch during which the wall time passes it.
    `from_layer` k: the head reads the encoder's layer k and its layers start as copies of the ones
    above (the encoder's top layers are fine-tuned, as copies); None: it reads the last layer.
    Returns the metadata stored in config.json (per-epoch dev scores, chosen epoch, timings).
    """
    started = time.perf_counter()
    polnear_dir, output_dir = Path(polnear_dir), Path(output_dir)
    encoder_folder = Path(encoder_folder) if encoder_folder is not None else DEFAULT_ENCODER_ARTIFACT
    torch.set_num_threads(THREADS)
    seed_everything(seed)
    files = {name: polnear_dir / f"{name}.jsonl" for name in ("articles", "attributions_train", "attributions_dev")}
    articles = read_articles(files["articles"])
    train_gold = read_attributions(files["attributions_train"])
    dev_gold = read_attributions(files["attributions_dev"])
    train_ids = sorted(train_gold)
    if max_articles is not None:
        train_ids = sorted(random.Random(seed).sample(train_ids, min(max_articles, len(train_ids))))
    dev_ids = sorted(dev_gold)[:max_dev_articles]

    entity_model, tokenizer, _ = load_entity_artifact(encoder_folder)
    entity_model.requires_grad_(False)
    decode = dict(DEFAULT_DECODE)
    runner = make_runner(tokenizer, MAX_TOKENS, OVERLAP, decode["words"], decode["aggregation"], ENCODE_BUDGET)
    train_runner = make_runner(tokenizer, MAX_TOKENS, TRAIN_OVERLAP, decode["words"], decode["aggregation"],
                               ENCODE_BUDGET)

    encode_started = time.perf_counter()
    prepared, hidden = _encode(train_runner, entity_model, [articles[doc].text for doc in train_ids], from_layer)
    examples = training_windows(prepared, hidden, [train_gold[doc] for doc in train_ids])
    del prepared, hidden
    dev_prepared, dev_hidden = _encode(runner, entity_model, [articles[doc].text for doc in dev_ids], from_layer)
    dev = [dev_gold[doc] for doc in dev_ids]
    encode_seconds = time.perf_counter() - encode_started
    n_tokens = sum(int(states.shape[0]) for states, _ in examples)
    logger.info("encoded %d train articles (%d windows, %d wordpieces) and %d dev articles in %.0fs",
                len(train_ids), len(examples), n_tokens, len(dev_ids), encode_seconds)

    head = AttributionHead.from_encoder(entity_model.encoder, head_layers, from_layer=from_layer)
    optimizer = _optimizer(head)
    rng = random.Random(seed)
    scheduler = linear_warmup_schedule(optimizer, len(examples), BATCH_SIZE, epochs, WARMUP_FRACTION)
    loss_fn = nn.CrossEntropyLoss(ignore_index=IGNORE_INDEX)

    metadata = {
        "recipe": {
            "encoder": "frozen entity encoder, outputs precomputed in fp16", "head_layers": head_layers,
            "head_init": (f"copies of the encoder's last {head_layers} layers" if from_layer is None else
                          f"copies of encoder layers {from_layer + 1}-{from_layer + head_layers}, reading layer {from_layer}"),
            "from_layer": from_layer, "epochs": epochs, "seed": seed,
            "batch_size": BATCH_SIZE, "layer_lr": LAYER_LR, "head_lr": HEAD_LR, "weight_decay": WEIGHT_DECAY,
            "warmup_fraction": WARMUP_FRACTION, "max_grad_norm": MAX_GRAD_NORM, "threads": THREADS,
            "max_tokens": MAX_TOKENS, "train_overlap": TRAIN_OVERLAP, "dev_overlap": OVERLAP,
            "autocast_bf16": AUTOCAST_BF16, "labels_on": "every wordpiece",
            "flattening": "content shortest first (outer content wins), then source, then cue on top",
            "selection": "mean of exact and overlap F1 over source, cue, content on dev (decode + pairing)",
        },
        "data": {
            "polnear": {name: {"file": path.name, "sha256": file_sha256(path)} for name, path in files.items()},
            "annotations": "primary annotator only",
            "train": {"articles": len(train_ids), "windows": len(examples), "wordpieces": n_tokens},
            "dev": {"articles": len(dev_ids), "attributions": sum(len(a) for a in dev)},
        },
        "environment": environment(),
        "encode_seconds": round(encode_seconds, 1),
        "epochs": [],
    }
    window = {"max_tokens": MAX_TOKENS, "overlap": OVERLAP}
    lengths = [int(states.shape[0]) for states, _ in examples]
    def batch_loss(batch: list[int]) -> torch.Tensor:
        states, mask, targets = _collate([examples[i] for i in batch])
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=AUTOCAST_BF16):
            logits = head(states, mask)
        return loss_fn(logits.float().reshape(-1, logits.shape[-1]), targets.reshape(-1))

    def evaluate() -> Evaluation:
        scores = dev_scores(head, runner, dev_prepared, dev_hidden, dev, decode)
        score = selection_score(scores)
        figures = " ".join(f"{kind} {scores[kind]['exact_f1']:.3f}/{scores[kind]['overlap_f1']:.3f}"
                           for kind in ("source", "cue", "content"))
        return Evaluation(score, {"selection_score": score, "dev": scores}, scores, f"dev exact/overlap F1 {figures}")

    def stop_early(epoch: int) -> bool:
        if time_limit_s is None or time.perf_counter() - started <= time_limit_s:
            return False
        metadata["stopped_early"] = {"after_epoch": epoch, "time_limit_s": time_limit_s}
        logger.info("time limit reached after epoch %d of %d", epoch, epochs)
        return True

    def score_saved() -> dict:
        # The artifact stores fp16: score what was written, not the fp32 head in memory.
        saved = load_head(output_dir, entity_model)
        return {"dev_fp16_weights": dev_scores(saved, runner, dev_prepared, dev_hidden, dev, decode)}

    best_score = fit(head, batch_loss, lengths, metadata, epochs=epochs, batch_size=BATCH_SIZE, rng=rng,
                     optimizer=optimizer, scheduler=scheduler, max_grad_norm=MAX_GRAD_NORM, evaluate=evaluate,
                     save=lambda: save_artifact(head, encoder_folder, output_dir, window=window, decode=decode,
                                                metadata=metadata),
                     started=started, score_saved=score_saved, stop_early=stop_early, on_step=on_step, logger=logger)
    logger.info("best epoch %d, selection score %.4f, %.0fs in all", metadata["best_epoch"], best_score,
                metadata["train_wall_seconds"])
    return metadata

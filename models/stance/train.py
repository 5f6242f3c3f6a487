"""Train the two-stage stance model on FNC-1 (+ Emergent), select the epoch on a headline-held-out dev split.

Stage 1 (related vs unrelated) is a logistic regression on untrained-embedding features;
stage 2 (supports / refutes / neutral) fine-tunes a MiniLM cross-encoder on the related pairs.
The epoch is chosen on the dev macro-F1 of the whole 4-way system. Reproducible: one seed,
seeded batches, a fixed number of CPU threads.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import nn

from newslake.errors import NewslakeError
from newslake.files import file_sha256
from newslake.models.runtime.encoder import BASE_PACKAGE, base_fingerprint, load_base_encoder, load_base_tokenizer
from newslake.models.stance.data import (
    EMERGENT_TEST,
    EMERGENT_TRAIN,
    LABELS,
    RELATED_LABELS,
    StancePair,
    fnc_files,
    headline_key,
    headline_split,
    read_emergent,
    read_fnc,
)
from newslake.models.stance.embedder import SentenceEmbedder
from newslake.models.stance.evidence import Embed
from newslake.models.stance.metrics import stance_metrics
from newslake.models.stance.model import StanceModel, combine, pair_evidence, related_probabilities
from newslake.models.stance.network import (
    MAX_LENGTH,
    StanceCrossEncoder,
    collate,
    encode_pairs,
    save_artifact,
    trainable_state_dict,
)
from newslake.models.stance.relatedness import RelatednessModel
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
DEV_FRACTION = 0.15
ENCODER_LR = 3e-5
HEAD_LR = 1e-3  # the head starts from scratch
WEIGHT_DECAY = 0.01
WARMUP_FRACTION = 0.1
BATCH_SIZE = 16
MAX_GRAD_NORM = 1.0
CLASS_WEIGHT_POWER = 0.5  # square-root inverse frequency: PITFALLS found strong weights push predictions to agree
THREADS = 2


def train_stance(fnc_dir: str | Path, output_dir: str | Path, emergent_dir: str | Path | None = None,
                 epochs: int = 2, seed: int = 13, max_pairs: int | None = None, cache_dir: str | Path | None = None,
                 on_step: Callable[[dict], None] | None = None, stop_after_epochs: int | None = None) -> dict:
    """Train, keep the epoch with the best dev 4-way macro-F1, write the artifact to `output_dir`.

    `max_pairs` samples that many FNC-1 pairs (and at most that many Emergent pairs) for quick runs.
    Embeddings are cached under `cache_dir` (default: the system temp folder). Returns the metadata
    stored in the artifact's config.json: dev metrics per epoch and of the saved model, timings.

    `stop_after_epochs` ends training after that many epochs while the learning-rate schedule still
    spans `epochs`: the shipped model is epoch 1 of a 2-epoch schedule (the run was stopped during
    epoch 2, a 2-core CPU epoch costing ~14-45 minutes), and this reproduces it without the second epoch.
    """
    if stop_after_epochs is not None and not 1 <= stop_after_epochs <= epochs:
        raise NewslakeError("E003", f"stop_after_epochs must be between 1 and epochs ({epochs}), not {stop_after_epochs}")
    started = time.perf_counter()
    output_dir = Path(output_dir)
    torch.set_num_threads(THREADS)
    seed_everything(seed)

    train, dev, emergent, emergent_test, emergent_dropped = _read_pairs(fnc_dir, emergent_dir, max_pairs, seed)
    dev_keys = {headline_key(p.target) for p in dev}
    logger.info("FNC-1: %d train / %d dev pairs (%d / %d headlines); Emergent: %d train pairs (%d dropped: dev "
                "headlines)", len(train), len(dev), len({headline_key(p.target) for p in train}), len(dev_keys),
                len(emergent), emergent_dropped)

    # Emergent texts are one headline: stage 1 sees them with sampled unrelated headlines, so that it does not
    # learn "short text = unrelated" from FNC-1 bodies alone (+2.5 points related recall on Emergent test,
    # -0.1 point FNC-1 dev accuracy when measured).
    emergent_unrelated = unrelated_pairs(emergent, seed)
    embed_started = time.perf_counter()
    embed = _cached(SentenceEmbedder.from_base(BASE_PACKAGE), cache_dir)
    everything = [*train, *dev, *emergent, *emergent_unrelated]
    prepared = pair_evidence([(p.target, p.text) for p in everything], embed)
    features, evidence = prepared.features, prepared.evidence
    n_train, n_dev = len(train), len(dev)
    embed_seconds = time.perf_counter() - embed_started

    fit_rows = [i for i in range(len(everything)) if not n_train <= i < n_train + n_dev]
    relatedness = RelatednessModel.fit(features[fit_rows],
                                       np.array([everything[i].label != "unrelated" for i in fit_rows]), seed)
    dev_p_related = relatedness.probability_related(features[n_train : n_train + n_dev])
    stage1_accuracy = float(np.mean((dev_p_related >= 0.5) == np.array([p.label != "unrelated" for p in dev])))
    logger.info("stage 1: dev related/unrelated accuracy %.4f (embeddings and features %.0fs)", stage1_accuracy,
                embed_seconds)

    stage2 = [(everything[i].target, evidence[i], everything[i].label) for i in fit_rows
              if everything[i].label != "unrelated"]  # fmt: skip
    tokenizer = load_base_tokenizer(BASE_PACKAGE)
    encoded = encode_pairs(tokenizer, [t for t, _, _ in stage2], [e for _, e, _ in stage2], MAX_LENGTH)
    targets = torch.tensor([RELATED_LABELS.index(label) for _, _, label in stage2])
    weights = class_weights([label for _, _, label in stage2])
    model = StanceCrossEncoder(load_base_encoder(BASE_PACKAGE))
    optimizer = _optimizer(model)
    rng = random.Random(seed)
    # The schedule (warmup, linear decay) spans `epochs`; training may stop earlier (see the docstring).
    scheduler = linear_warmup_schedule(optimizer, len(encoded), BATCH_SIZE, epochs, WARMUP_FRACTION)
    loss_fn = nn.CrossEntropyLoss(weight=torch.tensor([weights[label] for label in RELATED_LABELS]))
    logger.info("stage 2: %d related pairs, %d steps per epoch, class weights %s", len(encoded),
                -(-len(encoded) // BATCH_SIZE), {k: round(v, 3) for k, v in weights.items()})

    metadata = {
        "recipe": {
            "epochs": epochs, "seed": seed, "dev_fraction": DEV_FRACTION, "split": "by headline",
            "batch_size": BATCH_SIZE, "encoder_lr": ENCODER_LR, "head_lr": HEAD_LR, "weight_decay": WEIGHT_DECAY,
            "warmup_fraction": WARMUP_FRACTION, "max_grad_norm": MAX_GRAD_NORM, "max_length": MAX_LENGTH,
            "threads": THREADS, "class_weights": weights, "class_weight_power": CLASS_WEIGHT_POWER,
            "stage1": "logistic regression on untrained-embedding cosines and word overlap; FNC-1 train + "
                      "Emergent train with one sampled unrelated headline per pair",
            "stage2": "MiniLM cross-encoder, word embeddings frozen, mean pooling, on target + top-3 evidence",
        },
        "data": {
            "fnc1": {"files": {p.name: file_sha256(p) for p in fnc_files(fnc_dir)}, "train_pairs": n_train,
                     "dev_pairs": n_dev, "dev_headlines": len(dev_keys), "max_pairs": max_pairs,
                     "train_labels": dict(Counter(p.label for p in train)),
                     "dev_labels": dict(Counter(p.label for p in dev))},
            "emergent": ({"file": EMERGENT_TRAIN, "sha256": file_sha256(Path(emergent_dir) / EMERGENT_TRAIN),
                          "train_pairs": len(emergent), "dropped_dev_headlines": emergent_dropped,
                          "sampled_unrelated_pairs_for_stage1": len(emergent_unrelated)}
                         if emergent_dir is not None else None),
            "stage2_pairs": len(encoded),
        },
        "environment": environment(),
        "stage1_dev_accuracy": stage1_accuracy,
        "embed_seconds": round(embed_seconds, 1),
        "epochs": [],
    }  # fmt: skip
    if stop_after_epochs is not None:
        metadata["recipe"]["stopped_after_epochs"] = stop_after_epochs
    dev_targets, dev_evidence = [p.target for p in dev], evidence[n_train : n_train + n_dev]
    lengths = [len(e["input_ids"]) for e in encoded]
    def batch_loss(batch: list[int]) -> torch.Tensor:
        return loss_fn(model(**collate([encoded[i] for i in batch], tokenizer.pad_token_id)), targets[batch])

    def evaluate() -> Evaluation:
        scores = _dev_scores(model, tokenizer, dev, dev_targets, dev_evidence, dev_p_related)
        return Evaluation(scores["dev"]["macro_f1"], scores, scores["dev"],
                          f"dev macro-F1 {scores['dev']['macro_f1']:.4f}, FNC {scores['dev']['fnc_score_relative']:.2f}%, "
                          f"related-only macro-F1 {scores['dev_gold_related']['macro_f1']:.4f}")

    def score_saved() -> dict:
        # The artifact stores fp16 and StanceModel embeds afresh: score what was written, the way users will run it.
        saved = StanceModel.load(output_dir)
        report = {"dev_saved_model": _timed_metrics(saved, dev)}
        if emergent_test:
            report["emergent_test"] = _emergent_report(saved, emergent_test, {headline_key(p.target) for p in train})
        return report

    best_f1 = fit(model, batch_loss, lengths, metadata, epochs=stop_after_epochs or epochs, batch_size=BATCH_SIZE,
                  rng=rng, optimizer=optimizer, scheduler=scheduler, max_grad_norm=MAX_GRAD_NORM, evaluate=evaluate,
                  save=lambda: save_artifact(model, relatedness, output_dir, metadata), started=started,
                  score_saved=score_saved, on_step=on_step, logger=logger)
    logger.info("best epoch %d, dev macro-F1 %.4f (saved model %.4f), %.0fs of training in all",
                metadata["best_epoch"], best_f1, metadata["dev_saved_model"]["macro_f1"],
                metadata["train_wall_seconds"])
    return metadata


def _read_pairs(fnc_dir: str | Path, emergent_dir: str | Path | None, max_pairs: int | None, seed: int
                ) -> tuple[list[StancePair], list[StancePair], list[StancePair], list[StancePair], int]:
    """FNC-1 train and dev (held-out headlines), Emergent train and test, and how many Emergent pairs were dropped."""
    fnc = read_fnc(fnc_dir)
    if max_pairs is not None and max_pairs < len(fnc):
        fnc = random.Random(seed).sample(fnc, max_pairs)
    train, dev = headline_split(fnc, DEV_FRACTION, seed)
    dev_keys = {headline_key(p.target) for p in dev}
    emergent, emergent_test, emergent_dropped = [], [], 0
    if emergent_dir is not None:
        # FNC-1 headlines are Emergent article headlines: a dev headline must not reach training through Emergent.
        for pair in read_emergent(Path(emergent_dir) / EMERGENT_TRAIN):
            if headline_key(pair.target) in dev_keys or headline_key(pair.text) in dev_keys:
                emergent_dropped += 1
            else:
                emergent.append(pair)
        emergent = emergent[:max_pairs]
        emergent_test = read_emergent(Path(emergent_dir) / EMERGENT_TEST)[:max_pairs]
    return train, dev, emergent, emergent_test, emergent_dropped


def unrelated_pairs(pairs: Sequence[StancePair], seed: int) -> list[StancePair]:
    """For each pair, its target with the text of a random pair about another target (how FNC-1 made `unrelated`)."""
    keys = [headline_key(p.target) for p in pairs]
    if len(set(keys)) < 2:
        return []
    rng = random.Random(seed)
    result = []
    for pair, key in zip(pairs, keys):
        other = rng.randrange(len(pairs))
        while keys[other] == key:
            other = rng.randrange(len(pairs))
        result.append(StancePair(pair.target, pairs[other].text, "unrelated", f"sampled:{pair.source}"))
    return result


def class_weights(labels: Sequence[str], power: float = CLASS_WEIGHT_POWER) -> dict[str, float]:
    """(1 / frequency) ** power per related label, scaled so that the mean weight over the examples is 1."""
    counts = Counter(labels)
    raw = {label: (1.0 / counts[label]) ** power if counts[label] else 0.0 for label in RELATED_LABELS}
    mean = sum(raw[label] * counts[label] for label in RELATED_LABELS) / max(len(labels), 1)
    return {label: raw[label] / mean if mean else 1.0 for label in RELATED_LABELS}


def _dev_scores(model, tokenizer, dev: list[StancePair], targets: list[str], evidence: list[str],
                p_related: np.ndarray) -> dict:
    """The 4-way system on dev, and stage 2 alone on the gold-related dev pairs (3 labels)."""
    gold = [p.label for p in dev]
    rows = [i for i, (g, p) in enumerate(zip(gold, p_related)) if g != "unrelated" or p >= 0.5]
    related = np.full((len(dev), len(RELATED_LABELS)), 1.0 / len(RELATED_LABELS))
    if rows:
        related[rows] = related_probabilities(model, tokenizer, [targets[i] for i in rows],
                                              [evidence[i] for i in rows])
    predicted = [LABELS[i] for i in combine(p_related, related).argmax(1)]
    gold_related = [i for i, g in enumerate(gold) if g != "unrelated"]
    stage2 = stance_metrics([gold[i] for i in gold_related], [RELATED_LABELS[related[i].argmax()] for i in gold_related])
    stage2["macro_f1"] = float(np.mean([stage2["per_class"][label]["f1"] for label in RELATED_LABELS]))
    return {"dev": stance_metrics(gold, predicted), "dev_gold_related": stage2}


def _timed_metrics(model: StanceModel, pairs: list[StancePair]) -> dict:
    started = time.perf_counter()
    predicted = model.predict([(p.target, p.text) for p in pairs])
    seconds = time.perf_counter() - started
    return {**stance_metrics([p.label for p in pairs], predicted), "seconds": round(seconds, 1),
            "pairs_per_second": round(len(pairs) / seconds, 1)}


def _emergent_report(model: StanceModel, pairs: list[StancePair], train_keys: set[str]) -> dict:
    """The 4-way system, stage 2 alone (argmax over the related labels), and both on article headlines that
    never occur as an FNC-1 train headline (the rest were seen in training, paired with bodies)."""
    scores = model.score([(p.target, p.text) for p in pairs])
    gold = [p.label for p in pairs]
    four = [max(s, key=s.get) for s in scores]
    three = [max(RELATED_LABELS, key=s.get) for s in scores]
    unseen = [i for i, p in enumerate(pairs) if headline_key(p.text) not in train_keys]
    report = {"all": stance_metrics(gold, four), "all_related_only": stance_metrics(gold, three),
              "unseen_headlines": stance_metrics([gold[i] for i in unseen], [four[i] for i in unseen]),
              "unseen_headlines_related_only": stance_metrics([gold[i] for i in unseen], [three[i] for i in unseen])}
    for name in ("all_related_only", "unseen_headlines_related_only"):
        report[name]["macro_f1"] = float(np.mean([report[name]["per_class"][lb]["f1"] for lb in RELATED_LABELS]))
    return report


def _optimizer(model: StanceCrossEncoder) -> torch.optim.Optimizer:
    return grouped_adamw(trainable_state_dict(model).items(),
                         lambda name: ENCODER_LR if name.startswith("encoder.") else HEAD_LR, WEIGHT_DECAY)


def _cached(embedder: SentenceEmbedder, cache_dir: str | Path | None) -> Embed:
    """`embedder`, with every text's vector kept on disk (keyed by the text and the base weights) across runs."""
    folder = Path(cache_dir) if cache_dir is not None else Path(tempfile.gettempdir()) / "newslake-stance-embeddings"
    folder = folder / base_fingerprint(BASE_PACKAGE)["weights_sha256"][:16] / str(embedder.max_length)

    def embed(texts: Sequence[str]) -> torch.Tensor:
        keys = [hashlib.sha256(text.encode("utf-8")).hexdigest() for text in texts]
        known = json.loads((folder / "keys.json").read_text()) if (folder / "keys.json").is_file() else []
        vectors = load_file(folder / "vectors.safetensors")["vectors"] if known else torch.zeros((0, embedder.width))
        row = {key: i for i, key in enumerate(known)}
        missing = list(dict.fromkeys(key for key in keys if key not in row))
        logger.info("embeddings: %d texts, %d from the cache %s", len(texts), len(texts) - len(missing), folder)
        if missing:
            text_of = dict(zip(keys, texts))
            vectors = torch.cat([vectors, embedder([text_of[key] for key in missing])])
            row.update((key, len(known) + n) for n, key in enumerate(missing))
            folder.mkdir(parents=True, exist_ok=True)
            save_file({"vectors": vectors.contiguous()}, folder / "vectors.safetensors")
            (folder / "keys.json").write_text(json.dumps(known + missing))
        return vectors[[row[key] for key in keys]]

    return embed

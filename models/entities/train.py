"""Fine-tune the entity tagger on a CoNLL-format train file, select the epoch on a dev file, write the artifact.

Reproducible: one seed drives Python, NumPy and torch; batches come from a seeded
shuffle; CPU kernels run on a fixed number of threads.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from pathlib import Path

import torch
from torch import nn

from newslake.errors import NewslakeError
from newslake.files import file_sha256
from newslake.models.entities.conll import Sentence, read_conll
from newslake.models.entities.evaluate import entity_metrics, entity_types, predict_tags
from newslake.models.entities.network import (
    IGNORE_INDEX,
    LABELS,
    MAX_LENGTH,
    CasedTokenClassifier,
    Window,
    collate,
    encode_words,
    load_artifact,
    save_artifact,
)
from newslake.models.runtime.artifacts import trainable_state_dict
from newslake.models.runtime.encoder import BASE_PACKAGE, load_base_encoder, load_base_tokenizer
from newslake.models.training import (
    BUCKET_BATCHES,
    Evaluation,
    environment,
    fit,
    grouped_adamw,
    linear_warmup_schedule,
    seed_everything,
)

logger = logging.getLogger(__name__)

# The recipe; recorded in the artifact's config.json.
# 5, not 3: dev F1 still rose by 0.004-0.008 per epoch at epochs 3-5 (see the model card).
EPOCHS = 5
ENCODER_LR = 5e-5
HEAD_LR = 1e-3  # head and casing embedding start from scratch (zeros / random), so they learn faster
WEIGHT_DECAY = 0.01
WARMUP_FRACTION = 0.1
BATCH_SIZE = 32
MAX_GRAD_NORM = 1.0
THREADS = 2


def labelled_windows(tokenizer, sentences: list[Sentence], max_length: int) -> list[tuple[Window, list[int]]]:
    """Each window with its target per wordpiece: the word's label id at its first piece, IGNORE_INDEX elsewhere."""
    index = {label: i for i, label in enumerate(LABELS)}
    unknown = sorted({tag for sentence in sentences for tag in sentence.tags} - set(index))
    if unknown:
        raise NewslakeError("E032", f"training tags {unknown[:5]} are not among the model's labels {LABELS}")
    result = []
    for sentence, windows in zip(sentences, encode_words(tokenizer, [s.tokens for s in sentences], max_length)):
        for window in windows:
            targets = [index[sentence.tags[w]] if w >= 0 else IGNORE_INDEX for w in window.first_piece_word]
            result.append((window, targets))
    return result


def _optimizer(model: CasedTokenClassifier) -> torch.optim.Optimizer:
    return grouped_adamw(trainable_state_dict(model).items(),
                         lambda name: ENCODER_LR if name.startswith("encoder.") else HEAD_LR, WEIGHT_DECAY)


def dev_scores(model, tokenizer, dev: list[Sentence], max_length: int) -> dict:
    model.eval()
    predicted = predict_tags(model, tokenizer, [s.tokens for s in dev], batch_size=64, max_length=max_length)
    return entity_metrics([s.tags for s in dev], predicted, entity_types(LABELS))


def train_entities(train_path: str | Path, dev_path: str | Path, output_dir: str | Path, epochs: int = EPOCHS,
                   seed: int = 13, max_train_sentences: int | None = None, max_dev_sentences: int | None = None,
                   on_step: Callable[[dict], None] | None = None) -> dict:
    """Train, keep the epoch with the best dev entity F1, write the artifact to `output_dir`.

    `on_step` (optional, e.g. a CLI progress bar) receives `{"epoch", "step", "steps", "loss"}` after each batch.
    Returns the metadata stored in the artifact's config.json: per-epoch dev scores, the chosen
    epoch, dev scores of the fp32 model and of the saved fp16 weights, and timings.
    """
    started = time.perf_counter()
    train_path, dev_path, output_dir = Path(train_path), Path(dev_path), Path(output_dir)
    torch.set_num_threads(THREADS)
    seed_everything(seed)
    train = read_conll(train_path)[:max_train_sentences]
    dev = read_conll(dev_path)[:max_dev_sentences]

    tokenizer = load_base_tokenizer(BASE_PACKAGE)
    examples = labelled_windows(tokenizer, train, MAX_LENGTH)
    model = CasedTokenClassifier(load_base_encoder(BASE_PACKAGE), LABELS)
    optimizer = _optimizer(model)
    rng = random.Random(seed)
    scheduler = linear_warmup_schedule(optimizer, len(examples), BATCH_SIZE, epochs, WARMUP_FRACTION)
    loss_fn = nn.CrossEntropyLoss(ignore_index=IGNORE_INDEX)
    logger.info("training on %d sentences (%d windows), %d steps per epoch; dev %d sentences",
                len(train), len(examples), -(-len(examples) // BATCH_SIZE), len(dev))

    metadata = {
        "recipe": {
            "epochs": epochs, "seed": seed, "batch_size": BATCH_SIZE, "encoder_lr": ENCODER_LR, "head_lr": HEAD_LR,
            "weight_decay": WEIGHT_DECAY, "warmup_fraction": WARMUP_FRACTION, "max_grad_norm": MAX_GRAD_NORM,
            "max_length": MAX_LENGTH, "threads": THREADS, "bucket_batches": BUCKET_BATCHES,
        },
        "data": {
            "train": {"file": train_path.name, "sha256": file_sha256(train_path), "sentences": len(train),
                      "windows": len(examples)},
            "dev": {"file": dev_path.name, "sha256": file_sha256(dev_path), "sentences": len(dev)},
        },
        "environment": environment(),
        "epochs": [],
    }
    lengths = [len(window.input_ids) for window, _ in examples]
    def batch_loss(batch: list[int]) -> torch.Tensor:
        inputs = collate([examples[i][0] for i in batch], tokenizer.pad_token_id)
        width = inputs["input_ids"].shape[1]
        targets = torch.tensor([examples[i][1] + [IGNORE_INDEX] * (width - len(examples[i][1])) for i in batch])
        logits = model(**inputs)
        return loss_fn(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))

    def evaluate() -> Evaluation:
        scores = dev_scores(model, tokenizer, dev, MAX_LENGTH)
        return Evaluation(scores["f1"], {"dev": scores}, scores,
                          f"dev F1 {scores['f1']:.4f} (P {scores['precision']:.4f} R {scores['recall']:.4f})")

    def score_saved() -> dict:
        # The artifact stores fp16: score what was written, not the fp32 model in memory.
        saved, saved_tokenizer, _ = load_artifact(output_dir)
        fp16 = dev_scores(saved, saved_tokenizer, dev, MAX_LENGTH)
        return {"dev_fp16_weights": fp16, "fp16_minus_fp32_f1": round(fp16["f1"] - metadata["dev"]["f1"], 6)}

    best_f1 = fit(model, batch_loss, lengths, metadata, epochs=epochs, batch_size=BATCH_SIZE, rng=rng,
                  optimizer=optimizer, scheduler=scheduler, max_grad_norm=MAX_GRAD_NORM, evaluate=evaluate,
                  save=lambda: save_artifact(model, BASE_PACKAGE, output_dir, metadata), started=started,
                  score_saved=score_saved, on_step=on_step, logger=logger)
    logger.info("best epoch %d, dev F1 %.4f (fp16 weights %.4f), %.0fs in all", metadata["best_epoch"], best_f1,
                metadata["dev_fp16_weights"]["f1"], metadata["train_wall_seconds"])
    return metadata

"""Fine-tune the argument tagger on QA-SRL (and, when given, hand-annotated news events: annotated.py), pick the
epoch on a news dev split of QA-SRL, write the artifact.

Reproducible: one seed drives Python, NumPy and torch and the batch order; CPU kernels run on a
fixed number of threads. The recipe is recorded in the artifact's config.json.
"""

from __future__ import annotations

import logging
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import torch

from newslake.files import file_sha256
from newslake.models.event_arguments.annotated import data_record, read_annotated
from newslake.models.event_arguments.encoding import EncodedQuery, collate, encode_query
from newslake.models.event_arguments.evaluate import evaluate_examples, query_of, summary
from newslake.models.event_arguments.network import (
    LABELS,
    MAX_PIECES,
    ArgumentTagger,
    load_artifact,
    save_artifact,
)
from newslake.models.event_arguments.qasrl import ArgumentExample, read_split
from newslake.models.event_arguments.runner import ArgumentRunner, tagger_forward
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
from newslake.text.words import conll_word_spans

logger = logging.getLogger(__name__)

TRAIN_SPLITS = ("wikipedia.dev", "wikipedia.test", "wikinews.dev")
DEV_SPLIT = "wikinews.test"  # news text, as the pipeline reads
EPOCHS = 5  # on QA-SRL alone ~20 minutes on 2 CPU cores (5 s per 100 verbs per step pass); see the model card
ENCODER_LR = 5e-5
HEAD_LR = 1e-3  # head, casing and trigger embeddings start from scratch
WEIGHT_DECAY = 0.01
WARMUP_FRACTION = 0.1
BATCH_SIZE = 16
MAX_GRAD_NORM = 1.0
THREADS = 2


def labelled_queries(tokenizer, examples: list[ArgumentExample], max_pieces: int
                     ) -> list[tuple[EncodedQuery, list[tuple[int, ...]]]]:
    """Each example encoded as at run time, with the label ids each wordpiece may have: at the word's first piece
    its BIO label (beside an O, the B- and I- labels of the word's role in `open_words`), none elsewhere
    (specials, continuation pieces, the example's ignored words: not taught)."""
    index = {label: i for i, label in enumerate(LABELS)}
    result = []
    for example in examples:
        encoded = encode_query(tokenizer, query_of(example), example.word_spans, conll_word_spans, max_pieces)
        tags, ignored = example.tags(), set(example.ignored)
        roles = dict(example.open_words)
        targets, previous = [], None
        for word in encoded.word_ids:
            taught = word is not None and word != previous and word not in ignored
            label = index[tags[word]] if taught else None
            opened = tuple(index[f"{p}-{roles[word]}"] for p in ("B", "I")) \
                if label is not None and tags[word] == "O" and word in roles else ()
            targets.append(() if label is None else (label, *opened))
            previous = word
        result.append((encoded, targets))
    return result


def with_qasrl_spans_open(examples: list[ArgumentExample], qasrl_model: str | Path) -> list[ArgumentExample]:
    """The examples with, on each word outside their spans that a model trained on QA-SRL alone tags with a role,
    that role open: what QA-SRL taught stays where the annotation is silent ("the agreement" as TARGET, "on
    Tuesday" as TIME, the "in" of "in Paris" as PLACE), and nowhere else."""
    network, tokenizer, config, _ = load_artifact(qasrl_model)
    runner = ArgumentRunner(tagger_forward(network), tokenizer, config["labels"], config["max_pieces"])
    found = runner([query_of(e) for e in examples], [e.word_spans for e in examples])
    opened = []
    for example, spans in zip(examples, found, strict=True):
        taught = {i for start, end, _ in example.spans for i in range(start, end)}
        words = {i: span.label for span in spans for i, (a, b) in enumerate(example.word_spans)
                 if a < span.end and span.start < b and i not in taught}
        opened.append(replace(example, open_words=tuple(sorted(words.items()))))
    logger.info("QA-SRL spans opened: %s words in %d of %d annotated examples",
                dict(Counter(role for e in opened for _, role in e.open_words)), sum(bool(e.open_words) for e in opened),
                len(opened))
    return opened


def _qasrl_model_record(path: str | Path) -> dict[str, str]:
    """Which model opened the roles: its folder, and its weights' sha256, since a folder's model can be replaced
    (the shipped model was itself trained with the QA-SRL-only model that was shipped before it)."""
    return {"path": str(path), "weights_sha256": file_sha256(Path(path) / "weights.safetensors")}


def allowed_labels_loss(logits: torch.Tensor, allowed: torch.Tensor) -> torch.Tensor:
    """Mean over the taught wordpieces of -log P(the label is one of those allowed): cross-entropy where one label
    is allowed, a partial-label loss where several are (`allowed`: bool, the shape of `logits`)."""
    taught = allowed.any(dim=-1)
    log_all = torch.logsumexp(logits, dim=-1)
    log_allowed = torch.logsumexp(logits.masked_fill(~allowed, float("-inf")), dim=-1)
    return (log_all - log_allowed)[taught].mean()


def train_arguments(qasrl_dir: str | Path, output_dir: str | Path, epochs: int = EPOCHS, seed: int = 13,
                    max_train: int | None = None, max_dev: int | None = None,
                    stop_after_epochs: int | None = None, on_step: Callable[[dict], None] | None = None,
                    annotated: Sequence[str | Path] = (), max_annotated: int | None = None,
                    open_targets: str = "none", qasrl_model: str | Path | None = None) -> dict:
    """Train on TRAIN_SPLITS plus the examples of the `annotated` events files (gold format), keep the epoch with
    the best exact-span micro F1 on DEV_SPLIT, write `output_dir`.

    `open_targets`: which words of an annotated example outside its spans are taught "O or TARGET" rather than
    "O" (the annotation marks named participants only, so "the agreement" or "a bill", what an act is about and a
    QA-SRL target, is unmarked there without being wrong as a TARGET): "none", "all" (measured: the model then
    marks long target spans everywhere), or "qasrl": on each word that `qasrl_model` (a model trained on QA-SRL
    alone) tags with a role, that role (TARGET, TIME, PLACE, AGENT). The model card has all three.
    `max_train` / `max_dev` / `max_annotated`: the first N examples of each (quick runs). `stop_after_epochs`: end
    after that many epochs while the learning-rate schedule still spans `epochs` (the shipped model: see its card).
    Returns the training record.
    """
    started = time.perf_counter()
    qasrl_dir, output_dir = Path(qasrl_dir), Path(output_dir)
    torch.set_num_threads(THREADS)
    seed_everything(seed)
    train = [e for split in TRAIN_SPLITS for e in read_split(qasrl_dir, split)][:max_train]
    dev = read_split(qasrl_dir, DEV_SPLIT)[:max_dev]
    news = read_annotated(list(annotated))
    news_train = news.examples[:max_annotated]
    if open_targets == "all":
        news_train = [replace(example, open_words=tuple((i, "TARGET") for i in range(len(example.tokens))))
                      for example in news_train]
    elif open_targets == "qasrl":
        if qasrl_model is None:
            raise ValueError("open_targets='qasrl' needs qasrl_model, a model trained on QA-SRL alone")
        news_train = with_qasrl_spans_open(news_train, qasrl_model)

    tokenizer = load_base_tokenizer(BASE_PACKAGE)
    examples = labelled_queries(tokenizer, train + news_train, MAX_PIECES)
    model = ArgumentTagger(load_base_encoder(BASE_PACKAGE), LABELS)
    optimizer = grouped_adamw(trainable_state_dict(model).items(),
                              lambda name: ENCODER_LR if name.startswith("encoder.") else HEAD_LR, WEIGHT_DECAY)
    scheduler = linear_warmup_schedule(optimizer, len(examples), BATCH_SIZE, epochs, WARMUP_FRACTION)
    logger.info("training on %d examples (%d QA-SRL verbs, %d annotated news triggers), %d steps per epoch; "
                "dev %d verbs", len(examples), len(train), len(news_train), -(-len(examples) // BATCH_SIZE), len(dev))
    metadata = {
        "recipe": {"epochs": epochs, "stop_after_epochs": stop_after_epochs, "seed": seed, "batch_size": BATCH_SIZE, "encoder_lr": ENCODER_LR,
                   "head_lr": HEAD_LR, "weight_decay": WEIGHT_DECAY, "warmup_fraction": WARMUP_FRACTION,
                   "max_grad_norm": MAX_GRAD_NORM, "max_pieces": MAX_PIECES, "threads": THREADS,
                   "annotated_open_targets": open_targets if annotated else None,
                   "qasrl_model": _qasrl_model_record(qasrl_model) if annotated and open_targets == "qasrl" else None,
                   "bucket_batches": BUCKET_BATCHES, "selection": "dev exact-span micro F1"},
        "data": {"train": _data_record(qasrl_dir, TRAIN_SPLITS, train),
                 "dev": _data_record(qasrl_dir, (DEV_SPLIT,), dev)},
        "environment": environment(),
        "epochs": [],
    }
    if annotated:
        metadata["data"]["annotated"] = data_record(annotated, news, news_train)

    def batch_loss(batch: list[int]) -> torch.Tensor:
        inputs = collate([examples[i][0] for i in batch], tokenizer.pad_token_id)
        allowed = torch.zeros((len(batch), inputs["input_ids"].shape[1], len(LABELS)), dtype=torch.bool)
        for row, i in enumerate(batch):
            for piece, labels in enumerate(examples[i][1]):
                allowed[row, piece, list(labels)] = True
        return allowed_labels_loss(model(**inputs), allowed)

    def evaluate() -> Evaluation:
        model.eval()
        scores = evaluate_examples(ArgumentRunner(tagger_forward(model), tokenizer, LABELS, MAX_PIECES), dev)
        return Evaluation(scores["all"]["exact"]["f1"], {"dev": scores["all"]}, scores, summary(scores))

    def score_saved() -> dict:
        # The artifact stores fp16: score what was written, as users will run it.
        saved, saved_tokenizer, config, _ = load_artifact(output_dir)
        runner = ArgumentRunner(tagger_forward(saved), saved_tokenizer, config["labels"], config["max_pieces"])
        scores = evaluate_examples(runner, dev)
        return {"dev_fp16_weights": scores,
                "fp16_minus_fp32_f1": round(scores["all"]["exact"]["f1"] - metadata["dev"]["all"]["exact"]["f1"], 6)}

    lengths = [len(encoded) for encoded, _ in examples]
    best = fit(model, batch_loss, lengths, metadata, epochs=epochs, batch_size=BATCH_SIZE, rng=random.Random(seed),
               optimizer=optimizer, scheduler=scheduler, max_grad_norm=MAX_GRAD_NORM, evaluate=evaluate,
               save=lambda: save_artifact(model, BASE_PACKAGE, output_dir, metadata), started=started,
               score_saved=score_saved, on_step=on_step, logger=logger,
               stop_early=None if stop_after_epochs is None else lambda epoch: epoch >= stop_after_epochs)
    logger.info("best epoch %d, dev exact F1 %.4f, %.0fs in all", metadata["best_epoch"], best,
                metadata["train_wall_seconds"])
    return metadata


def _data_record(folder: Path, splits: tuple[str, ...], examples: list[ArgumentExample]) -> dict:
    spans = [role for e in examples for *_, role in e.spans]
    return {"splits": {split: file_sha256(folder / "gold" / f"{split}.gold.csv") for split in splits},
            "verbs": len(examples), "sentences": len({e.sentence_id for e in examples}),
            "spans": {role: spans.count(role) for role in sorted(set(spans))}}

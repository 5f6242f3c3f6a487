"""Fine-tune the event-trigger tagger on weakly labelled NGEC sentences, select the epoch on dev, calibrate
its scores on dev, write the artifact.

Reproducible: one seed drives the sentence sample, the batch order, Python, NumPy and torch; CPU
kernels run on a fixed number of threads.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn
from transformers.masking_utils import create_bidirectional_mask

from newslake.errors import NewslakeError
from newslake.files import file_sha256
from newslake.models.entities.network import CasedTokenClassifier, collate, encode_words
from newslake.models.events.calibration import fit_temperature, predictions_by_temperature
from newslake.models.events.data import (
    IGNORED,
    DevText,
    gold_sentences,
    LabelledSentence,
    read_ngec,
    read_plover_gold,
    read_gold,
    story_sentences,
    training_sample,
)
from newslake.models.events.evaluate import reliability, scored_predictions, sentence_scores, trigger_scores
from newslake.models.events.network import MAX_LENGTH, bio_labels, load_verified_artifact, save_artifact
from newslake.models.events.runtime import trigger_runner
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

from newslake.tasks.events.ontology import load_ontology

logger = logging.getLogger(__name__)

# The recipe; recorded in the artifact's config.json.
EPOCHS = 4
MAX_SENTENCES = 6_000  # with the annotated news: 4 epochs in about 15 minutes on 2 quiet cores (the model card)
NEGATIVE_SHARE = 0.25  # sentences without any lexicon trigger: they teach what is no event
GOLD_REPEAT = 3  # each sentence of the hand-annotated news articles is seen this often per epoch
# The embeddings (casing included, left at zero) and the lowest layers keep the base's weights; their
# outputs are computed once per training window, so an epoch runs only the top layers and the head.
FROZEN_LAYERS = 2
ENCODER_LR = 5e-5
HEAD_LR = 1e-3
WEIGHT_DECAY = 0.01
WARMUP_FRACTION = 0.1
BATCH_SIZE = 32
MAX_GRAD_NORM = 1.0
THREADS = 2
IGNORE_INDEX = -100


@dataclass
class TrainingSentences:
    stories: list[tuple[str, str]]  # the NGEC stories read (a sample of them with `max_stories`)
    sentences: list[LabelledSentence]  # all their sentences, weakly labelled
    weak: list[LabelledSentence]  # the sample of those that is trained on
    annotated: list[LabelledSentence]  # the hand-annotated news, every sentence


def training_sentences(ngec_path: Path, gold_train_paths: list[Path], max_sentences: int, max_stories: int | None,
                       rng: random.Random, ignore_statement_words: bool = False) -> TrainingSentences:
    """The recipe's sentences: NGEC stories (sampled first with `max_stories`) split and weakly labelled, a sample of
    `max_sentences` of them (`training_sample`), and the annotated files' sentences. `rng` is drawn from in that
    order, so that a seed gives the same sample in every recipe that trains on them."""
    stories = read_ngec(ngec_path)
    if max_stories is not None:
        stories = rng.sample(stories, min(max_stories, len(stories)))
    sentences = story_sentences(stories, ignore_statement_words)
    weak = training_sample(sentences, max_sentences, NEGATIVE_SHARE, rng)
    annotated = gold_sentences(read_gold(gold_train_paths)) if gold_train_paths else []
    return TrainingSentences(stories, sentences, weak, annotated)


def labelled_windows(tokenizer, sentences: list[LabelledSentence], labels: list[str]) -> list[tuple[object, list[int]]]:
    """Each window with its target per wordpiece: the word's label at its first piece; IGNORE_INDEX at other
    pieces and at words the weak labels leave open."""
    index = {label: i for i, label in enumerate(labels)}
    result = []
    for sentence, windows in zip(sentences, encode_words(tokenizer, [s.words for s in sentences], MAX_LENGTH)):
        for window in windows:
            targets = [index[sentence.tags[w]] if w >= 0 and sentence.tags[w] != IGNORED else IGNORE_INDEX
                       for w in window.first_piece_word]
            result.append((window, targets))
    return result


def start_from_entity_model(model: CasedTokenClassifier, folder: Path) -> dict[str, str]:
    """Put an entity model's encoder and casing embedding in place of the base's. With its lower layers frozen, the
    event model's lower layers are the entity model's, so one pass of them could serve both stages (docs/events.md,
    "Cost"). Returns the folder and the entity weights' sha256, for the training record."""
    from newslake.models.entities.network import load_verified_artifact as load_entity_artifact

    entity, _, _, sha256 = load_entity_artifact(folder)
    model.encoder.load_state_dict(entity.encoder.state_dict())
    model.casing.load_state_dict(entity.casing.state_dict())
    return {"path": str(folder), "weights_sha256": sha256}


def continue_from_trigger_model(model: CasedTokenClassifier, folder: Path) -> dict[str, str]:
    """Put a trained trigger model's weights (encoder, casing embedding and head) in place of the base's, to train it
    further on more annotated news: what it learnt from the earlier files is the starting point rather than thrown
    away (the model card, "Continued training"). Returns the folder and the weights' sha256, for the training record."""
    trained, _, config, sha256 = load_verified_artifact(folder)
    if config["labels"] != model.labels:
        raise NewslakeError("E053", f"{folder} tags {len(config['labels'])} labels, not this ontology's "
                                    f"{len(model.labels)}; continue from a trigger model of the same categories")
    model.load_state_dict(trained.float().state_dict())
    return {"path": str(folder), "weights_sha256": sha256}


def freeze_lower_layers(model: CasedTokenClassifier, layers: int) -> None:
    """Embeddings (word, position, casing) and the lowest `layers` encoder layers keep their weights."""
    model.casing.weight.requires_grad_(False)
    for name, parameter in model.encoder.named_parameters():
        if name.startswith("embeddings.") or any(name.startswith(f"encoder.layer.{i}.") for i in range(layers)):
            parameter.requires_grad_(False)


def _attention_mask(model: CasedTokenClassifier, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    return create_bidirectional_mask(config=model.encoder.config, inputs_embeds=hidden, attention_mask=mask)


@torch.no_grad()
def lower_states(model: CasedTokenClassifier, inputs: dict[str, torch.Tensor], layers: int) -> torch.Tensor:
    """The hidden states after the lowest `layers` layers, exactly as the full forward computes them."""
    embeds = model.encoder.embeddings.word_embeddings(inputs["input_ids"]) + model.casing(inputs["casing_ids"])
    hidden = model.encoder.embeddings(inputs_embeds=embeds)
    mask = _attention_mask(model, hidden, inputs["attention_mask"])
    for layer in model.encoder.encoder.layer[:layers]:
        hidden = layer(hidden, mask)
    return hidden


def upper_logits(model: CasedTokenClassifier, hidden: torch.Tensor, attention_mask: torch.Tensor,
                 layers: int) -> torch.Tensor:
    """The rest of the forward from `lower_states`: the top layers, dropout and the classifier."""
    mask = _attention_mask(model, hidden, attention_mask)
    for layer in model.encoder.encoder.layer[layers:]:
        hidden = layer(hidden, mask)
    return model.classifier(model.dropout(hidden))


def cache_lower_states(model: CasedTokenClassifier, tokenizer, windows: list, layers: int,
                       batch_size: int = 64) -> list[torch.Tensor]:
    """`lower_states` of every window (fp16, unpadded), computed in length-sorted batches."""
    model.eval()
    states: list[torch.Tensor | None] = [None] * len(windows)
    order = sorted(range(len(windows)), key=lambda i: len(windows[i].input_ids))
    for begin in range(0, len(order), batch_size):
        batch = order[begin : begin + batch_size]
        hidden = lower_states(model, collate([windows[i] for i in batch], tokenizer.pad_token_id), layers)
        for row, i in enumerate(batch):
            states[i] = hidden[row, : len(windows[i].input_ids)].to(torch.float16).clone()
    return states


def padded_states(states: list[torch.Tensor], batch: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
    """The cached states of the windows in `batch`, padded to the longest (fp32), and their attention mask."""
    width = max(len(states[i]) for i in batch)
    hidden = torch.zeros((len(batch), width, states[batch[0]].shape[-1]))
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for row, i in enumerate(batch):
        hidden[row, : len(states[i])] = states[i].float()
        mask[row, : len(states[i])] = 1
    return hidden, mask


def dev_figures(runner, gold: list[DevText], plover: list[DevText]) -> dict:
    """Trigger/category scores on the events gold and the PLOVER sentences, and the number used to pick the epoch."""
    figures = {"events_dev": trigger_scores(gold, runner([t.text for t in gold])),
               "plover_gold": sentence_scores(plover, runner([t.text for t in plover]))}
    figures["selection"] = round((figures["events_dev"]["trigger_and_category"]["f1"]
                                  + figures["plover_gold"]["category_accuracy"]) / 2, 4)
    return figures


def calibrate(runner, gold: list[DevText], plover: list[DevText]) -> dict:
    """Fit the temperature on both dev sets' predictions; reliability before (T=1) and after."""
    texts = gold + plover
    by_t = predictions_by_temperature(runner, [t.text for t in texts])
    temperature, losses = fit_temperature(by_t, lambda predictions: scored_predictions(texts, predictions))
    before, after = scored_predictions(texts, by_t[1.0]), scored_predictions(texts, by_t[temperature])
    return {"temperature": temperature, "method": "temperature scaling, log loss on dev trigger predictions",
            "log_loss_before": round(losses[1.0], 4), "log_loss_after": round(losses[temperature], 4),
            "before": reliability(*before), "after": reliability(*after)}


def calibrate_and_score(folder: Path, gold: list[DevText], plover: list[DevText]) -> dict:
    """The temperature fitted on dev and the dev figures at it, of the saved fp16 weights (as users run them)."""
    saved, tokenizer, config, _ = load_verified_artifact(folder)
    calibration = calibrate(trigger_runner(saved, tokenizer, config["labels"]), gold, plover)
    runner = trigger_runner(saved, tokenizer, config["labels"], temperature=calibration["temperature"])
    return {"calibration": calibration, "dev_fp16_weights": dev_figures(runner, gold, plover)}


def train_events(ngec_path: str | Path, plover_path: str | Path, gold_dev_paths: list[str | Path], output_dir: str | Path,
                 gold_train_paths: list[str | Path] = (), epochs: int = EPOCHS, seed: int = 13,
                 max_sentences: int = MAX_SENTENCES, max_stories: int | None = None,
                 frozen_layers: int = FROZEN_LAYERS, gold_repeat: int = GOLD_REPEAT,
                 ignore_statement_words: bool = False, stop_after_epochs: int | None = None,
                 encoder_from: str | Path | None = None, continue_from: str | Path | None = None,
                 encoder_lr: float = ENCODER_LR, head_lr: float = HEAD_LR,
                 on_step: Callable[[dict], None] | None = None) -> dict:
    """Train, keep the epoch with the best dev selection score, calibrate, write the artifact to `output_dir`.

    `stop_after_epochs` ends training after that many epochs, the learning-rate schedule still spanning
    `epochs`. `encoder_from`: an entity-model folder to start from instead of the base (`start_from_entity_model`);
    `continue_from`: a trigger-model folder to train further (`continue_from_trigger_model`).
    Returns the metadata stored in the artifact's config.json.
    """
    started = time.perf_counter()
    ngec_path, plover_path, output_dir = map(Path, (ngec_path, plover_path, output_dir))
    gold_dev_paths = [Path(p) for p in gold_dev_paths]
    torch.set_num_threads(THREADS)
    seed_everything(seed)
    rng = random.Random(seed)
    gold_train_paths = [Path(p) for p in gold_train_paths]
    data = training_sentences(ngec_path, gold_train_paths, max_sentences, max_stories, rng, ignore_statement_words)
    stories, sentences, weak, annotated = data.stories, data.sentences, data.weak, data.annotated
    sample = weak + annotated * gold_repeat
    gold, plover = read_gold(gold_dev_paths), read_plover_gold(plover_path)

    labels = bio_labels(list(load_ontology().categories))
    tokenizer = load_base_tokenizer(BASE_PACKAGE)
    examples = labelled_windows(tokenizer, sample, labels)
    model = CasedTokenClassifier(load_base_encoder(BASE_PACKAGE), labels)
    started_from = start_from_entity_model(model, Path(encoder_from)) if encoder_from is not None else None
    continued = continue_from_trigger_model(model, Path(continue_from)) if continue_from is not None else None
    freeze_lower_layers(model, frozen_layers)
    trainable = [(name, p) for name, p in model.named_parameters() if p.requires_grad]
    optimizer = grouped_adamw(trainable, lambda name: encoder_lr if name.startswith("encoder.") else head_lr,
                              WEIGHT_DECAY)
    scheduler = linear_warmup_schedule(optimizer, len(examples), BATCH_SIZE, epochs, WARMUP_FRACTION)
    loss_fn = nn.CrossEntropyLoss(ignore_index=IGNORE_INDEX)
    logger.info("training on %d sentences (%d windows, %d with a trigger), %d steps per epoch; dev %d + %d texts",
                len(sample), len(examples), sum(s.has_trigger for s in sample), -(-len(examples) // BATCH_SIZE),
                len(gold), len(plover))

    metadata = {
        "recipe": {
            "epochs": epochs, "seed": seed, "batch_size": BATCH_SIZE, "encoder_lr": encoder_lr, "head_lr": head_lr,
            "weight_decay": WEIGHT_DECAY, "warmup_fraction": WARMUP_FRACTION, "max_grad_norm": MAX_GRAD_NORM,
            "max_length": MAX_LENGTH, "threads": THREADS, "bucket_batches": BUCKET_BATCHES,
            "frozen_layers": frozen_layers, "max_sentences": max_sentences, "negative_share": NEGATIVE_SHARE,
            "gold_repeat": gold_repeat, "ignore_statement_words": ignore_statement_words,
            "stop_after_epochs": stop_after_epochs, "encoder_from": started_from,
            "continue_from": continued,
            "selection": "mean of events gold trigger+category F1 and PLOVER gold category accuracy",
        },
        "data": {
            "train": {"file": ngec_path.name, "sha256": file_sha256(ngec_path), "stories": len(stories),
                      "sentences": len(sentences), "sampled_sentences": len(weak),
                      "sampled_with_trigger": sum(s.has_trigger for s in weak), "windows": len(examples),
                      "lexicon": "configs/cameo_verbs.tsv", "lexicon_sha256": _lexicon_sha256(),
                      "annotated": {"files": {p.name: file_sha256(p) for p in gold_train_paths},
                                    "sentences": len(annotated),
                                    "triggers": sum(t.startswith("B-") for s in annotated for t in s.tags)}},
            "dev": {"events_dev": {"files": {p.name: file_sha256(p) for p in gold_dev_paths}, "docs": len(gold),
                                   "triggers": sum(len(t.triggers) for t in gold)},
                    "plover_gold": {"file": plover_path.name, "sha256": file_sha256(plover_path),
                                    "sentences": len(plover), "triggers": sum(len(t.triggers) for t in plover)}},
        },
        "environment": environment(),
        "epochs": [],
    }
    lengths = [len(window.input_ids) for window, _ in examples]
    calibration = {"temperature": 1.0}
    cached_at = time.perf_counter()
    states = cache_lower_states(model, tokenizer, [window for window, _ in examples], frozen_layers)
    metadata["lower_layers_cache_seconds"] = round(time.perf_counter() - cached_at, 1)
    logger.info("lower %d layers computed for %d windows in %.0fs", frozen_layers, len(states),
                metadata["lower_layers_cache_seconds"])

    def batch_loss(batch: list[int]) -> torch.Tensor:
        hidden, mask = padded_states(states, batch)
        width = hidden.shape[1]
        targets = torch.tensor([examples[i][1] + [IGNORE_INDEX] * (width - len(examples[i][1])) for i in batch])
        logits = upper_logits(model, hidden, mask, frozen_layers)
        return loss_fn(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))

    def evaluate() -> Evaluation:
        model.eval()
        figures = dev_figures(trigger_runner(model, tokenizer, labels), gold, plover)
        summary = (f"selection {figures['selection']:.4f} (events-dev trigger+category F1 "
                   f"{figures['events_dev']['trigger_and_category']['f1']:.4f}, PLOVER category accuracy "
                   f"{figures['plover_gold']['category_accuracy']:.4f})")
        record = {"selection": figures["selection"],
                  "events_dev_f1": figures["events_dev"]["trigger_and_category"]["f1"],
                  "plover_category_accuracy": figures["plover_gold"]["category_accuracy"]}
        return Evaluation(figures["selection"], record, figures, summary)

    def save() -> None:
        save_artifact(model, BASE_PACKAGE, output_dir, metadata, temperature=calibration["temperature"])

    def calibrate_and_score_saved() -> dict:
        finished = calibrate_and_score(output_dir, gold, plover)
        calibration.update(finished["calibration"])
        return finished

    stop_early = None if stop_after_epochs is None else (lambda epoch: epoch >= stop_after_epochs)
    best = fit(model, batch_loss, lengths, metadata, epochs=epochs, batch_size=BATCH_SIZE, rng=rng,
               optimizer=optimizer, scheduler=scheduler, max_grad_norm=MAX_GRAD_NORM, evaluate=evaluate, save=save,
               started=started, score_saved=calibrate_and_score_saved, stop_early=stop_early, on_step=on_step,
               logger=logger)
    logger.info("best epoch %d, dev selection %.4f, temperature %.2f, %.0fs in all", metadata["best_epoch"], best,
                calibration["temperature"], metadata["train_wall_seconds"])
    return metadata


def _lexicon_sha256() -> str:
    from importlib.resources import as_file

    from newslake.tasks.events.lexicon import DEFAULT_TABLE

    with as_file(DEFAULT_TABLE) as path:
        return file_sha256(path)

"""Train the news tagger: the entity model's network with an event-word head beside its entity head.

It starts from the entity model (encoder, casing embedding and entity head) and keeps its embeddings and
lowest layers; the layers above and both heads are trained at once on CoNLL-2003 sentences (the entity
labels) and the event-trigger recipe's sentences (models/events/train.py: weakly labelled NGEC stories
and the hand-annotated news). Each sentence's loss is its own head's. The lowest layers' outputs are
computed once per window, so an epoch runs only the layers above.

The epoch is selected as the trigger model's is (mean of dev trigger+category F1 and PLOVER category
accuracy), with the entity head's CoNLL dev F1 recorded beside it; the event head's temperature is then
fitted on dev. Reproducible as the other recipes are: one seed, a fixed number of threads.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from pathlib import Path

import torch
from torch import nn

from newslake.files import file_sha256
from newslake.models.entities import train as entity_recipe
from newslake.models.entities.conll import read_conll
from newslake.models.entities.network import LABELS as ENTITY_LABELS, CasedTokenClassifier, load_verified_artifact as load_entity_model
from newslake.models.events import train as trigger_recipe
from newslake.models.events.data import read_gold, read_plover_gold
from newslake.models.events.network import bio_labels
from newslake.models.runtime.encoder import BASE_PACKAGE, load_base_encoder, load_base_tokenizer
from newslake.models.events.runtime import trigger_runner
from newslake.models.runtime.token_classifier import Head
from newslake.models.tagger.network import ENTITY_HEAD, EVENT_HEAD, load_verified_artifact, save_artifact
from newslake.models.training import Evaluation, environment, fit, grouped_adamw, linear_warmup_schedule, seed_everything
from newslake.tasks.events.ontology import load_ontology

logger = logging.getLogger(__name__)

# The recipe; recorded in the artifact's config.json. The rest is the trigger recipe's (models/events/train.py).
EPOCHS = 3
FROZEN_LAYERS = 2  # the entity model's embeddings, casing embedding and lowest two layers
IGNORE_INDEX = -100


def heads(temperature: float = 1.0) -> tuple[Head, Head]:
    """The entity head's columns, then the event head's (one per BIO label of the ontology's categories)."""
    return (Head(ENTITY_HEAD, tuple(ENTITY_LABELS), 0),
            Head(EVENT_HEAD, tuple(bio_labels(list(load_ontology().categories))), len(ENTITY_LABELS), temperature))


def start_from_entity_model(folder: Path, labels: list[str]) -> tuple[CasedTokenClassifier, dict[str, str]]:
    """A network of `labels` columns whose encoder, casing embedding and first columns are the entity model's."""
    entity, _, _, sha256 = load_entity_model(folder)
    model = CasedTokenClassifier(load_base_encoder(BASE_PACKAGE), labels)
    model.encoder.load_state_dict(entity.encoder.state_dict())
    model.casing.load_state_dict(entity.casing.state_dict())
    with torch.no_grad():
        model.classifier.weight[: len(ENTITY_LABELS)] = entity.classifier.weight
        model.classifier.bias[: len(ENTITY_LABELS)] = entity.classifier.bias
    return model, {"path": str(folder), "weights_sha256": sha256}


class Columns(nn.Module):
    """The network's output restricted to one head's columns, called as a one-head tagger is: what the entity and
    trigger recipes' dev figures and the temperature fit run."""

    def __init__(self, model: CasedTokenClassifier, head: Head) -> None:
        super().__init__()
        self.model, self.columns, self.labels = model, head.columns, list(head.labels)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, casing_ids: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids, attention_mask, casing_ids)[..., self.columns]


def dev_figures(model: CasedTokenClassifier, tokenizer, conll_dev, gold, plover, temperature: float = 1.0) -> dict:
    """The event head's figures on the events gold and the PLOVER sentences (with the selection score), and the
    entity head's CoNLL dev figures under "entities"."""
    model.eval()
    entities, events = (Columns(model, head) for head in heads())
    figures = trigger_recipe.dev_figures(trigger_runner(events, tokenizer, events.labels, temperature=temperature),
                                         gold, plover)
    figures["entities"] = entity_recipe.dev_scores(entities, tokenizer, conll_dev, entity_recipe.MAX_LENGTH)
    return figures


def labelled_windows(tokenizer, conll, sentences, labels) -> list[tuple[object, list[int], int]]:
    """(window, targets, head index) of every CoNLL sentence (head 0) and every event sentence (head 1)."""
    events = trigger_recipe.labelled_windows(tokenizer, sentences, list(labels[EVENT_HEAD]))
    return ([(w, t, 0) for w, t in entity_recipe.labelled_windows(tokenizer, conll, entity_recipe.MAX_LENGTH)]
            + [(w, t, 1) for w, t in events])


def train_tagger(entity_from: str | Path, conll_train: str | Path, conll_dev: str | Path, ngec_path: str | Path,
                 plover_path: str | Path, gold_dev_paths: list[str | Path], output_dir: str | Path,
                 gold_train_paths: list[str | Path] = (), epochs: int = EPOCHS, seed: int = 13,
                 max_sentences: int = trigger_recipe.MAX_SENTENCES, max_stories: int | None = None,
                 max_conll_sentences: int | None = None, frozen_layers: int = FROZEN_LAYERS,
                 gold_repeat: int = trigger_recipe.GOLD_REPEAT, on_step: Callable[[dict], None] | None = None) -> dict:
    """Train, keep the epoch with the best dev selection score, fit the event head's temperature, write the
    artifact to `output_dir`. Returns the metadata stored in its config.json."""
    started = time.perf_counter()
    paths = [Path(p) for p in (entity_from, conll_train, conll_dev, ngec_path, plover_path, output_dir)]
    entity_from, conll_train, conll_dev, ngec_path, plover_path, output_dir = paths
    gold_dev_paths, gold_train_paths = [Path(p) for p in gold_dev_paths], [Path(p) for p in gold_train_paths]
    torch.set_num_threads(trigger_recipe.THREADS)
    seed_everything(seed)
    rng = random.Random(seed)
    data = trigger_recipe.training_sentences(ngec_path, gold_train_paths, max_sentences, max_stories, rng)
    weak, annotated = data.weak, data.annotated
    conll = read_conll(conll_train)[:max_conll_sentences]
    gold, plover, dev_conll = read_gold(gold_dev_paths), read_plover_gold(plover_path), read_conll(conll_dev)

    tokenizer = load_base_tokenizer(BASE_PACKAGE)
    columns = heads()
    labels = {head.name: head.labels for head in columns}
    examples = labelled_windows(tokenizer, conll, weak + annotated * gold_repeat, labels)
    model, started_from = start_from_entity_model(entity_from, [label for h in columns for label in h.labels])
    trigger_recipe.freeze_lower_layers(model, frozen_layers)
    trainable = [(name, p) for name, p in model.named_parameters() if p.requires_grad]
    optimizer = grouped_adamw(trainable, lambda name: trigger_recipe.ENCODER_LR if name.startswith("encoder.")
                              else trigger_recipe.HEAD_LR, trigger_recipe.WEIGHT_DECAY)
    scheduler = linear_warmup_schedule(optimizer, len(examples), trigger_recipe.BATCH_SIZE, epochs,
                                       trigger_recipe.WARMUP_FRACTION)
    loss_fn = nn.CrossEntropyLoss(ignore_index=IGNORE_INDEX, reduction="sum")
    logger.info("training on %d CoNLL and %d event sentences (%d windows); dev %d + %d texts, %d CoNLL sentences",
                len(conll), len(weak) + len(annotated) * gold_repeat, len(examples), len(gold), len(plover),
                len(dev_conll))
    metadata = {
        "recipe": {"epochs": epochs, "seed": seed, "frozen_layers": frozen_layers, "max_sentences": max_sentences,
                   "gold_repeat": gold_repeat, "entity_from": started_from,
                   "rest": "the event-trigger recipe's (models/events/train.py)",
                   "selection": "mean of events gold trigger+category F1 and PLOVER gold category accuracy"},
        "data": {"conll_train": {"file": conll_train.name, "sha256": file_sha256(conll_train), "sentences": len(conll)},
                 "conll_dev": {"file": conll_dev.name, "sha256": file_sha256(conll_dev), "sentences": len(dev_conll)},
                 "ngec": {"file": ngec_path.name, "sha256": file_sha256(ngec_path), "sampled_sentences": len(weak)},
                 "annotated": {p.name: file_sha256(p) for p in gold_train_paths},
                 "events_dev": {p.name: file_sha256(p) for p in gold_dev_paths},
                 "plover_gold": {"file": plover_path.name, "sha256": file_sha256(plover_path)},
                 "windows": len(examples)},
        "environment": environment(),
        "epochs": [],
    }
    states = trigger_recipe.cache_lower_states(model, tokenizer, [window for window, _, _ in examples], frozen_layers)
    lengths = [len(window.input_ids) for window, _, _ in examples]
    temperature = [1.0]

    def batch_loss(batch: list[int]) -> torch.Tensor:
        hidden, mask = trigger_recipe.padded_states(states, batch)
        width = hidden.shape[1]
        logits = trigger_recipe.upper_logits(model, hidden, mask, frozen_layers)
        total, labelled = logits.new_zeros(()), 0
        for index, head in enumerate(columns):  # each sentence's loss is its own head's
            rows = [row for row, i in enumerate(batch) if examples[i][2] == index]
            if rows:
                targets = torch.tensor([examples[batch[row]][1] + [IGNORE_INDEX] * (width - lengths[batch[row]])
                                        for row in rows])
                own = logits[rows][..., head.columns]
                total = total + loss_fn(own.reshape(-1, own.shape[-1]), targets.reshape(-1))
                labelled += int((targets != IGNORE_INDEX).sum())
        return total / max(labelled, 1)

    def evaluate() -> Evaluation:
        figures = dev_figures(model, tokenizer, dev_conll, gold, plover)
        record = {"selection": figures["selection"], "entity_f1": round(figures["entities"]["f1"], 4),
                  "events_dev_f1": figures["events_dev"]["trigger_and_category"]["f1"],
                  "plover_category_accuracy": figures["plover_gold"]["category_accuracy"]}
        summary = (f"selection {record['selection']:.4f} (events-dev trigger+category F1 {record['events_dev_f1']:.4f}, "
                   f"PLOVER category accuracy {record['plover_category_accuracy']:.4f}), entity F1 {record['entity_f1']:.4f}")
        return Evaluation(figures["selection"], record, figures, summary)

    def save() -> None:
        save_artifact(model, heads(temperature[0]), BASE_PACKAGE, output_dir, metadata)

    def calibrate_and_score_saved() -> dict:
        saved, _, _, _ = load_verified_artifact(output_dir)
        events = Columns(saved, heads()[1])
        calibration = trigger_recipe.calibrate(trigger_runner(events, tokenizer, events.labels), gold, plover)
        temperature[0] = calibration["temperature"]
        return {"calibration": calibration,
                "dev": dev_figures(saved, tokenizer, dev_conll, gold, plover, temperature[0])}

    fit(model, batch_loss, lengths, metadata, epochs=epochs, batch_size=trigger_recipe.BATCH_SIZE, rng=rng,
        optimizer=optimizer, scheduler=scheduler, max_grad_norm=trigger_recipe.MAX_GRAD_NORM, evaluate=evaluate,
        save=save, started=started, score_saved=calibrate_and_score_saved, on_step=on_step, logger=logger)
    logger.info("best epoch %d, temperature %.2f, %.0fs in all", metadata["best_epoch"], temperature[0],
                metadata["train_wall_seconds"])
    return metadata

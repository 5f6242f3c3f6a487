"""What every training recipe here shares: seeding, length-bucketed batches, AdamW parameter
groups and the warmup schedule, and `fit`: the epochs of optimizer steps, the dev evaluation
after each, and the best epoch kept and saved. A recipe keeps only what differs: its data, its
network, its loss on a batch, its dev metrics."""

from __future__ import annotations

import copy
import logging
import platform
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import torch
import transformers
from torch import nn
from transformers import get_linear_schedule_with_warmup

BUCKET_BATCHES = 50  # batches per length-sorted bucket: little padding, still a random mix across buckets
LOG_EVERY = 50  # steps between progress lines


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def length_bucketed_batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffle, sort by length within buckets of BUCKET_BATCHES batches, cut into batches, shuffle the batches."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    bucket = batch_size * BUCKET_BATCHES
    batches = []
    for begin in range(0, len(order), bucket):
        chunk = sorted(order[begin : begin + bucket], key=lambda i: lengths[i])
        batches += [chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def grouped_adamw(named_parameters: Iterable[tuple[str, nn.Parameter]], lr_of: Callable[[str], float],
                  weight_decay: float) -> torch.optim.Optimizer:
    """AdamW with a learning rate per parameter name and the usual BERT practice: no decay on biases
    and LayerNorm weights."""
    groups: dict[tuple[float, float], list[nn.Parameter]] = {}
    for name, parameter in named_parameters:
        decay = 0.0 if name.endswith(".bias") or "LayerNorm" in name else weight_decay
        groups.setdefault((lr_of(name), decay), []).append(parameter)
    return torch.optim.AdamW([{"params": p, "lr": lr, "weight_decay": d} for (lr, d), p in groups.items()])


def linear_warmup_schedule(optimizer: torch.optim.Optimizer, n_examples: int, batch_size: int, epochs: int,
                           warmup_fraction: float):
    """Linear warmup over `warmup_fraction` of all steps, then linear decay to zero at the last step of `epochs`."""
    total_steps = -(-n_examples // batch_size) * epochs
    return get_linear_schedule_with_warmup(optimizer, int(warmup_fraction * total_steps), total_steps)


def environment() -> dict[str, str]:
    """The software a training ran on, for its record."""
    return {"torch": torch.__version__, "transformers": transformers.__version__,
            "python": platform.python_version(), "machine": platform.machine()}


@dataclass(frozen=True)
class Evaluation:
    """One epoch's dev result, as a recipe's `evaluate` reports it."""

    score: float  # picks the best epoch: higher is better
    record: dict  # merged into the epoch's entry of metadata["epochs"]
    dev: dict  # metadata["dev"] while this epoch is the best
    summary: str  # the figures for the epoch's log line


def fit(module: nn.Module, batch_loss: Callable[[list[int]], torch.Tensor], lengths: Sequence[int], metadata: dict, *,
        epochs: int, batch_size: int, rng: random.Random, optimizer: torch.optim.Optimizer, scheduler,
        max_grad_norm: float, evaluate: Callable[[], Evaluation], save: Callable[[], object], started: float,
        score_saved: Callable[[], dict] | None = None, stop_early: Callable[[int], bool] | None = None,
        on_step: Callable[[dict], None] | None = None, logger: logging.Logger = logging.getLogger(__name__)) -> float:
    """Train `module` for `epochs` epochs of length-bucketed batches, evaluate on dev after each, and keep the best.

    Each epoch's timings and `evaluate()` record go to `metadata["epochs"]`; on a new best score the
    state is kept, `metadata["best_epoch"]` and `metadata["dev"]` set, and `save()` called, so that an
    interrupted run still leaves its best model behind. `stop_early(epoch)` may end training after an
    epoch. At the end the best state is restored and saved; `score_saved()` (the saved artifact scored
    as users will run it, e.g. its fp16 weights) is merged into `metadata` and saved again.
    Returns the best dev score.
    """
    best_score, best_state = -1.0, None
    for epoch in range(1, epochs + 1):
        epoch_started = time.perf_counter()
        module.train()
        batches = length_bucketed_batches(list(lengths), batch_size, rng)
        train_epoch(epoch, batches, batch_loss, list(module.parameters()), optimizer, scheduler, max_grad_norm, logger,
                    on_step)
        train_seconds = time.perf_counter() - epoch_started
        eval_started = time.perf_counter()
        evaluation = evaluate()
        eval_seconds = time.perf_counter() - eval_started
        metadata["epochs"].append({"epoch": epoch, "train_seconds": round(train_seconds, 1),
                                   "dev_seconds": round(eval_seconds, 1), **evaluation.record})
        logger.info("epoch %d: %s; train %.0fs, dev %.0fs", epoch, evaluation.summary, train_seconds, eval_seconds)
        if evaluation.score > best_score:
            best_score, metadata["best_epoch"], metadata["dev"] = evaluation.score, epoch, evaluation.dev
            best_state = copy.deepcopy(module.state_dict())
            save()
        if stop_early is not None and epoch < epochs and stop_early(epoch):
            break
    module.load_state_dict(best_state)
    metadata["train_wall_seconds"] = round(time.perf_counter() - started, 1)
    save()
    if score_saved is not None:
        metadata.update(score_saved())
        save()
    return best_score


def train_epoch(epoch: int, batches: Sequence[list[int]], batch_loss: Callable[[list[int]], torch.Tensor],
                parameters: Sequence[nn.Parameter], optimizer: torch.optim.Optimizer, scheduler,
                max_grad_norm: float, logger: logging.Logger,
                on_step: Callable[[dict], None] | None = None) -> None:
    """One optimizer step per batch (gradients clipped to `max_grad_norm`), logging the mean loss every
    LOG_EVERY steps and reporting each step to `on_step`."""
    running = 0.0
    for step, batch in enumerate(batches, start=1):
        loss = batch_loss(batch)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(parameters, max_grad_norm)
        optimizer.step()
        scheduler.step()
        running += loss.item()
        if on_step is not None:
            on_step({"epoch": epoch, "step": step, "steps": len(batches), "loss": loss.item()})
        if step % LOG_EVERY == 0 or step == len(batches):
            logger.info("epoch %d step %d/%d loss %.4f (mean since last log)", epoch, step, len(batches),
                        running / (LOG_EVERY if step % LOG_EVERY == 0 else step % LOG_EVERY))
            running = 0.0

"""What every training recipe here shares: seeding, length-bucketed batches, AdamW parameter
groups, one epoch of optimizer steps with progress logs, and data file hashes for the record."""

from __future__ import annotations

import hashlib
import logging
import random
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn

BUCKET_BATCHES = 50  # batches per length-sorted bucket: little padding, still a random mix across buckets
LOG_EVERY = 50  # steps between progress lines


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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

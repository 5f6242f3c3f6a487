"""Shard tasks in flight: a bounded number submitted at once, results taken in submission order, and their cache key."""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from pydantic import BaseModel

from newslake.version import code_version

Shard = TypeVar("Shard")
Future = TypeVar("Future")


def bounded(shards: Iterable[Shard], submit: Callable[[Shard], Future], limit: int) -> Iterator[tuple[Shard, Future]]:
    """Submit each shard, at most `limit` unresolved at once, and yield (shard, future) in submission order.

    The caller resolves each future before asking for the next pair: memory stays bounded whatever
    the input size, and the outcome does not depend on which task finished first.
    """
    in_flight: deque[tuple[Shard, Future]] = deque()
    for shard in shards:
        if len(in_flight) >= limit:
            yield in_flight.popleft()
        in_flight.append((shard, submit(shard)))
    while in_flight:
        yield in_flight.popleft()


def shard_cache_key(stage: str, content: Iterable[str], models: str, config: BaseModel) -> str:
    """Input hash + model hash + config + code version: a rerun of the same shard with the same models
    (after a failed night, or a reprocess that changed another stage) reuses the stored result."""
    digest = hashlib.sha256()
    for part in content:
        digest.update(part.encode())
    settings = hashlib.sha256(config.model_dump_json().encode()).hexdigest()[:16]
    return f"{stage}-{digest.hexdigest()[:24]}-{models[:16]}-{settings}-{code_version()}"

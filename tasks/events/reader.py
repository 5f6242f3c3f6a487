"""What the events stage reads articles with, built once per process: the trigger model, the
argument model, the ontology, the weapons lexicon and the score threshold.

The stage itself (rows.py) only calls `find_triggers` and `find_arguments`, so tests drive it with
hand-written spans and no model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newslake.config import EventsConfig
from newslake.models.event_arguments.query import ArgumentQuery
from newslake.tasks.events.ontology import Ontology, load_ontology
from newslake.tasks.events.weapons import Lexicon, load_weapons
from newslake.text.spans import Span

@dataclass(frozen=True)
class EventReader:
    find_triggers: Callable[[Sequence[str]], list[list[Span]]]  # texts -> category-labelled trigger spans
    find_arguments: Callable[[Sequence[ArgumentQuery]], list[list[Span]]]  # -> AGENT/TARGET/PLACE/TIME spans
    ontology: Ontology
    weapons: Lexicon
    min_score: float  # calibrated trigger probability below which a span is no event
    models: tuple[dict[str, Any], ...] = field(default=())  # identities for the runs table


def load_event_reader(config: EventsConfig) -> EventReader:
    """The models of `config`, verified and loaded once per process by the registry, and the ontology and weapon
    lexicon, each cached by its loader (a bad file fails here, before any shard)."""
    from newslake.models.registry import load_argument_model, load_event_model

    triggers = load_event_model(config)
    arguments = load_argument_model(config)
    return EventReader(
        find_triggers=triggers.runner,
        find_arguments=arguments.runner,
        ontology=load_ontology(config.categories),
        weapons=load_weapons(config.weapons),
        min_score=config.min_score,
        models=(triggers.identity(), arguments.identity()),
    )

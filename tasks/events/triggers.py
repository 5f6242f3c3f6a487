"""Event trigger words -> typed trigger mentions, from the taxonomy in configs/event_types.yaml.

The lexicon step of the events stage: every trigger phrase of every type, matched whole-word and
case-blind, longest first (so "lifted restrictions" wins over a shorter trigger inside it).
A trigger right after a negation ("no casualties", "did not strike") is kept with
`negated=True`: the event is mentioned, not asserted. Types carry their CAMEO root code (null
where CAMEO has none) so event rows join with GDELT-style data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, RootModel

from newslake.files import load_yaml_config

# Package data (configs/ is the package newslake.configs): found alike in a checkout and an installed wheel.
DEFAULT_TAXONOMY = files("newslake.configs") / "event_types.yaml"
_NEGATION = re.compile(r"\b(?:no|not|never|without|n't)\s+(?:\w+\s+)?$", re.IGNORECASE)


class EventType(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cameo: str | None = Field(pattern=r"^\d{2}$")
    description: str = Field(min_length=3)
    triggers: list[str] = Field(min_length=1)


class Taxonomy(RootModel[dict[str, EventType]]):
    """The event types by name, as configs/event_types.yaml lists them."""


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    text: str
    event_type: str
    cameo: str | None
    negated: bool


def load_taxonomy(path: str | Path | None = None) -> dict[str, EventType]:
    """The event types in `path` (default: configs/event_types.yaml), validated; unknown keys are E003 errors."""
    source = Path(path) if path is not None else DEFAULT_TAXONOMY
    return load_yaml_config(source, Taxonomy, "event taxonomy").root


def find_triggers(text: str, taxonomy: dict[str, EventType]) -> list[Trigger]:
    """Trigger mentions of `text` in text order; overlapping matches keep the longest."""
    phrases = sorted(((phrase.lower(), name) for name, spec in taxonomy.items() for phrase in spec.triggers),
                     key=lambda item: -len(item[0]))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p, _ in phrases) + r")\b", re.IGNORECASE)
    type_of = {}
    for phrase, name in phrases:
        type_of.setdefault(phrase, name)  # a phrase listed under two types belongs to the first
    found = []
    for match in pattern.finditer(text):
        name = type_of[match.group().lower()]
        negated = bool(_NEGATION.search(text[max(0, match.start() - 30) : match.start()]))
        found.append(Trigger(match.start(), match.end(), match.group(), name, taxonomy[name].cameo, negated))
    return found

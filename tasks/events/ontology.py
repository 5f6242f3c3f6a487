"""The event ontology of configs/event_categories.yaml: PLOVER categories, CAMEO codes, modes, legacy types.

Every event is one of 17 categories (the 16 of PLOVER plus STATEMENT, CAMEO root 01) and carries
a CAMEO root code. This module answers the questions the rest of the events work asks of the
ontology: which category a CAMEO code belongs to, which mode the words of a sentence name, and
how the v1 `event_type` values of old releases map to categories and back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from newslake.errors import NewslakeError
from newslake.files import load_yaml_config

# Package data (configs/ is the package newslake.configs): found alike in a checkout and an installed wheel.
DEFAULT_ONTOLOGY = files("newslake.configs") / "event_categories.yaml"
CAMEO_ROOTS = tuple(f"{root:02d}" for root in range(1, 21))

# PLOVER returns one category where newslake names the act and its modality (its manual, "Auxiliary modes": "the
# coder should always return the single event category, not a category+auxiliary"). The manual's rules for acts
# told in the future tense, each kept here with its own category and modality `future`:
# - "Cooperative actions of types CONSULT, SUPPORT, COOPERATE, and AID reported in future tense ... should be
#   coded as AGREE"; a future CONCEDE stays CONCEDE.
# - "Announcements of future retreats should be coded as CONCEDE".
# - THREATEN covers "threats, coercive or forceful warnings": its modes are the content of the threat (restrict:
#   boycotts, strikes, blockades, curfews, bans; arrest; territory; violence), so an announced coercion or use of
#   force ("will impose a curfew", "said they would blockade Paris") is THREATEN, and so is a protest of those
#   modes. A planned demonstration or an announced sanction is no threat there and keeps its category.
# `plover_category` gives PLOVER's single category; hypothetical acts (conditions, requests, speculation) keep theirs.
FUTURE_AS_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
FUTURE_AS_CONCEDE = frozenset({"RETREAT"})
FUTURE_AS_THREATEN = frozenset({"COERCE", "ASSAULT"})
PROTEST_AS_THREATEN = frozenset({"strike", "boycott", "obstruct"})  # PROTEST modes THREATEN's mode restrict names

_ROOT = r"(?:0[1-9]|1\d|20)"
_CUE = r"^[a-z0-9](?:[a-z0-9 '.-]*[a-z0-9])?$"  # starts and ends with a word character, so \b holds at both ends


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModeSpec(_Strict):
    mode: str = Field(pattern=r"^[a-z]+(?:-[a-z]+)*$")
    cues: list[str] = Field(min_length=1)

    @field_validator("cues")
    @classmethod
    def _lower_case_words(cls, cues: list[str]) -> list[str]:
        for cue in cues:
            if not re.match(_CUE, cue):
                raise ValueError(f"cue {cue!r} must be lower-case words, starting and ending with a letter or digit")
        return cues


class CategorySpec(_Strict):
    plover: bool
    cameo_roots: list[str] = Field(min_length=1)
    default_cameo: str = Field(pattern=f"^{_ROOT}$")
    description: str = Field(min_length=10)
    modes: list[ModeSpec] = []

    @field_validator("cameo_roots")
    @classmethod
    def _two_digit_roots(cls, roots: list[str]) -> list[str]:
        for root in roots:
            if root not in CAMEO_ROOTS:
                raise ValueError(f"CAMEO root {root!r} is not a two-digit code 01-20")
        return roots

    @field_validator("modes")
    @classmethod
    def _modes_and_cues_once(cls, modes: list[ModeSpec]) -> list[ModeSpec]:
        seen_modes, seen_cues = set(), {}
        for spec in modes:
            if spec.mode in seen_modes:
                raise ValueError(f"mode {spec.mode!r} is listed twice")
            seen_modes.add(spec.mode)
            for cue in spec.cues:
                # The first mode listed wins: a cue under a later mode as well would never reach it.
                if cue in seen_cues:
                    raise ValueError(f"cue {cue!r} is under both {seen_cues[cue]!r} and {spec.mode!r}")
                seen_cues[cue] = spec.mode
        return modes


class LegacySpec(_Strict):
    category: str
    cameo: str = Field(pattern=f"^{_ROOT}$")
    mode: str | None = None


class OntologyFile(_Strict):
    """configs/event_categories.yaml as written; checks across its sections are in `_problem`."""

    categories: dict[str, CategorySpec] = Field(min_length=1)
    cameo_subcodes: dict[str, str] = {}
    legacy: dict[str, LegacySpec | None] = {}
    older_names: dict[str, str | None] = {}


# v1 types that are read into categories but never written back (see Ontology._legacy_at).
FORWARD_ONLY = frozenset({"casualty_report"})


def plover_category(category: str, modality: str | None, mode: str | None = None) -> str:
    """The category PLOVER's coders give an event of `category`, `modality` and `mode` ("will meet": CONSULT,
    future -> AGREE; "will withdraw": CONCEDE; "will impose a curfew", "would boycott": THREATEN)."""
    if modality != "future":
        return category
    if category in FUTURE_AS_AGREE:
        return "AGREE"
    if category in FUTURE_AS_CONCEDE:
        return "CONCEDE"
    if category in FUTURE_AS_THREATEN or category == "PROTEST" and mode in PROTEST_AS_THREATEN:
        return "THREATEN"
    return category


@dataclass(frozen=True)
class Category:
    name: str
    cameo_roots: tuple[str, ...]
    default_cameo: str
    description: str
    modes: dict[str, tuple[str, ...]]  # mode -> cue words, in the order modes are tried
    plover: bool  # False for newslake's extensions beyond PLOVER (STATEMENT)


@dataclass(frozen=True)
class Ontology:
    categories: dict[str, Category]
    root_category: dict[str, str]  # CAMEO root "01".."20" -> category
    cameo_subcodes: dict[str, str]  # finer CAMEO code -> category, where it is not its root's
    legacy: dict[str, tuple[str, str, str | None] | None]  # v1 event_type -> (category, cameo, mode)
    older_names: dict[str, str | None]  # older PLOVER spelling -> category

    def category_of_cameo(self, code: str) -> str | None:
        """The category of a CAMEO code ("173" -> COERCE, "1712" -> ASSAULT); None when no CAMEO code."""
        if not re.fullmatch(rf"{_ROOT}\d{{0,2}}", code):
            return None
        for length in range(len(code), 2, -1):  # longest listed prefix first
            if code[:length] in self.cameo_subcodes:
                return self.cameo_subcodes[code[:length]]
        return self.root_category[code[:2]]

    def legacy_category(self, event_type: str) -> tuple[str, str, str | None] | None:
        """(category, cameo, mode) of a v1 `event_type`; None for a type that is no event any more."""
        if event_type not in self.legacy:
            raise KeyError(f"unknown v1 event type {event_type!r}; known: {sorted(self.legacy)}")
        return self.legacy[event_type]

    def legacy_type(self, category: str, cameo: str | None, mode: str | None) -> str | None:
        """The v1 `event_type` an event of today stands for, or None when no v1 type covers it.

        Category and CAMEO root must match (no root, or no v1 type at that root: the category's
        default); of the v1 types there, the one with this mode comes first, then the one without a mode.
        """
        default = self._category(category).default_cameo
        root = cameo[:2] if cameo else default
        same_root = self._legacy_at(category, root) or self._legacy_at(category, default)
        by_mode = {target[2]: name for name, target in same_root.items()}
        return by_mode.get(mode) if mode in by_mode else by_mode.get(None)

    def _legacy_at(self, category: str, root: str) -> dict[str, tuple[str, str, str | None]]:
        # A casualty report is read forward only: today the casualties are the attack's effects, so an ASSAULT
        # of root 18 (a bombing, an assassination) reads back as the type of the category's default root.
        return {name: target for name, target in self.legacy.items()
                if target is not None and target[:2] == (category, root) and name not in FORWARD_ONLY}

    def mode_of(self, category: str, text: str) -> str | None:
        """The first of the category's modes whose cue words occur in `text` (the trigger's sentence)."""
        for mode, cues in self._category(category).modes.items():
            if _cue_pattern(cues).search(text):
                return mode
        return None

    def canonical(self, name: str) -> str | None:
        """Today's category for a category name or an older PLOVER spelling (DEMAND -> REQUEST); None: no event."""
        name = name.upper()
        if name in self.categories:
            return name
        if name not in self.older_names:
            raise KeyError(f"unknown event category {name!r}; known: {sorted(self.categories)}")
        return self.older_names[name]

    def _category(self, name: str) -> Category:
        if name not in self.categories:
            raise KeyError(f"unknown event category {name!r}; known: {sorted(self.categories)}")
        return self.categories[name]


@cache
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    # A space in a cue matches any whitespace run: sentences keep the line breaks of their article.
    alternatives = "|".join(re.escape(cue).replace(r"\ ", r"\s+") for cue in cues)
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def load_ontology(path: str | Path | None = None) -> Ontology:
    """The ontology in `path` (default: the packaged configs/event_categories.yaml), validated and cached.

    A bad file is one E003 line: an unknown key, a CAMEO code that is not 01-20, a mode listed
    twice, a legacy type or sub-code naming an unknown category or mode.
    """
    return _load(str(path) if path is not None else None)


@lru_cache(maxsize=8)
def _load(path: str | None) -> Ontology:
    source = Path(path) if path is not None else DEFAULT_ONTOLOGY
    spec = load_yaml_config(source, OntologyFile, "event categories")
    problem = _problem(spec)
    if problem:
        raise NewslakeError("E003", f"event categories {source}: {problem}")
    categories = {
        name: Category(name, tuple(c.cameo_roots), c.default_cameo, c.description,
                       {m.mode: tuple(m.cues) for m in c.modes}, c.plover)
        for name, c in spec.categories.items()
    }
    legacy = {name: (t.category, t.cameo, t.mode) if t else None for name, t in spec.legacy.items()}
    owners = {root: listing[0] for root, listing in _root_candidates(spec).items()}
    return Ontology(categories, owners, dict(spec.cameo_subcodes), legacy, dict(spec.older_names))


def _root_candidates(spec: OntologyFile) -> dict[str, list[str]]:
    """For each CAMEO root, the categories listing it that no sub-code under it moves to.

    A valid file has exactly one per root: root 08 is listed by CONCEDE and RETREAT, and the
    sub-codes 084-087 move to RETREAT, so every other 08 code is CONCEDE's.
    """
    candidates = {}
    for root in CAMEO_ROOTS:
        moved_to = {target for code, target in spec.cameo_subcodes.items() if code.startswith(root)}
        candidates[root] = [name for name, c in spec.categories.items()
                            if root in c.cameo_roots and name not in moved_to]
    return candidates


def _problem(spec: OntologyFile) -> str | None:
    """The first inconsistency between the file's sections, as `where: what`; None when there is none."""
    names = sorted(spec.categories)
    for name, category in spec.categories.items():
        if not re.fullmatch(r"[A-Z]+", name):
            return f"categories.{name}: a category name is upper-case letters"
        if category.default_cameo not in category.cameo_roots:
            return f"categories.{name}.default_cameo: {category.default_cameo} is not among its cameo_roots"
    for code, target in spec.cameo_subcodes.items():
        if not re.fullmatch(rf"{_ROOT}\d{{1,2}}", code):
            return f"cameo_subcodes.{code}: not a three- or four-digit CAMEO code under a root 01-20"
        if target not in spec.categories:
            return f"cameo_subcodes.{code}: unknown category {target!r}; known: {names}"
        if [n for n, c in spec.categories.items() if code[:2] in c.cameo_roots] == [target]:
            return f"cameo_subcodes.{code}: {target} is already the category of root {code[:2]}"
    candidates = _root_candidates(spec)
    for root, listing in candidates.items():
        if len(listing) != 1:
            return (f"categories: CAMEO root {root} needs exactly one category listing it that no cameo_subcodes "
                    f"entry under it moves to; found {listing}")
    for event_type, target in spec.legacy.items():
        if target is None:
            continue
        category = spec.categories.get(target.category)
        if category is None:
            return f"legacy.{event_type}: unknown category {target.category!r}; known: {names}"
        if target.cameo not in category.cameo_roots:
            return (f"legacy.{event_type}: CAMEO {target.cameo} is not among "
                    f"{target.category}'s roots {category.cameo_roots}")
        if target.mode is not None and target.mode not in {m.mode for m in category.modes}:
            return f"legacy.{event_type}: {target.category} has no mode {target.mode!r}"
    targets = [(t.category, t.cameo, t.mode) for t in spec.legacy.values() if t is not None]
    if len(set(targets)) != len(targets):  # the inverse, legacy_type, must be a function
        return "legacy: two v1 types map to the same category, CAMEO root and mode"
    for old, target in spec.older_names.items():
        if old in spec.categories:
            return f"older_names.{old}: is a category of today"
        if target is not None and target not in spec.categories:
            return f"older_names.{old}: unknown category {target!r}; known: {names}"
    return None

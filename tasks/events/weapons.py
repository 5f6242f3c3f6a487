"""The weapon lexicon (configs/weapons.yaml) and the weapons a stretch of text names.

For the events stage's `weapon` slot. A named system ("ATACMS", "Storm Shadow") is more
specific than its class ("missile"), so an event that names both is an ATACMS event. The
entity model adds what the lexicon lacks: a MISC mention right before a weapon class word
("Tomahawk missiles") names a system by itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, RootModel

from newslake.errors import NewslakeError
from newslake.files import load_yaml_config

# Package data (configs/ is the package newslake.configs): found alike in a checkout and an installed wheel.
DEFAULT_WEAPONS = files("newslake.configs") / "weapons.yaml"


class WeaponEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    class_: str = Field(alias="class", min_length=2)
    aliases: list[str] = Field(min_length=1)
    # Words for whoever wields the weapon ("gunmen", "suicide bomber"): they say with what, and stay actors.
    wielders: list[str] = []


class WeaponEntries(RootModel[dict[str, WeaponEntry]]):
    """Weapon entries by canonical name, as configs/weapons.yaml lists them."""


@dataclass(frozen=True)
class WeaponMention:
    start: int
    end: int
    name: str  # canonical name ("ATACMS", or "missile" for a class word)
    weapon_class: str
    named: bool  # a named system rather than a class word
    wielder: bool = False  # the words name who used it ("gunmen"): an actor span ending in them stays an actor


@dataclass(frozen=True)
class Lexicon:
    pattern: re.Pattern
    entry_of: dict[str, tuple[str, str]]  # lower-case alias or wielder word -> (canonical name, class)
    classes: frozenset[str]
    wielders: frozenset[str] = frozenset()  # lower-case words for who wields a weapon


@lru_cache(maxsize=8)
def load_weapons(path: str | Path | None = None) -> Lexicon:
    """The lexicon in `path` (default configs/weapons.yaml); unknown keys are E003 errors."""
    path = Path(path) if path is not None else DEFAULT_WEAPONS
    entries = {str(name): entry for name, entry in load_yaml_config(path, WeaponEntries, "weapon lexicon").root.items()}
    classes = frozenset(name for name, entry in entries.items() if name == entry.class_)
    unknown = sorted({entry.class_ for entry in entries.values()} - classes)
    if unknown:  # a named system's class must be a class entry, or "named or not" could not be told
        raise NewslakeError("E003", f"weapon lexicon {path}: classes without an entry of their own: {unknown}")
    entry_of = {word.lower(): (name, entry.class_) for name, entry in entries.items()
                for word in (*entry.aliases, *entry.wielders)}
    wielders = frozenset(word.lower() for entry in entries.values() for word in entry.wielders)
    aliases = sorted(entry_of, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in aliases) + r")(?![\w-])", re.IGNORECASE)
    return Lexicon(pattern, entry_of, classes, wielders)


def find_weapons(text: str, start: int, end: int, lexicon: Lexicon,
                 misc_mentions: list[tuple[int, int, str]] = ()) -> list[WeaponMention]:
    """Weapons named in text[start:end], in text order; `misc_mentions` are (start, end, text) MISC entities."""
    found = []
    for match in lexicon.pattern.finditer(text, start, end):
        name, weapon_class = lexicon.entry_of[match.group().lower()]
        found.append(WeaponMention(match.start(), match.end(), name, weapon_class, name not in lexicon.classes,
                                   match.group().lower() in lexicon.wielders))
    class_words = {m.start: m for m in found if not m.named}
    for m_start, m_end, m_text in misc_mentions:
        if not start <= m_start < end or any(w.start <= m_start < w.end for w in found):
            continue
        following = re.match(r"\s+", text[m_end:])
        word = class_words.get(m_end + (following.end() if following else 0))
        if word is not None and not word.wielder and not _is_origin(m_text):
            found.append(WeaponMention(m_start, m_end, m_text, word.weapon_class, True))
    return sorted(found, key=lambda w: w.start)


def most_specific(weapons: list[WeaponMention]) -> WeaponMention | None:
    """The first named system, else the first class word."""
    named = [w for w in weapons if w.named]
    return (named or weapons or [None])[0]


def _is_origin(text: str) -> bool:
    """ "American-made", "Russian", "Western", "US-led": where a weapon comes from, not which one it is."""
    return bool(re.search(r"(?:an|ian|ern|ish|ese|made|led|i)$", text, re.IGNORECASE))

"""Readers for the PETRARCH2 / Phoenix dictionaries (TABARI format), shared by the scripts that turn
them into package tables (places_from_phoenix.py, actor_codes_from_phoenix.py).

Actor files (Phoenix.Countries / International / MilNonState .actors.txt): an entry is one or more
name lines (`VLADIMIR_PUTIN_`, synonyms start with `+`), then its codes in brackets, inline or on
indented lines: `[RUSGOV 991231-080507]`, `[RUSGOV >080508]` (from then on), `[USRUKR <910824]`
(until then), `[RUSELI]` (any other time). `#` starts a comment. Name lines that follow each other
before any code share the codes that come next.

Agents file (Phoenix.agents.txt): `AGENT_PHRASE {PLURALS} [~SECTOR]`; `!PERSON!` / `!MINIST!` stand for
the words of the substitution sets at the top of the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_BRACKET = re.compile(r"\[([^\]]*)\]")
_DATED = re.compile(r"^([A-Z~]+|---)\s*([<>]?)\s*([\d-]*)$")
_AGENT = re.compile(r"^([^#\[{]+?)\s*(?:\{([^}]*)\})?\s*\[~([A-Z]+)\]")
_SUBSTITUTIONS = {"!PERSON!": ("man", "men", "woman", "women", "person"),
                  "!MINIST!": ("minister", "ministers", "ministry", "ministries")}


@dataclass(frozen=True)
class DatedCode:
    code: str  # "RUSGOV"; "---" marks "no code"
    bound: str  # "" (a range or undated), ">" (from `start` on), "<" (until `end`)
    start: int | None  # YYYYMMDD
    end: int | None


@dataclass
class ActorEntry:
    names: list[str] = field(default_factory=list)  # normalised: lower case, spaces for underscores
    codes: list[DatedCode] = field(default_factory=list)
    commented: bool = False  # the head line carries a comment (people and organisations in CountryInfo)


def name_of(token: str) -> str:
    """`+RUSSIAN_PRESIDENT_VLADIMIR_V._PUTIN ` -> "russian president vladimir v. putin"."""
    token = re.sub(r"\(.*?\)", "", token.split("#")[0].strip().lstrip("+")).strip()
    return re.sub(r"\s+", " ", token.replace("_", " ").lower()).strip(" ,")


def _date(digits: str) -> int | None:
    """YYMMDD (the CountryInfo habit) or YYYYMMDD -> YYYYMMDD; two-digit years above 30 are 19xx."""
    if not digits.isdigit():
        return None
    if len(digits) == 6:
        year = int(digits[:2])
        return (1900 + year if year > 30 else 2000 + year) * 10000 + int(digits[2:])
    return int(digits[:8].ljust(8, "0"))


def dated_codes(line: str) -> list[DatedCode]:
    codes = []
    for inner in _BRACKET.findall(line.split("#")[0]):
        match = _DATED.match(inner.strip())
        if not match:
            continue
        code, bound, dates = match.groups()
        first, _, last = dates.partition("-")
        start, end = _date(first), _date(last)
        if bound == "<":
            start, end = None, start
        codes.append(DatedCode(code, bound, start, end))
    return codes


def actor_entries(lines: list[str]) -> Iterator[ActorEntry]:
    """The entries of an actor file in file order (an entry without codes is yielded too)."""
    entry = ActorEntry()
    for line in lines:
        if not line.strip() or line.startswith("#") or re.match(r"^\s*#", line):
            continue
        if line[0] in " \t":
            entry.codes.extend(dated_codes(line))
            continue
        if line.startswith("+"):
            entry.names.append(name_of(line.split("[")[0]))
            continue
        if entry.codes:  # a new head line after codes: the entry is complete
            yield entry
            entry = ActorEntry()
        if not entry.names:
            entry.commented = "#" in line
        entry.names.append(name_of(line.split("[")[0]))
        entry.codes.extend(dated_codes(line))
    if entry.names:
        yield entry


def latest_code(codes: list[DatedCode]) -> str | None:
    """The code in force at the latest time the entry covers: one open towards today (`>date`),
    else the undated one (PETRARCH's default outside the dated ranges), else the range that ends last."""
    usable = [c for c in codes if c.code != "---"]
    if not usable:
        return None

    def rank(c: DatedCode) -> tuple[int, int]:
        if c.bound == ">":
            return (3, c.start or 0)
        if c.start is None and c.end is None:
            return (2, 0)
        return (1, c.end or 0)

    return max(usable, key=rank).code  # max keeps the first of equals: the file's order


def agent_phrases(lines: list[str]) -> Iterator[tuple[str, str]]:
    """(phrase, sector code) for each phrase of the agents file, `!PERSON!` expanded, `{}` plurals added."""
    for line in lines:
        match = _AGENT.match(line.strip())
        if not match or line.lstrip().startswith("#"):
            continue
        phrase, plurals, code = match.groups()
        for name in _expanded(phrase) + [p.strip().replace("_", " ").lower() for p in (plurals or "").split(",") if p.strip()]:
            if name:
                yield name, code


def _expanded(raw: str) -> list[str]:
    phrase = raw.strip().rstrip("_ ").replace("_", " ").lower()
    for token, words in _SUBSTITUTIONS.items():
        if token.lower() in phrase:
            return [re.sub(r"\s+", " ", phrase.replace(token.lower(), f" {w}")).strip() for w in words] + [
                re.sub(r"\s+", " ", phrase.replace(token.lower(), w)).strip() for w in words]
    return [re.sub(r"\s+", " ", phrase)]

"""Actor text -> CAMEO actor code, the way GDELT fills Actor1Code / Actor1CountryCode / Actor1Type1Code.

"Ukrainian police" -> UKRCOP (country UKR, sector COP), "the Russian military" -> RUSMIL, "Hamas" ->
PSEREBHMS, "President Vladimir Putin" -> RUSGOV, "protesters" -> OPP (no country), "the United Nations"
-> IGOUNO.

Two shipped tables, both generated from the PETRARCH2 Phoenix dictionaries: `configs/actor_codes.tsv`
(people, organisations and agents: scripts/actor_codes_from_phoenix.py) and `configs/places.tsv`
(country names, adjectives and cities -> ISO-3 country: scripts/places_from_phoenix.py). Names are
matched whole-word and case-blind on the text's words; a possessive "'s" is dropped and an agent's
last word may be plural ("soldiers" finds "soldier").

How the code is put together (docs/event-actors-and-modality.md):
  - the longest name wins; a person or organisation that carries its own code (Putin, Hamas, the UN)
    is that code, unless an agent longer than it names the actor;
  - an agent ("police", "military") takes the country of the first country name in the phrase
    ("Ukrainian", "Kyiv"): country + the agent's sector; with no country name it is the sector alone;
  - a country name alone is the country alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from newslake.tasks.stories.places import load_gazetteer
from newslake.text.words import conll_word_spans

ACTOR_TABLE = files("newslake.configs") / "actor_codes.tsv"
# Leading codes that are no country: international and transnational actors (CAMEO manual, ch. 3).
TRANSNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM", "UIS", "INT"})
_MAX_WORDS = 5


@dataclass(frozen=True)
class ActorCode:
    country: str | None  # ISO-3 country or CAMEO region code ("UKR"); None for agents alone and IGOs
    sector: str | None  # CAMEO type code ("COP", "GOV", "REB", "IGO"); None for a country alone
    code: str  # the whole CAMEO actor code ("UKRCOP", "PSEREBHMS", "IGOUNO")


@dataclass(frozen=True)
class _Tables:
    named: dict[str, str]  # name -> code (people, organisations, country names)
    agents: dict[str, str]  # phrase -> sector code(s), "COP", "GOVMIL"
    sectors: frozenset[str]  # every type code an agent or international actor uses
    countries: frozenset[str]  # the gazetteer's country codes


@cache
def _tables() -> _Tables:
    countries = load_gazetteer().countries
    named = dict(countries)
    agents = {}
    for line in ACTOR_TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, code = line.split("\t")
            if code.startswith("~"):
                agents[name] = code[1:]
            else:
                named[name] = code
    sectors = {chunk for code in agents.values() for chunk in code_chunks(code)}
    return _Tables(named, agents, frozenset(sectors | (TRANSNATIONAL - {"INT"})), frozenset(countries.values()))


def words(text: str) -> list[str]:
    """Lower-case CoNLL words ("U.S." whole, a sentence's full stop apart), a possessive "'s" dropped."""
    tokens = (text[start:end].lower().replace("\u2019", "'") for start, end in conll_word_spans(text))
    return [token for token in tokens if token not in ("'s", "'")]


def _singular(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    for plural, singular in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("s", "")):
        if last.endswith(plural) and len(last) > len(plural) + 2 and not last.endswith("ss"):
            return f"{head} {last[: -len(plural)] + singular}".strip()
    return phrase


@dataclass(frozen=True)
class _Match:
    start: int  # word index
    size: int  # words
    named: str | None  # the code of a person, organisation or country of that name
    agent: str | None  # the sector code of an agent of that name


def _matches(tokens: list[str], tables: _Tables) -> list[_Match]:
    """Left to right, the longest name at each word; a matched name's words are not read again."""
    found, i = [], 0
    while i < len(tokens):
        for size in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i : i + size])
            named = tables.named.get(phrase)
            agent = tables.agents.get(phrase) or tables.agents.get(_singular(phrase))
            if named or agent:
                found.append(_Match(i, size, named, agent))
                i += size
                break
        else:
            i += 1
    return found


def code_chunks(code: str) -> list[str]:
    """The three-letter parts of a CAMEO actor code: "PSEREBHMS" -> PSE, REB, HMS."""
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def split_code(code: str, sectors: frozenset[str] | None = None) -> ActorCode:
    """"PSEREBHMS" -> (PSE, REB); "IGOUNO" -> (None, IGO); "MNCUSA" -> (USA, MNC); "COP" -> (None, COP)."""
    sectors = _tables().sectors if sectors is None else sectors
    chunks = code_chunks(code)
    country = None
    if chunks[0] not in sectors and chunks[0] not in TRANSNATIONAL:
        country = chunks[0]
    elif chunks[0] == "MNC" and len(chunks) > 1 and chunks[1] not in sectors:
        country = chunks[1]  # a multinational company's home country
    sector = next((chunk for chunk in chunks if chunk in sectors), None)
    return ActorCode(country, sector, code)


@lru_cache(maxsize=4096)  # an article's mentions name the same actors again
def actor_code(text: str) -> ActorCode | None:
    """The CAMEO actor code of an actor phrase ("Ukrainian police" -> UKRCOP), None when no name in it is known."""
    tables = _tables()
    found = _matches(words(text or ""), tables)
    countries = [_named_code(m.named, tables) for m in found if m.named]
    country = next((c.country for c in countries if c.sector is None and c.country), None)  # the first named
    for match in sorted(found, key=lambda m: -m.size):  # stable: the first of equally long names
        own = _named_code(match.named, tables) if match.named else None
        if own is not None and own.sector is None:
            continue  # a country name: it gives an agent its country
        if own is not None and not (match.agent and country and country != own.country):
            return own
        # An agent, or a generic name the dictionary files under one country ("senate": USAGOVLEG)
        # beside another country's name ("the Italian Senate"): that country's sector.
        agent = split_code(match.agent, tables.sectors)  # an agent's code is sectors only: "COP", "GOVMIL"
        return ActorCode(country, agent.sector, (country or "") + match.agent)
    return ActorCode(country, None, country) if country else None


def _named_code(code: str, tables: _Tables) -> ActorCode:
    """A named actor's code; a bare country code is a country ("Moroccan" -> MAR, which split_code
    alone would read as a sector)."""
    return ActorCode(code, None, code) if code in tables.countries else split_code(code, tables.sectors)


def named_actor_code(text: str) -> ActorCode | None:
    """The code of a phrase that is as a whole the name of a person, organisation or country of the
    tables, a leading "the" aside ("the FBI" -> USACOP, "Obama" -> USAGOV); None for a phrase that only
    holds one ("the Washington Examiner") and for agents ("People", "police")."""
    tokens = words(text or "")
    phrase = " ".join(tokens[1:] if tokens[:1] == ["the"] else tokens)
    country = load_gazetteer().countries.get(phrase)
    if country is not None:  # "Moroccan" -> MAR, a country (split_code would read MAR as a sector)
        return ActorCode(country, None, country)
    code = _tables().named.get(phrase)
    return split_code(code) if code else None

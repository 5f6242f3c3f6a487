"""Write configs/speaker_sectors.yaml: head nouns of speaker phrases -> `speaker_kind`, from the
CAMEO agents dictionary (Phoenix.agents.txt, PETRARCH format: `AGENT_PHRASE [~SEC]`).

    .venv/bin/python scripts/speaker_sectors_from_cameo.py ../shared/datasets/cameo/Phoenix.agents.txt

Each agent phrase gets the kind of its first sector code (`[~GOVMED]` -> GOV -> government);
`!PERSON!` / `!MINIST!` expand as the file's substitution sets say; `{...}` plural forms are
added. A phrase listed under two kinds is left out (it cannot say which one a text means).
`EXTRA` adds head nouns CAMEO does not list but news speakers use (documents that "say",
polls, experts), `OVERRIDES` replaces a CAMEO sector that is wrong for a speaker phrase
(CAMEO codes a spokesperson as media: in news a spokesperson speaks for a government or
organisation, not for an outlet).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parents[1] / "configs" / "speaker_sectors.yaml"

# CAMEO sector code -> speaker_kind (docs/claims.md).
SECTORS = {
    "GOV": "government", "MIL": "military", "COP": "police", "JUD": "judiciary", "LEG": "legislature",
    "MED": "media", "OPP": "opposition", "REB": "rebel", "INS": "rebel", "UAF": "rebel", "RAD": "rebel",
    "SPY": "intelligence", "BUS": "business", "CVL": "civilian", "PPL": "civilian", "AGR": "civilian",
    "REF": "civilian", "EDU": "education", "HLH": "health", "LAB": "labor", "CRM": "criminal",
    "NGO": "ngo", "HRI": "ngo", "ENV": "ngo", "DEV": "ngo", "IGO": "international", "PTY": "party",
    "ELI": "elite", "REL": "religion", "CHR": "religion", "MUS": "religion", "JEW": "religion",
    "BUD": "religion", "HIN": "religion", "CTH": "religion", "PRO": "religion",
}
EXTRA = {
    "document": ["report", "study", "poll", "survey", "video", "footage", "clip", "recording", "statement",
                 "document", "letter", "ad", "advertisement", "spot", "data", "statistics", "website", "book",
                 "article", "memo", "filing", "brief", "complaint", "analysis", "piece", "directive", "order",
                 "ruling", "verdict", "decision", "returns", "record", "records", "account", "tweet", "post",
                 "press release", "transcript", "email", "e-mail", "message", "lawsuit", "suit",
                 "indictment", "affidavit", "note", "exit poll", "polling average", "figures", "numbers",
                 "research", "paper", "guidance", "plan", "proposal", "bill", "law", "policy", "program", "rule",
                 "procedure", "standard", "convention", "slide", "story", "email", "average", "author",
                 "speech", "interview", "database", "survey of voter lists"],
    "education": ["expert", "analyst", "researcher", "academic", "historian", "economist", "scholar"],
    "civilian": ["voter", "resident", "citizen", "people", "person", "woman", "man", "family", "friend",
                 "neighbor", "neighbour", "witness", "caller", "reader", "taxpayer", "parent", "mother", "father",
                 "veteran", "fan", "viewer", "user", "american", "member of the public", "majority", "percent",
                 "supporter", "critic", "opponent", "proponent", "advocate", "artist", "cast member", "wife",
                 "husband", "ex-wife", "son", "daughter", "group of doctors", "victim", "survivor", "observer",
                 "defender", "questioner", "protester", "demonstrator", "student", "worker", "resident", "other",
                 "others", "those"],
    "government": ["administration", "authorities", "official", "spokesman", "spokeswoman", "spokesperson",
                   "press secretary", "aide", "adviser", "advisor", "white house", "state department",
                   "department", "agency", "state", "country", "nation", "leader", "lawmaker", "regulator",
                   "secretary of state", "former secretary of state", "attorney general", "government", "director", "chairman", "chairwoman", "chair",
                   "commissioner", "secretary", "investigator", "deputy secretary general", "secretary general",
                   "city", "county", "municipality", "town",
                   "peacekeeper"],
    "legislature": ["senator", "congressman", "congresswoman", "representative", "house panel", "panel",
                    "committee", "senate", "house", "congress", "parliament"],
    "judiciary": ["judge", "court", "appeals court", "district court", "supreme court", "prosecutor",
                  "attorney", "lawyer", "justice"],
    "party": ["campaign", "party", "candidate", "nominee", "surrogate", "campaign aide", "campaign manager",
              "democrat", "republican", "contender", "speechwriter", "team", "ally", "strategist",
              "pollster", "staffer", "operative", "running mate"],
    "business": ["company", "firm", "corporation", "bank", "executive", "ceo", "boss", "billionaire",
                 "mogul", "investor", "employer"],
    "health": ["doctor", "physician", "nurse", "surgeon"],
    "ngo": ["group", "organization", "organisation", "coalition", "foundation", "charity", "rights group",
            "human rights group", "civil rights leader", "activist", "chapter", "association",
            "institute"],
    "labor": ["union", "labor union", "trade union", "teachers union"],
    "police": ["police", "police officer", "police official", "sheriff", "officer", "detective"],
    "international": ["bloc", "alliance", "united nations", "security council"],
    "media": ["journalist", "reporter", "editor", "columnist", "correspondent", "network", "newspaper",
              "broadcaster", "narrator", "moderator", "debate moderator", "anchor", "host", "afp", "ap", "cbs", "abc",
              "nbc", "msnbc", "fox news", "npr", "politico", "axios", "usa today", "huffington post", "tass",
              "interfax", "ria novosti", "reuters", "bloomberg", "cnn", "bbc", "associated press", "al jazeera",
              "new york times", "washington post", "wall street journal", "guardian", "yahoo news"],
}
OVERRIDES = {"spokesman": "government", "spokeswoman": "government", "spokesperson": "government",
             "spokesmen": "government", "spokeswomen": "government", "spokespeople": "government"}
_SUBSTITUTIONS = {"!PERSON!": ("man", "men", "woman", "women", "person"),
                  "!MINIST!": ("minister", "ministers", "ministry", "ministries")}
_ENTRY = re.compile(r"^([^#\[{]+?)\s*(?:\{([^}]*)\})?\s*\[~([A-Z]{3})[A-Z]*\]")


def _phrases(raw: str) -> list[str]:
    phrase = raw.strip().rstrip("_ ").replace("_", " ").lower()
    for token, words in _SUBSTITUTIONS.items():
        if token.lower() in phrase:
            return [re.sub(r"\s+", " ", phrase.replace(token.lower(), f" {w}")).strip() for w in words] + [
                re.sub(r"\s+", " ", phrase.replace(token.lower(), w)).strip() for w in words]
    return [re.sub(r"\s+", " ", phrase)]


def cameo_heads(lines: list[str]) -> dict[str, str]:
    """Agent phrase -> speaker_kind, for the phrases listed under one kind only."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        match = _ENTRY.match(line.strip())
        if not match or line.lstrip().startswith("#"):
            continue
        phrase, plurals, code = match.groups()
        kind = SECTORS.get(code)
        if kind is None:
            continue
        for name in _phrases(phrase) + [p.strip().replace("_", " ").lower() for p in (plurals or "").split(",") if p.strip()]:
            if name and "'" not in name:
                kinds[name].add(kind)
    return {name: next(iter(found)) for name, found in kinds.items() if len(found) == 1}


def table(lines: list[str]) -> dict[str, str]:
    heads = cameo_heads(lines)
    for kind, words in EXTRA.items():
        for word in words:
            heads.setdefault(word, kind)
    heads.update(OVERRIDES)
    return dict(sorted(heads.items()))


def main(agents: str) -> None:
    heads = table(Path(agents).read_text(encoding="latin-1").splitlines())
    header = ("# Generated by scripts/speaker_sectors_from_cameo.py from the CAMEO agents dictionary\n"
              "# (Phoenix.agents.txt, MIT licence, Open Event Data Alliance) plus the script's EXTRA and\n"
              "# OVERRIDES. Head noun of a speaker phrase (singular, lower case) -> speaker_kind. Do not edit.\n")
    OUT.write_text(header + yaml.safe_dump({"heads": heads}, sort_keys=True, allow_unicode=True), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])

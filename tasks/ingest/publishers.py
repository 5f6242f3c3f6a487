"""Who published an article, and which wire service it credits.

`publisher` is the outlet as one name, whatever the dump calls it: the registered
domain of the canonical URL (`tld` and the public suffix list it bundles; no network),
else the dump's source name, both looked up in the alias table (configs/publishers.yaml
plus `ingest.publishers.aliases`), so "breitbart", "Breitbart News" and
"www.breitbart.com" are all `breitbart.com`.

`wire` is the news agency an article credits in its byline or dateline
("KIEV (Reuters) -", "By Jane Doe, Associated Press"): articles credited to one agency
are one origin when stories count independent sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import RootModel
from tld import get_fld

from newslake.config import PublishersConfig
from newslake.errors import NewslakeError
from newslake.files import load_yaml_config
from newslake.tasks.ingest.urls import sanitize_source

DEFAULT_PUBLISHERS = files("newslake.configs") / "publishers.yaml"
UNKNOWN = "unknown"
# How far into the text a dateline credit ("KIEV (Reuters) -") may sit: the first line of a wire story.
DATELINE_CHARS = 200


class PublisherTable(RootModel[dict[str, list[str]]]):
    """Canonical publisher (a domain, or a host) -> other names for it, as configs/publishers.yaml lists them."""


@dataclass(frozen=True)
class Publishers:
    canonical_of: dict[str, str]  # folded name -> canonical publisher
    wire_patterns: tuple[tuple[str, re.Pattern], ...]  # (wire, credit in a byline), (wire, credit in a dateline)
    dateline_patterns: tuple[tuple[str, re.Pattern], ...]

    def publisher(self, url: str | None, source: str | None) -> str:
        """The outlet: the canonical URL's host or registered domain, else the source name, through the aliases."""
        host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
        if host:
            domain = registered_domain(host)
            for name in (host, domain):
                if name and fold(name) in self.canonical_of:
                    return self.canonical_of[fold(name)]
            if domain:
                return domain
        if source is None or fold(source) == UNKNOWN:
            return UNKNOWN
        if fold(source) in self.canonical_of:
            return self.canonical_of[fold(source)]
        domain = registered_domain(source)
        if domain:
            return self.canonical_of.get(fold(domain), domain)
        return fold(source)

    def wire(self, text: str, byline: str | None) -> str | None:
        """The wire service the byline names, else the one the dateline credits ("(Reuters) -")."""
        if byline:
            for wire, pattern in self.wire_patterns:
                if pattern.search(byline):
                    return wire
        head = text[:DATELINE_CHARS].split("\n", 1)[0]
        for wire, pattern in self.dateline_patterns:
            if pattern.search(head):
                return wire
        return None


def fold(name: str) -> str:
    """The form names are compared in: "The New York Times" -> "new-york-times", "www.NYTimes.com" -> "nytimes.com"."""
    return sanitize_source(name).removeprefix("the-")


def registered_domain(host: str) -> str | None:
    """"news.bbc.co.uk" -> "bbc.co.uk"; None for a name with no public suffix ("breitbart", "localhost")."""
    host = host.strip().lower().removeprefix("www.")
    if not host or "." not in host or any(c in host for c in " /\\"):
        return None
    return get_fld(f"http://{host}", fail_silently=True)


def load_publishers(config: PublishersConfig) -> Publishers:
    """The alias table of `config` (its file, then its extra aliases) and its wire services; bad files are E003."""
    return _load(config.model_dump_json())


@lru_cache(maxsize=8)
def _load(config_json: str) -> Publishers:
    config = PublishersConfig.model_validate_json(config_json)
    path = Path(config.table) if config.table is not None else DEFAULT_PUBLISHERS
    table = load_yaml_config(path, PublisherTable, "publisher table").root
    canonical_of: dict[str, str] = {}
    for canonical, aliases in [*table.items(), *config.aliases.items()]:
        canonical = fold(str(canonical))
        if canonical == UNKNOWN:
            raise NewslakeError("E003", f"publisher table {path}: {canonical!r} is not a publisher name")
        for name in (canonical, *map(str, aliases)):
            canonical_of[fold(name)] = canonical
    wires = config.wires.items()
    return Publishers(
        canonical_of,
        tuple((wire, _credit(names, r"(?<![\w-])(?:{})(?![\w-])")) for wire, names in wires),
        tuple((wire, _credit(names, r"\(\s*(?:{})\s*\)")) for wire, names in wires),
    )


def _credit(names: Iterable[str], template: str) -> re.Pattern:
    # Case matters: "AP" is the agency, "ap" in a byline is not.
    return re.compile(template.format("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))))

"""Whether two places of event mentions can be one occurrence's place: equal, or one lies in the other.

Two tables, both shipped: `configs/places.tsv` (generated from the Phoenix CountryInfo dictionary by
scripts/places_from_phoenix.py: about 5,500 names of countries, their regions and cities, each with
the ISO-3 country it lies in) and `configs/places.yaml` (containment below the country the first
does not know: Kramatorsk lies in the Donetsk region). "Kramatorsk" and "Donetsk region" agree,
"Kiev" and "Ukraine" agree, "Odessa" and "North Korea" do not, and neither do "Kiev" and "Odessa"
(two places of one country, neither inside the other).

Limits: a name listed under two countries is left out of the table (unknown); a name the tables
lack is known only as itself, so it agrees only with itself; "Georgia" is the country, never
the US state; towns below the regional level are in the table only when the hand table lists them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable

import yaml

CONFIGS = files("newslake.configs")  # package data, so that an installed wheel finds the tables too
_SUFFIX = re.compile(r"\s+(region|oblast|province|governorate|district|city|state)$")
_PREFIX = re.compile(r"^(the|city of|region of)\s+")


@dataclass(frozen=True)
class Gazetteer:
    countries: Mapping[str, str]  # name -> ISO-3 country it lies in
    is_country: frozenset[str]  # names that are a country itself
    parents: Mapping[str, str]  # name -> the place it lies in

    def containers(self, key: str) -> set[str]:
        """The place, what it lies in, and its country (as "country:ISO")."""
        name = normalise(key)
        out = {name}
        while name in self.parents and self.parents[name] not in out:
            name = self.parents[name]
            out.add(name)
        for place in list(out):
            if place in self.countries:
                out.add(f"country:{self.countries[place]}")
        return out

    def country_itself(self, key: str) -> str | None:
        """The country `key` names ("ukraine", "u.s.", "america"), or None for a place inside one."""
        name, seen = normalise(key), set()
        while name not in self.is_country and name in self.parents and name not in seen:
            seen.add(name)
            name = self.parents[name]
        return f"country:{self.countries[name]}" if name in self.is_country else None

    def agree(self, a: str, b: str) -> bool:
        """Equal, or one lies in the other."""
        if normalise(a) == normalise(b):
            return True
        inside_a, inside_b = self.containers(a), self.containers(b)
        if normalise(a) in inside_b or normalise(b) in inside_a:
            return True
        country_a, country_b = self.country_itself(a), self.country_itself(b)
        return (country_a is not None and country_a in inside_b) or (country_b is not None and country_b in inside_a)


def normalise(key: str) -> str:
    key = re.sub(r"\s+", " ", key.lower().replace("'s", "").strip(" .,"))
    return _SUFFIX.sub("", _PREFIX.sub("", key))


@lru_cache(maxsize=4)
def load_gazetteer(countries: Traversable = CONFIGS / "places.tsv", parents: Traversable = CONFIGS / "places.yaml") -> Gazetteer:
    names: dict[str, str] = {}
    itself = set()
    for line in countries.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, country, kind = line.split("\t")
            names[name] = country
            if kind == "country":
                itself.add(name)
    table = yaml.safe_load(parents.read_text(encoding="utf-8")) or {}
    return Gazetteer(names, frozenset(itself), {normalise(k): normalise(v) for k, v in table.get("parents", {}).items()})

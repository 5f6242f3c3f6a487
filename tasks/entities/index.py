"""entity_index: one row per entity of a release, with every `entities.entity_key` that names it.

`entities.entity_key` is decided per article (keys.py) and never rewritten: an article's rows do
not change when later articles arrive. The index is the corpus-wide layer on top: each of its
rows is one entity (`key`), and `merged_keys` lists the per-article keys that name it. Rules,
over the mention counts of the whole release:

  1. Middle initials: "donald j. trump" joins "donald trump" when that key exists.
  2. Spelling variants: a rare key (at most `RARE_ARTICLES` articles) within Levenshtein distance
     `TYPO_DISTANCE` of a key of the same label with at least `TYPO_RATIO` times its articles
     joins it ("donand trump", "hillaryclinton" -> "donald trump", "hillary clinton"), when the
     edit is inside a word of five letters or more and is not a plural ("abc news" and "nbc news",
     "the Clintons" and "Clinton" stay apart).
  3. Surnames: a one-word person key joins the full name ending with it when exactly one person
     in the corpus has that surname, or when one of them has at least `DOMINANCE` times the
     articles of every other ("trump" -> "donald trump" beside "ivana trump"). Two people of
     similar weight ("bobby scott", "keith lamont scott") keep the surname apart: it names
     neither for sure. (Inside an article keys.py already joined "Scott" to the Scott the article
     introduced first.)

All mentions of an entity, with one join:
    entities.join(entity_index.explode("merged_keys"), left_on="entity_key", right_on="merged_keys")
(and `claims.speaker_key` likewise).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

import polars as pl
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from newslake.tasks.entities.keys import canonical_surface

COLUMNS = ["entity_key", "label", "text", "article_id", "date"]
MAX_ALIASES = 20
RARE_ARTICLES = 2
TYPO_DISTANCE = 1
TYPO_RATIO = 3
DOMINANCE = 5
_INITIAL = re.compile(r"^[a-z]\.?$")


def mention_counts(frames: Iterable[pl.DataFrame]) -> pl.DataFrame:
    """Entity mention rows (COLUMNS), batch by batch, reduced to distinct (COLUMNS) with a count `n`:
    what the index needs, a fraction of the mentions."""
    parts = [frame.select(COLUMNS).group_by(COLUMNS).agg(n=pl.len()) for frame in frames if frame.height]
    if not parts:
        return pl.DataFrame(schema={**dict.fromkeys(COLUMNS, pl.String), "n": pl.UInt32})
    return pl.concat(parts).group_by(COLUMNS).agg(pl.col("n").sum())


def unify(stats: Iterable[Mapping[str, object]]) -> dict[str, str]:
    """entity_key -> the key of the entity it names, for the keys that join another (rules 1-3).
    `stats`: one mapping per key with entity_key, label, n_articles."""
    stats = list(stats)
    label = {s["entity_key"]: s["label"] for s in stats}
    articles = {s["entity_key"]: int(s["n_articles"]) for s in stats}
    people = [k for k in label if label[k] == "PER"]
    mapping: dict[str, str] = {}

    for key in people:  # 1. middle initials
        words = key.split()
        plain = " ".join(w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and _INITIAL.match(w)))
        if plain != key and label.get(plain) == "PER":
            mapping[key] = plain

    by_label: dict[str, list[str]] = defaultdict(list)
    for key, lab in label.items():
        if articles[key] >= TYPO_RATIO and key not in mapping:
            by_label[lab].append(key)
    for key in sorted(label, key=lambda k: (articles[k], k)):  # 2. spelling variants
        if key in mapping or articles[key] > RARE_ARTICLES or len(key) < 8:
            continue
        matches = process.extract(key, by_label[label[key]], scorer=Levenshtein.distance, score_cutoff=TYPO_DISTANCE,
                                  limit=None)
        targets = [m for m, _, _ in matches if m != key and articles[m] >= TYPO_RATIO * articles[key] and _misspelt(key, m)]
        if targets:
            mapping[key] = max(targets, key=lambda m: (articles[m], m))

    def final(key: str) -> str:
        while key in mapping:
            key = mapping[key]
        return key

    weight: dict[str, int] = defaultdict(int)
    for key in people:
        weight[final(key)] += articles[key]
    by_surname: dict[str, set[str]] = defaultdict(set)
    for key in people:
        full = final(key)
        if len(full.split()) > 1:
            by_surname[full.split()[-1]].add(full)
    for key in people:  # 3. surnames
        if len(key.split()) != 1 or key in mapping:
            continue
        candidates = sorted(by_surname.get(key, ()), key=lambda k: (-weight[k], k))
        if len(candidates) == 1 or (len(candidates) > 1 and weight[candidates[0]] >= DOMINANCE * weight[candidates[1]]):
            mapping[key] = candidates[0]
    return {key: final(key) for key in mapping}


def entity_index(counts: pl.DataFrame, run_id: str) -> pl.DataFrame:
    """`entity_index` rows (without the release) from `mention_counts` of a whole release."""
    per_key = counts.group_by("entity_key").agg(n_articles=pl.col("article_id").n_unique())
    # A key's label: the label most of its mentions carry.
    labels = (counts.group_by("entity_key", "label").agg(pl.col("n").sum())
              .sort(["entity_key", "n", "label"], descending=[False, True, False])
              .group_by("entity_key", maintain_order=True).first().select("entity_key", "label"))
    per_key = per_key.join(labels, on="entity_key")
    mapping = unify(per_key.iter_rows(named=True))
    keyed = counts.with_columns(key=pl.col("entity_key").replace(mapping),
                                alias=pl.col("text").map_elements(canonical_surface, return_dtype=pl.String))
    aliases = (keyed.group_by("key", "alias").agg(pl.col("n").sum())
               .sort(["key", "n", "alias"], descending=[False, True, False])
               .group_by("key", maintain_order=True).agg(aliases=pl.col("alias").head(MAX_ALIASES)))
    label = (keyed.group_by("key", "label").agg(pl.col("n").sum())
             .sort(["key", "n", "label"], descending=[False, True, False])
             .group_by("key", maintain_order=True).agg(label=pl.col("label").first()))
    dated = pl.when(pl.col("date") != "unknown").then(pl.col("date")).str.to_date(strict=False)
    rows = keyed.group_by("key").agg(
        merged_keys=pl.col("entity_key").unique().sort(),
        first_seen=dated.min(),
        last_seen=dated.max(),
        n_mentions=pl.col("n").sum().cast(pl.Int64),
        n_articles=pl.col("article_id").n_unique().cast(pl.Int64),
    )
    rows = rows.join(label, on="key").join(aliases, on="key")
    rows = rows.with_columns(
        name=pl.struct("key", "aliases").map_elements(lambda r: _name(r["key"], r["aliases"]), return_dtype=pl.String),
        run_id=pl.lit(run_id),
    )
    return rows.select("key", "name", "label", "merged_keys", "aliases", "first_seen", "last_seen", "n_mentions",
                       "n_articles", "run_id").sort("key")


def _misspelt(variant: str, name: str) -> bool:
    """One edit inside a word of at least five letters ("donand" / "donald"), or a lost space
    ("hillaryclinton"). An edit in a short word is another name ("abc news" / "nbc news"), and a
    plural of a name is a group ("clintons")."""
    if variant.replace(" ", "") == name.replace(" ", ""):
        return True
    a, b = variant.split(), name.split()
    if len(a) != len(b):
        return False
    changed = [(x, y) for x, y in zip(a, b) if x != y]
    return len(changed) == 1 and min(len(changed[0][0]), len(changed[0][1])) >= 5 \
        and changed[0][0].rstrip("s") != changed[0][1].rstrip("s")


def _name(key: str, aliases: list[str]) -> str:
    """The most frequent surface form that spells the key, else the most frequent one."""
    for alias in aliases:
        if alias.casefold() == key:
            return alias
    return aliases[0] if aliases else key

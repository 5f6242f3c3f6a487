"""The nightly benchmark's corpus: real news articles from three datasets as news-please JSONL records.

- PolNeAR: all 1,012 articles (`text`);
- the 2014 Ukraine news sample: all 90 articles (no URL, publisher or date in the release);
- RUWA: headline + description only, the rows whose description has at least 20 words, as many as
  the mix needs (898 for 2,000 articles).

`mix` shuffles each source with a fixed seed and interleaves them evenly, so that every prefix has
the whole mix's composition (within one article per source): the first 1,000 of the 2,000 are 506
PolNeAR, 45 Ukraine and 449 RUWA articles, and time per article compares between sizes.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

DATASETS = Path(__file__).resolve().parents[1] / "../shared/datasets"
MIN_DESC_WORDS = 20
SEED = 13


def news_please(title: str | None, text: str, date: str | None, domain: str | None, url: str | None,
                source: str) -> dict:
    """One record in news-please's layout; `corpus_source` says which dataset it came from (ingest ignores it)."""
    return {"title": title or None, "maintext": text, "date_publish": f"{date} 00:00:00" if date else None,
            "source_domain": domain, "url": url, "language": "en", "corpus_source": source}


def read_sources(datasets: Path = DATASETS) -> dict[str, list[dict]]:
    """Every usable article of each source, as news-please records, in file order."""
    polnear = [news_please(r["title"], r["text"], r["date"], r["publisher"], None, "polnear")
               for r in _jsonl(datasets / "polnear/articles.jsonl")]
    ukraine = [news_please(r["title"], r["text"], r["published"], r["publisher"], r["url"], "ukraine2014")
               for r in _jsonl(datasets / "news_samples/ukraine_news_bias_2014.jsonl")]
    ruwa = [news_please(r["title"], r["desc"], r["published"], r["publisher"], r["url"], "ruwa")
            for r in _jsonl(datasets / "ruwa/ruwa.jsonl") if len((r["desc"] or "").split()) >= MIN_DESC_WORDS]
    return {"polnear": polnear, "ukraine2014": ukraine, "ruwa": ruwa}


def mix(sources: Mapping[str, Sequence[dict]], total: int, fill: str = "ruwa", seed: int = SEED) -> list[dict]:
    """`total` records: every record of each source but `fill`, and `fill`'s first ones after a shuffle for the
    rest; each source shuffled, then all interleaved evenly (see `interleave`)."""
    fixed = sum(len(records) for name, records in sources.items() if name != fill)
    wanted = total - fixed
    if not 0 <= wanted <= len(sources[fill]):
        raise ValueError(f"a mix of {total} needs between {fixed} and {fixed + len(sources[fill])} articles")
    rng = random.Random(seed)
    groups = {}
    for name, records in sources.items():
        shuffled = list(records)
        rng.shuffle(shuffled)
        groups[name] = shuffled[:wanted] if name == fill else shuffled
    return interleave(groups.values())


def interleave(groups: Iterable[Sequence[dict]]) -> list[dict]:
    """The groups' items in one list where the j-th of a group of k sits at (j + 0.5) / k of the way: any
    prefix holds each group's share of it, to within one item."""
    keyed = [((j + 0.5) / len(group), g, item) for g, group in enumerate(groups) for j, item in enumerate(group)]
    return [item for *_, item in sorted(keyed, key=lambda key: key[:2])]


def composition(records: Iterable[dict]) -> Counter:
    return Counter(r["corpus_source"] for r in records)


def write_dump(records: Iterable[dict], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]

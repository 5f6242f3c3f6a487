"""Story clustering: quality on the story dev set (new join rule and the previous one side by side),
and its cost for a night's mentions against a year of stories.

    .venv/bin/python bench/stories.py quality [--fnc DIR] [--fit] [--cache FILE]   # one JSON object
    .venv/bin/python bench/stories.py speed                         # a table
    .venv/bin/python bench/stories.py mentions --lake data/lake     # rewrite the demo lake's mention file

Quality. The dev set is made of
  - FNC-1 train (`../shared/datasets/fnc1/train_*`): bodies related (agree, disagree, discuss) to one
    headline report one story; headlines that share a related body are one story (connected
    components: 191 stories, 1,683 bodies). Each body is one mention: its first event mention of the
    events stage (its sentence), or its first sentence when the lexicon finds none, with the body's
    first three sentences as its lead (FNC-1 bodies have no titles). FNC-1 claims mostly lie outside
    the event taxonomy (a spider under a man's skin, a Banksy arrest), so the mentions of `fnc1_*`
    share one type; `fnc1_*_typed` gives each the type of its first event mention (`other` without
    one), to show what the type check costs there. FNC-1 has no dates or entity rows: every body is
    given one publish date, as if all came in one night (each a candidate of every other), and no
    event date or place, so the text alone decides (`text_similarity`). Split by story (so by
    headline): stories whose hash is even are the `fit` half the thresholds are fitted on, the
    others the `held_out` half. `--fit` prints the sweep of one threshold on the fit half, from which
    the three are read at three declared points: `text_similarity` the highest recall at pairwise
    precision >= 0.90; `undated_similarity` (nothing bounds the mention in time) the lowest
    threshold at precision >= 0.95; `corroborated_similarity` (date and place or actor agree as
    well) the best B-cubed F1.
  - the demo lake's event mentions (`tests/tasks/stories/data/sample_mentions.jsonl`: data/samples
    with the RUWA Kramatorsk sample), each with the story it belongs to, decided by reading the
    articles (the reasons are in tests/tasks/stories/test_sample_stories.py).
Pairwise precision / recall count pairs of mentions put in one story; B-cubed averages per mention.
"Previous" is the rule of commit 95fc0f5 (shared content words, no encoder), run on the same mentions.

Speed. Synthetic stories (random unit vectors, 50 a day over the year before the night, 10 types)
and nights of 100 to 5,000 mentions: the time of what the stories stage does per night (select the
partitions in the night's window, cluster) grows with the night, not with the corpus; the encoder's
cost per sentence is timed apart.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
import types
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import polars as pl

from newslake.config import Config
from newslake.models.runtime.sentence_vectors import SentenceVectors
from newslake.tasks.events.ontology import load_ontology
from newslake.tasks.events.reader import load_event_reader
from newslake.tasks.events.rows import event_rows
from newslake.tasks.ingest.normalize import normalize_text
from newslake.tasks.stories.clustering import (JoinRule, StoryMember, candidate_dates, cluster, lead_of,
                                               mention_vector, terms_of)
from newslake.text.sentences import sentence_spans

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / "../shared/datasets"
SAMPLES = ROOT / "tests/tasks/stories/data/sample_mentions.jsonl"
PREVIOUS = "95fc0f5"
ONE_NIGHT = "2015-01-01"  # the publish date every FNC-1 body is given


# --- the dev set --------------------------------------------------------------------------------

def fnc_stories(folder: Path) -> list[dict]:
    """One mention per related FNC-1 body: {body, story, split, type, sentence}."""
    stances = pl.read_csv(folder / "train_stances.csv").filter(pl.col("Stance") != "unrelated")
    bodies = dict(pl.read_csv(folder / "train_bodies.csv").select("Body ID", "articleBody").iter_rows())
    parent: dict[tuple, tuple] = {}

    def root(node: tuple) -> tuple:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for headline, body in stances.select("Headline", "Body ID").iter_rows():
        parent[root(("h", headline))] = root(("b", body))
    headlines = defaultdict(list)
    for headline in stances["Headline"].unique():
        headlines[root(("h", headline))].append(headline)
    story_of = {r: min(hs) for r, hs in headlines.items()}  # a story is named by its first headline
    reader = load_event_reader(Config().events)
    rows = []
    for body in sorted(stances["Body ID"].unique()):
        text = normalize_text(bodies[body])
        story = story_of[root(("b", body))]
        events = event_rows([{"article_id": str(body), "text": text, "date": "unknown", "published_at": None}], [], reader)
        if events:
            kind, start, end = events[0]["category"], events[0]["sentence_start"], events[0]["sentence_end"]
        else:
            kind, (start, end) = "other", sentence_spans(text)[0]
        split = "fit" if int(hashlib.sha1(story.encode()).hexdigest(), 16) % 2 == 0 else "held_out"
        rows.append({"id": f"fnc-{body}", "story": story, "split": split, "category": kind, "sentence": text[start:end],
                     "lead": lead_of(None, text),
                     "event_date": None, "precision": "unknown", "place": None, "actors": [],
                     "article_date": ONE_NIGHT, "published_at": None})
    return rows


def sample_stories() -> list[dict]:
    return [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]


def as_member(row: dict, vector: np.ndarray | None) -> StoryMember:
    # Mentions written before categories carry only the v1 type: its category is the ontology's legacy mapping.
    category = row["category"] if "category" in row else (load_ontology().legacy_category(row["type"]) or (None,))[0]
    event = {"event_id": row["id"], "article_id": row.get("article_id", row["id"]), "category": category,
             "event_type": row.get("type"),
             "cameo": None, "description": row.get("description") or row["sentence"][:80],
             "event_date": date.fromisoformat(row["event_date"]) if row["event_date"] else None,
             "date_precision": row["precision"], "location": row["place"], "location_key": row["place"],
             "actors": [{"role": "agent", "text": k, "entity_key": k} for k in row["actors"]],
             "weapon": None, "weapon_class": None, "quantities": [], "trigger_start": row.get("trigger_start", 0)}
    published = datetime.fromisoformat(row["published_at"]) if row["published_at"] else None
    return StoryMember(event, row.get("source"), published, row["article_date"],
                       terms_of(f"{row['sentence']} {event['description']}"), {}, row["sentence"], vector,
                       lead=row["lead"])


def write_sample_mentions(lake: Path) -> int:
    """The event mentions of a demo lake (`newslake run data/samples`) into SAMPLES, each keeping the
    `story` label it had there (a new mention is labelled as an occurrence of its own: read and relabel)."""
    labels = {r["id"]: r["story"] for r in sample_stories()} if SAMPLES.exists() else {}
    scan = lambda table: pl.scan_parquet(str(lake / table / "**/*.parquet"), hive_partitioning=True).collect()  # noqa: E731
    articles = {r["article_id"]: r for r in scan("articles").iter_rows(named=True)}
    rows = []
    for event in scan("events").sort("article_id", "trigger_start").iter_rows(named=True):
        article = articles[event["article_id"]]
        rows.append({
            "id": event["event_id"], "article_id": event["article_id"], "dump": Path(article["dump"]).name,
            "title": article["title"], "source": article["source"],
            "published_at": article["published_at"].isoformat() if article["published_at"] else None,
            "article_date": article["date"], "category": event["category"], "type": event["event_type"],
            "trigger": event["trigger"],
            "trigger_start": event["trigger_start"],
            "sentence": article["text"][event["sentence_start"]:event["sentence_end"]],
            "lead": lead_of(article["title"], article["text"]), "description": event["description"],
            "event_date": event["event_date"].isoformat() if event["event_date"] else None,
            "precision": event["date_precision"], "place": event["location_key"],
            "actors": sorted({a["entity_key"] for a in event["actors"] if a["entity_key"]}),
            "story": labels.get(event["event_id"], event["event_id"]),
        })
    SAMPLES.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(rows)


# --- metrics ------------------------------------------------------------------------------------

def scores(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    """Pairwise precision / recall / F1 and B-cubed precision / recall / F1 of `predicted` against `gold`
    (item -> cluster label)."""
    items = sorted(gold)
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for item in items:
        by_gold[gold[item]].add(item)
        by_pred[predicted[item]].add(item)
    both = defaultdict(int)
    for item in items:
        both[(gold[item], predicted[item])] += 1
    pairs = lambda n: n * (n - 1) // 2  # noqa: E731
    true_pairs = sum(pairs(n) for n in both.values())
    predicted_pairs = sum(pairs(len(v)) for v in by_pred.values())
    gold_pairs = sum(pairs(len(v)) for v in by_gold.values())
    precision = true_pairs / predicted_pairs if predicted_pairs else 1.0
    recall = true_pairs / gold_pairs if gold_pairs else 1.0
    b3p = sum(both[(gold[i], predicted[i])] / len(by_pred[predicted[i]]) for i in items) / len(items)
    b3r = sum(both[(gold[i], predicted[i])] / len(by_gold[gold[i]]) for i in items) / len(items)
    f1 = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0  # noqa: E731
    return {"pairwise_precision": round(precision, 4), "pairwise_recall": round(recall, 4),
            "pairwise_f1": round(f1(precision, recall), 4), "bcubed_precision": round(b3p, 4),
            "bcubed_recall": round(b3r, 4), "bcubed_f1": round(f1(b3p, b3r), 4),
            "n_mentions": len(items), "n_gold_stories": len(by_gold), "n_predicted_stories": len(by_pred)}


def new_clusters(members: list[StoryMember], rule: JoinRule) -> dict[str, str]:
    return {event_id: story["story_id"] for story in cluster([], members, rule, "bench") for event_id in story["event_ids"]}


def previous_module() -> types.ModuleType:
    """The clustering module as it was before the encoder (commit PREVIOUS), loaded from git."""
    source = subprocess.run(["git", "show", f"{PREVIOUS}:tasks/stories/clustering.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    module = types.ModuleType("previous_clustering")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, "previous_clustering.py", "exec"), module.__dict__)  # noqa: S102
    return module


def previous_clusters(members: list[StoryMember], module: types.ModuleType) -> dict[str, str]:
    old = [module.StoryMember(m.event, m.source, m.published_at, m.article_date, m.terms, {}) for m in members]
    stories = module.cluster([], old, 3, 0.2, "bench")
    return {event_id: story["story_id"] for story in stories for event_id in story["event_ids"]}


def vectors(encoder: SentenceVectors, rows: list[dict], cache: Path | None) -> list[np.ndarray]:
    """Mention vectors (sentence and lead) of `rows`; with `cache`, texts encoded by an earlier run are read back."""
    known: dict[str, np.ndarray] = {}
    if cache is not None and cache.exists():
        stored = np.load(cache)
        known = dict(zip(stored["texts"].tolist(), stored["vectors"]))
    texts = sorted({r[k] for r in rows for k in ("sentence", "lead")} - known.keys())
    if texts:
        known.update(zip(texts, encoder.encode(texts)))
    if cache is not None and texts:
        np.savez(cache, texts=np.array(sorted(known)), vectors=np.stack([known[t] for t in sorted(known)]))
    return [mention_vector(known[r["sentence"]], known[r["lead"]]) for r in rows]


def quality(folder: Path, fit: bool, cache: Path | None) -> dict:
    config = Config().events
    rule = JoinRule.of(config)
    encoder = SentenceVectors()
    previous = previous_module()
    report: dict = {"thresholds": {"text_similarity": rule.text_similarity,
                                   "corroborated_similarity": rule.corroborated_similarity,
                                   "undated_similarity": rule.undated_similarity}}
    sets = {}
    if (folder / "train_stances.csv").exists():
        rows = fnc_stories(folder)
        for split in ("fit", "held_out"):
            typed = [r for r in rows if r["split"] == split]
            sets[f"fnc1_{split}"] = [dict(r, type="report") for r in typed]
            sets[f"fnc1_{split}_typed"] = typed
    if SAMPLES.exists():
        sets["samples"] = sample_stories()
    for name, rows in sets.items():
        members = [as_member(r, v) for r, v in zip(rows, vectors(encoder, rows, cache))]
        gold = {r["id"]: r["story"] for r in rows}
        report[name] = {"new": scores(gold, new_clusters(members, rule)),
                        "previous": scores(gold, previous_clusters(members, previous))}
        if fit and name == "fnc1_fit":
            report["sweep_fit"] = {f"{t:.2f}": scores(gold, new_clusters(members, JoinRule(3, t, t, t)))
                                   for t in np.arange(0.40, 0.96, 0.01)}
    return report


# --- speed --------------------------------------------------------------------------------------

def synthetic(n: int, days: list[str], rng: np.random.Generator, prefix: str) -> list[StoryMember]:
    vectors = rng.normal(size=(n, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    out = []
    for i in range(n):
        day = days[i % len(days)]
        event = {"event_id": f"{prefix}{i}", "article_id": f"{prefix}a{i}", "category": f"category{i % 10}",
                 "cameo": None, "description": "", "event_date": date.fromisoformat(day), "date_precision": "day",
                 "location": None, "location_key": None, "actors": [], "weapon": None, "weapon_class": None, "quantities": [],
                 "trigger_start": 0}
        out.append(StoryMember(event, "x", datetime.fromisoformat(day).replace(tzinfo=UTC), day, frozenset(), {}, "",
                               vectors[i]))
    return out


def speed() -> None:
    rng = np.random.default_rng(0)
    rule = JoinRule.of(Config().events)
    night = date(2025, 1, 1)
    print(f"{'corpus (days)':>14}{'stories':>10}{'night':>8}{'read':>8}{'seconds':>10}{'mentions/s':>12}")
    for corpus_days in (30, 365, 1095):
        days = [(night - timedelta(days=d)).isoformat() for d in range(1, corpus_days + 1)]
        corpus = cluster([], synthetic(50 * corpus_days, days, rng, "c"), JoinRule(3, 2.0, 2.0, 2.0), "year")
        by_date = defaultdict(list)
        for story in corpus:
            by_date[story["date"]].append(story)
        for size in (100, 1000, 5000):
            tonight = [(night - timedelta(days=d)).isoformat() for d in range(0, 3)]  # reports of the last days
            mentions = synthetic(size, tonight, rng, f"n{size}-")
            start = time.perf_counter()
            read = [s for day in candidate_dates(mentions, rule.window_days) for s in by_date.get(day, [])]
            cluster(read, mentions, rule, "night")
            seconds = time.perf_counter() - start
            print(f"{corpus_days:>14}{len(corpus):>10}{size:>8}{len(read):>8}{seconds:>10.3f}{size / seconds:>12.0f}")
    encoder = SentenceVectors()
    sentences = [f"Officials said {i} people were hurt when a missile hit a station in the east on day {i}." for i in range(256)]
    start = time.perf_counter()
    encoder.encode(sentences)
    print(f"encoder: {len(sentences) / (time.perf_counter() - start):.0f} sentences/s (each distinct sentence once)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["quality", "speed", "mentions"])
    parser.add_argument("--lake", type=Path, default=ROOT / "data/lake", help="the demo lake (for `mentions`)")
    parser.add_argument("--fnc", type=Path, default=SHARED / "fnc1")
    parser.add_argument("--fit", action="store_true", help="also print the threshold sweep on the fit half")
    parser.add_argument("--cache", type=Path, help="an .npz of sentence vectors, read and extended (reruns skip the encoder)")
    args = parser.parse_args()
    if args.what == "quality":
        print(json.dumps(quality(args.fnc, args.fit, args.cache), indent=1))
    elif args.what == "mentions":
        print(f"{write_sample_mentions(args.lake)} mentions -> {SAMPLES}")
    else:
        speed()


if __name__ == "__main__":
    main()

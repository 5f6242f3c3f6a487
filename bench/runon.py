"""Events stage speed on run-on text: the same news with and without its full stops.

    .venv/bin/python bench/runon.py [--chars 10000,30000] [--repeats R]

For each size, the first PolNeAR articles joined into one article of that many characters, run through
the entity model and `tasks.events.rows.event_rows` twice: as written, and with every sentence end and
paragraph break turned into a blank, as a transcript or a flattened table arrives. The events stage's
seconds (median of `--repeats`), its event words, and the run-on text's cost as a ratio of the written
text's. A stage that reads a whole sentence around each event word costs the square of a run-on
text's length; `newslake/text/sentences.py` cuts sentences at 1,000 characters to keep it linear.
All figures come from this one run, on this machine.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import UTC, datetime

from newslake.config import Config
from newslake.models.registry import load_entity_model
from newslake.tasks.entities.rows import entity_rows
from newslake.tasks.events.reader import load_event_reader
from newslake.tasks.events.rows import event_rows
from newslake.tasks.ingest.normalize import normalize_text

from events import SHARED, timed


def news_text(chars: int) -> str:
    """The first PolNeAR articles, paragraphs kept, cut at a paragraph once `chars` characters are reached."""
    paragraphs: list[str] = []
    for line in (SHARED / "polnear/articles.jsonl").read_text().splitlines():
        for paragraph in normalize_text(json.loads(line)["text"]).split("\n\n"):
            paragraphs.append(paragraph)
            if sum(len(p) + 2 for p in paragraphs) >= chars:
                return "\n\n".join(paragraphs)[:chars]
    return "\n\n".join(paragraphs)


def run_on(text: str) -> str:
    """`text` without a place for a sentence to end: full stops, question and exclamation marks and paragraph
    breaks become blanks (abbreviations' dots stay: "U.S.")."""
    return re.sub(r"\s+", " ", re.sub(r"[.!?](?=\s)", " ", text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", default="10000,30000", help="article sizes, comma-separated")
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    config = Config()
    model = load_entity_model(config.entities)
    reader = load_event_reader(config.events)
    published = datetime(2016, 9, 1, tzinfo=UTC)
    print(f"{'characters':>10}{'text':>10}{'event words':>13}{'seconds':>10}{'s per 1,000 chars':>19}{'run-on / written':>18}")
    for chars in (int(size) for size in options.chars.split(",")):
        written = news_text(chars)
        seconds = {}
        for kind, text in (("written", written), ("run-on", run_on(written))):
            article = {"article_id": kind, "title": None, "text": text, "published_at": published, "date": "2016-09-01"}
            entities = entity_rows([article], model.runner, config.entities, model.name)
            seconds[kind], events = timed(lambda: event_rows([article], entities, reader), options.repeats)
            words = sum(len(e["mentions"]) for e in events)
            ratio = f"{seconds['run-on'] / seconds['written']:>18.2f}" if kind == "run-on" else ""
            print(f"{len(text):>10}{kind:>10}{words:>13}{seconds[kind]:>10.2f}{seconds[kind] / len(text) * 1000:>19.3f}{ratio}")
    print(f"medians of {options.repeats}")


if __name__ == "__main__":
    main()

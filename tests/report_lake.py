"""A small lake for the report tests (tests/report/): one story of three articles over three days (a missile strike on
Kramatorsk, with supporting, refuting and neutral claims), one story of one article, rejects and a run."""

from datetime import UTC, date, datetime

from newslake.tasks.lake import open_lake

from lake_rows import NOW, article, claim, event, mention, reject, story

TEXTS = {
    "id1": "Ukrainian Railways said a missile struck the station in Kramatorsk. Thousands were waiting there.",
    "id2": "The Russian Defence Ministry denied that its forces struck the station. Kyiv said the missile was Russian.",
    "id3": "Officials in Kramatorsk said they could not yet confirm how many missiles hit the station.",
    "id4": "Protesters gathered in Kyiv on Saturday. The police said the march was peaceful.",
}
DAYS = {"id1": "2022-04-08", "id2": "2022-04-09", "id3": "2022-04-10", "id4": "2022-04-10"}
SOURCES = {"id1": "ukrinform.net", "id2": "msnbc.com", "id3": "censor.net", "id4": "msnbc.com"}


def _article(article_id):
    n = int(article_id[2:])
    row = {**article(n, DAYS[article_id]), "text": TEXTS[article_id], "source": SOURCES[article_id], "title": f"Report {n}"}
    if "publisher" in row:
        row["publisher"] = SOURCES[article_id]
    return row


def _claim(n, article_id, speaker, stance, event_id, cue, content, cue_class="assertive"):
    text = TEXTS[article_id]
    start = text.index(content)
    row = claim(n, article_id, speaker, stance, event_id, cue=cue, cue_class=cue_class, content_start=start, date=DAYS[article_id])
    return {**row, "speaker": speaker.title(), "cue_start": text.index(cue), "cue_end": text.index(cue) + len(cue),
            "content": content, "content_end": start + len(content)}


CLAIMS = [
    _claim(1, "id1", "ukrainian railways", "supports", "e1", "said", "a missile struck the station in Kramatorsk"),
    _claim(2, "id2", "russian defence ministry", "refutes", "e2", "denied", "that its forces struck the station", "denial"),
    _claim(3, "id2", "kyiv", "supports", "e2", "said", "the missile was Russian"),
    _claim(4, "id3", "officials", "neutral", "e3", "could not yet confirm", "how many missiles hit the station", "noncommittal"),
]
KRAMATORSK = "missile strike on Kramatorsk railway station"


def _run():
    return {
        "run_id": "r1", "flow": "run", "status": "completed", "started_at": NOW, "finished_at": NOW.replace(minute=2),
        "config_hash": "0" * 16, "code_version": "0.1.0",
        "models": [{"stage": "entities", "name": "cased-minilm.v1", "id": "models/entities", "sha256": "a" * 64,
                    "metric": "dev entity F1", "value": 0.9324}],
        "dumps": [{"path": "d.jsonl", "format": "jsonl", "sha256": "b" * 64, "n_read": 7, "n_accepted": 4, "n_rejected": 3}],
        "rows": [{"name": "articles", "rows": 4}], "rejects_by_reason": [{"name": "empty_text", "rows": 2}, {"name": "duplicate", "rows": 1}],
        "timings": [{"stage": "ingest", "seconds": 1.5}], "release": "base", "date": "2026-11-25",
    }


def build_report_lake(root):
    first, last = datetime(2022, 4, 8, tzinfo=UTC), datetime(2022, 4, 10, tzinfo=UTC)
    kramatorsk = {**story("s1", ["e1", "e2", "e3"], 3, event_date=date(2022, 4, 8), first_seen=first, date="2022-04-08"),
                  "description": KRAMATORSK, "last_seen": last, "n_sources": 3, "n_supporting": 2, "n_refuting": 1, "n_neutral": 1}
    protest = {**story("s2", ["e4"], 1, first_seen=last, category="PROTEST", location_key="kyiv", date="2022-04-10"),
               "description": "protest in Kyiv", "n_supporting": 0}
    tables = {
        "articles": [_article(a) for a in TEXTS],
        "rejects": [reject(5), reject(6), {**reject(7), "reason_code": "duplicate", "duplicate_of": "id1"}],
        "entities": [mention(1, "id1", "kramatorsk", date="2022-04-08"), mention(2, "id3", "kramatorsk", date="2022-04-10"),
                     mention(3, "id2", "kyiv", date="2022-04-09"), mention(4, "id4", "kyiv", start=20, date="2022-04-10")],
        "events": [event("e1", "id1", date="2022-04-08"), event("e2", "id2", date="2022-04-09"), event("e3", "id3", date="2022-04-10"),
                   event("e4", "id4", "PROTEST", date="2022-04-10")],
        "stories": [kramatorsk, protest],
        "claims": CLAIMS,
        "runs": [_run()],
    }
    lake = open_lake(root)
    with lake.lock():
        staging = lake.stage("r1")
        for name, rows in tables.items():
            staging.write(name, rows)
        lake.publish(staging, "r1", settings={"default_release": "base"})
    return root

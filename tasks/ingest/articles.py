"""Raw records of one shard -> candidate article rows and reject rows.

Every reject reason about content is decided here, in this order: read errors
from the reader, missing text field, bad encoding, empty, too long, too short,
not English. Duplicates and syndicated copies are decided afterwards, across shards
(`dedupe.py`); the publisher and wire credit of each candidate here (`publishers.py`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newslake.config import IngestConfig
from newslake.tasks.ingest.boilerplate import BoilerplateRemover
from newslake.tasks.ingest.dates import parse_published, partition_date
from newslake.tasks.ingest.dedupe import Fingerprint, fingerprint
from newslake.tasks.ingest.language import detect_language
from newslake.tasks.ingest.normalize import dedupe_key, drop_repeated_title, normalize_text, normalize_title
from newslake.tasks.ingest.publishers import Publishers, load_publishers
from newslake.tasks.ingest.records import RawRecord, RejectReason, excerpt
from newslake.tasks.ingest.urls import canonical_url, sanitize_source, source_from_url, url_key


@dataclass
class ShardResult:
    """Candidates (article row + fingerprint, in record order) and rejects of one shard."""

    candidates: list[tuple[dict[str, Any], Fingerprint]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Parsed:
    record: RawRecord
    fields: dict[str, Any]
    text: str
    title: str | None
    url: str | None
    source: str


class _Rejected(Exception):
    def __init__(self, reason: RejectReason, detail: str) -> None:
        self.reason, self.detail = reason, detail


def judge_shard(records: Sequence[RawRecord], config: IngestConfig, run_id: str, started_at: datetime) -> ShardResult:
    result = ShardResult()
    parsed: list[_Parsed] = []
    for record in records:
        try:
            parsed.append(_parse(record, config))
        except _Rejected as rejected:
            result.rejects.append(reject_row(record, rejected.reason, rejected.detail, run_id, started_at))

    # One text per canonical URL: a page a dump repeats (tracking parameters aside) is one article.
    by_source: dict[str, dict[str, str]] = defaultdict(dict)
    for item in parsed:
        by_source[item.source].setdefault(url_key(item.url) or dedupe_key(item.text), item.text)
    remover = BoilerplateRemover.learn(config.boilerplate, {s: texts.values() for s, texts in by_source.items()})

    publishers = load_publishers(config.publishers)
    for item in parsed:
        try:
            result.candidates.append(_accept(item, remover, publishers, config, run_id, started_at))
        except _Rejected as rejected:
            result.rejects.append(reject_row(item.record, rejected.reason, rejected.detail, run_id, started_at))
    return result


def reject_row(
    record: RawRecord,
    reason: RejectReason,
    detail: str,
    run_id: str,
    started_at: datetime,
    duplicate_of: str | None = None,
) -> dict[str, Any]:
    raw = record.raw_excerpt or excerpt(_first_text(record))
    return {
        "dump": record.dump,
        "dump_record": record.dump_record,
        "reason_code": str(reason),
        "detail": detail,
        "duplicate_of": duplicate_of,
        "raw_excerpt": raw,
        "rejected_at": started_at,
        "run_id": run_id,
        "date": started_at.strftime("%Y-%m-%d"),
    }


def _parse(record: RawRecord, config: IngestConfig) -> _Parsed:
    if record.error is not None:
        raise _Rejected(record.error, record.detail)
    fields = {**record.defaults, **(record.fields or {})}
    names = config.fields
    text_name = _first_present(fields, names.text)
    if text_name is None:
        raise _Rejected(RejectReason.MISSING_FIELD, f"no text field (looked for {', '.join(names.text)})")
    raw_text = fields[text_name]
    if not isinstance(raw_text, str):
        raise _Rejected(RejectReason.MISSING_FIELD, f"field {text_name!r} is a {type(raw_text).__name__}, not text")
    for name, value in fields.items():
        if isinstance(value, str) and not _encodable(value):
            raise _Rejected(RejectReason.BAD_ENCODING, f"field {name!r} holds characters that are not valid Unicode")
    # A body many times the limit is rejected before the costlier steps look at it.
    if len(raw_text) > 4 * config.max_chars:
        raise _Rejected(RejectReason.TOO_LONG, f"{len(raw_text):,} characters, limit {config.max_chars:,}")
    title = normalize_title(_value(fields, names.title))
    text = drop_repeated_title(title, normalize_text(raw_text))
    url = canonical_url(_value(fields, names.url))
    source = sanitize_source(_value(fields, names.source) or source_from_url(url))
    return _Parsed(record, fields, text, title, url, source)


def _accept(
    item: _Parsed, remover: BoilerplateRemover, publishers: Publishers, config: IngestConfig, run_id: str, started_at: datetime
) -> tuple[dict[str, Any], Fingerprint]:
    text = remover.strip(item.text, item.source)
    if not text:
        raise _Rejected(RejectReason.EMPTY_TEXT, "no text left after cleaning")
    if len(text) > config.max_chars:
        raise _Rejected(RejectReason.TOO_LONG, f"{len(text):,} characters, limit {config.max_chars:,}")
    # The headline counts: a headline and a one-sentence standfirst is a news item, a bare stub is not.
    n_words = len((item.title or "").split()) + len(text.split())
    if n_words < config.min_words:
        raise _Rejected(RejectReason.TOO_SHORT, f"{n_words} words in title and text, minimum {config.min_words}")
    language, probability = detect_language(text)
    if language not in config.languages:
        raise _Rejected(RejectReason.NOT_ENGLISH, f"detected {language!r} (p={probability:.2f}); accepted: {', '.join(config.languages)}")

    key = url_key(item.url)
    article_id = hashlib.sha256((key or dedupe_key(text)).encode()).hexdigest()[:16]
    published_at = parse_published(_value(item.fields, config.fields.published_at))
    publisher = publishers.publisher(item.url, item.source)
    row = {
        "article_id": article_id,
        "source": item.source,
        "url": item.url,
        "title": item.title,
        "published_at": published_at,
        "language": language,
        "text": text,
        "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "dump": item.record.dump,
        "dump_record": item.record.dump_record,
        "ingested_at": started_at,
        "run_id": run_id,
        "publisher": publisher,
        "copy_of": None,  # decided by dedupe, across shards
        "wire": publishers.wire(text, _byline(_value(item.fields, config.fields.byline))),
        "date": partition_date(published_at),
    }
    return row, fingerprint(article_id, key, text, config.dedupe, publisher)


def _first_present(fields: dict[str, Any], names: list[str]) -> str | None:
    return next((name for name in names if fields.get(name) is not None), None)


def _value(fields: dict[str, Any], names: list[str]) -> Any:
    name = _first_present(fields, names)
    return None if name is None else fields[name]


def _byline(value: Any) -> str | None:
    """A byline field as one string: news-please gives a list of authors."""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    return value if isinstance(value, str) and value else None


def _first_text(record: RawRecord) -> str | None:
    values = [v for v in (record.fields or {}).values() if isinstance(v, str)]
    return max(values, key=len) if values else None


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

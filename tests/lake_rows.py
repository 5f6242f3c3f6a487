"""Valid `articles` and `rejects` rows for lake tests (local and object storage)."""

from datetime import UTC, datetime

NOW = datetime(2026, 11, 25, tzinfo=UTC)


def article(n, date="2024-11-19", run_id="r1"):
    return {
        "article_id": f"id{n}",
        "source": "example.com",
        "url": None,
        "title": f"title {n}",
        "published_at": None if date == "unknown" else datetime.fromisoformat(date).replace(tzinfo=UTC),
        "language": "en",
        "text": f"text {n}",
        "text_sha256": "0" * 64,
        "dump": "d.jsonl",
        "dump_record": str(n),
        "ingested_at": NOW,
        "run_id": run_id,
        "date": date,
    }


def reject(n, run_id="r1"):
    return {
        "dump": "d.jsonl",
        "dump_record": str(n),
        "reason_code": "empty_text",
        "detail": "no text",
        "duplicate_of": None,
        "raw_excerpt": "",
        "rejected_at": NOW,
        "run_id": run_id,
        "date": "2026-11-25",
    }

"""Hostile inputs for the ingest reliability tests: each builds one small file (or a stream) that
once broke or fooled ingest. Kept apart from the tests so that benchmarks and manual checks can
use them too."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

ARTICLE = (
    "The regional council approved the new budget on Tuesday after a long debate about schools.\n\n"
    "Opposition members said the plan cuts funding for rural roads and bus lines.\n\n"
    "The mayor said the city would review spending again in the spring, after the audit."
)


def filler_article(i: int, publisher: str = "daily.example") -> dict:
    """A distinct ordinary article of `publisher`, long enough to pass every content check."""
    text = (f"Story {i}: the harbour authority in town {i} opened a new ferry terminal on Monday morning.\n\n"
            f"Officials said about {100 + i} passengers used the route on the first day, more than expected.\n\n"
            f"Local shop owners in district {i} hope the service will bring more visitors during the summer.")
    return {"url": f"https://{publisher}/news/{i}", "title": f"Ferry terminal {i} opens", "text": text,
            "date_publish": "2024-11-19"}


def repeated_article_dump(path: Path) -> Path:
    """One article three times (the same URL, once with tracking parameters) among a publisher's
    other articles, and a near-copy of it from another publisher later in the dump."""
    original = {"url": "https://daily.example/news/budget", "title": "Council approves budget", "text": ARTICLE,
                "date_publish": "2024-11-19"}
    tracked = {**original, "url": original["url"] + "?utm_source=feed&utm_medium=rss"}
    near_copy = {"url": "https://aggregator.example/budget", "title": "Council approves budget",
                 "text": ARTICLE.replace("after the audit", "after the annual audit"), "date_publish": "2024-11-19"}
    rows = [original, filler_article(1), tracked, filler_article(2), original, near_copy]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def warc_without_target_uri(path: Path) -> Path:
    """A WARC response record that lacks the mandatory WARC-Target-URI header (220 bytes)."""
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
            b"<html><body><p>Hello.</p></body></html>")
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
              b"Content-Type: application/http; msgtype=response\r\nContent-Length: "
              + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n")
    path.write_bytes(record)
    return path


def deeply_nested_page(depth: int = 2000) -> bytes:
    """An article inside more nested elements than the HTML parser builds (libxml2 stops at 256)."""
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
    return (f"<html><head><title>Council approves budget</title></head><body>{'<div>' * depth}"
            f"{paragraphs}{'</div>' * depth}</body></html>").encode()


def single_line_bomb(path: Path, megabytes: int) -> Path:
    """A gzipped JSONL dump of one record whose one line is `megabytes` MB long (a few hundred KB
    on disk), then a good record on the next line."""
    good = json.dumps(filler_article(1)).encode() + b"\n"
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(b'{"url": "https://bomb.example/", "text": "')
        chunk = b"a" * (1 << 20)
        for _ in range(megabytes):
            out.write(chunk)
        out.write(b'"}\n' + good)
    return path


# Publish-date values seen in real dumps that do not name a day; none of them may become a date.
BAD_DATES = ["-1", "1e20", [2016], "May", "2016", "November 2016", "0001-01-01", "1899-12-31",
             "9999-12-31", -1, 0, {"year": 2016}, "2016-13-45", "2016-13-01", "2016-02-30",
             "2016-04-31T10:00:00 EST"]


def without_read_permission(monkeypatch, path: Path) -> None:
    """Opening `path` raises PermissionError, as a file of mode 000 does for anyone but root."""
    import builtins
    import io

    def refuse(file):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(path))

    real_open, real_path_open = builtins.open, Path.open
    monkeypatch.setattr(builtins, "open", lambda file, *a, **k: refuse(file) or real_open(file, *a, **k))
    monkeypatch.setattr(io, "open", builtins.open)
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: refuse(self) or real_path_open(self, *a, **k))


def without_list_permission(monkeypatch, folder: Path) -> None:
    """Listing `folder` raises PermissionError, as a folder of mode 000 does for anyone but root."""
    real_iterdir = Path.iterdir

    def iterdir(self):
        if self == folder:
            raise PermissionError(13, "Permission denied", str(folder))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)

"""What a run did, accumulated as it goes: the `runs` row and the CLI summary."""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


def new_run_id(started_at: datetime) -> str:
    return f"{started_at:%Y%m%dT%H%M%SZ}-{secrets.token_hex(4)}"


@dataclass
class DumpCounts:
    path: str
    format: str
    sha256: str
    n_read: int = 0
    n_accepted: int = 0  # originals: n_read = n_accepted + n_copies + n_rejected
    n_rejected: int = 0
    n_copies: int = 0  # syndicated copies, kept as articles (`articles.copy_of`)


@dataclass
class RunReport:
    run_id: str
    flow: str
    release: str
    started_at: datetime
    config_hash: str
    code_version: str
    dumps: list[DumpCounts] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (dump, why)
    rows: Counter[str] = field(default_factory=Counter)
    rejects: Counter[str] = field(default_factory=Counter)
    timings: dict[str, float] = field(default_factory=dict)
    models: list[dict[str, Any]] = field(default_factory=list)
    published: bool = False
    upgraded: list[str] = field(default_factory=list)  # what upgrading a lake of an earlier version did first

    def count_shard(self, dump: DumpCounts, articles: list[dict[str, Any]], rejects: list[dict[str, Any]]) -> None:
        copies = sum(row["copy_of"] is not None for row in articles)
        dump.n_accepted += len(articles) - copies
        dump.n_copies += copies
        dump.n_rejected += len(rejects)
        dump.n_read += len(articles) + len(rejects)
        self.rows["articles"] += len(articles)
        self.rows["rejects"] += len(rejects)
        self.rejects.update(row["reason_code"] for row in rejects)

    def runs_row(self, finished_at: datetime) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "flow": self.flow,
            "status": "completed",
            "started_at": self.started_at,
            "finished_at": finished_at,
            "config_hash": self.config_hash,
            "code_version": self.code_version,
            "models": self.models,
            "dumps": [vars(d) for d in self.dumps],
            "rows": _counts(self.rows),
            "rejects_by_reason": _counts(self.rejects),
            "timings": [{"stage": stage, "seconds": round(s, 3)} for stage, s in self.timings.items()],
            "release": self.release,
            "date": self.started_at.astimezone(UTC).strftime("%Y-%m-%d"),
        }

    def summary(self) -> dict[str, Any]:
        """JSON-friendly: what the CLI prints and what the flow returns."""
        return {
            "run_id": self.run_id,
            "release": self.release,
            "published": self.published,
            "upgraded": list(self.upgraded),
            "dumps": [vars(d) for d in self.dumps],
            "skipped": [{"dump": d, "why": why} for d, why in self.skipped],
            "rows": dict(self.rows),
            "rejects_by_reason": dict(sorted(self.rejects.items())),
            "timings": {stage: round(s, 3) for stage, s in self.timings.items()},
        }


def _counts(counter: Counter[str]) -> list[dict[str, Any]]:
    return [{"name": name, "rows": rows} for name, rows in sorted(counter.items())]


def render_markdown(report: RunReport) -> str:
    """The run's Prefect artifact: counts per table, rejects per reason, timings, models."""
    lines = [f"# newslake {report.flow} `{report.run_id}`", "", f"release `{report.release}`, config `{report.config_hash}`, code `{report.code_version}`", ""]
    if report.dumps:
        lines += ["| dump | format | read | accepted | copies | rejected |", "|---|---|---:|---:|---:|---:|"]
        lines += [f"| {d.path} | {d.format} | {d.n_read:,} | {d.n_accepted:,} | {d.n_copies:,} | {d.n_rejected:,} |" for d in report.dumps]
        lines.append("")
    lines += ["| table | rows written |", "|---|---:|", *(f"| {t} | {n:,} |" for t, n in sorted(report.rows.items())), ""]
    if report.rejects:
        lines += ["| reject reason | rows |", "|---|---:|", *(f"| {r} | {n:,} |" for r, n in sorted(report.rejects.items())), ""]
    lines += ["| stage | seconds |", "|---|---:|", *(f"| {s} | {t:.2f} |" for s, t in report.timings.items()), ""]
    if report.models:
        lines += ["| stage | model | weights sha256 | quality |", "|---|---|---|---|"]
        for m in report.models:
            quality = f"{m['metric']}: {m['value']}" if m.get("metric") else ""
            lines.append(f"| {m['stage']} | {m['name']} | `{m['sha256'][:12]}` | {quality} |")
    return "\n".join(lines) + "\n"

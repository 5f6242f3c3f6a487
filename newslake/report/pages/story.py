"""stories/<story_id>.html: one page per top story: its articles, its claims by stance and speaker."""

from __future__ import annotations

import polars as pl

from newslake.report import charts, queries
from newslake.report.pages.common import when
from newslake.report.queries import STANCES, Scope
from newslake.report.site import Page


def build(scope: Scope, top: pl.DataFrame) -> list[Page]:
    ids = top["story_id"].to_list()
    members = queries.story_members(scope, ids)
    claims = queries.story_claims(scope, ids)
    coverage = queries.story_coverage(scope, ids)
    disputed = queries.disputed_details(scope, ids)
    pages = []
    for story in top.to_dicts():
        sid = story["story_id"]
        facts = [
            ("category", story["category"]), ("date", when(story["story_date"])), ("place", story["location"] or "—"),
            ("weapon", story["weapon"] or "—"), ("articles", story["n_articles"]), ("publishers", story["n_publishers"]),
            ("independent origins", story["n_independent"]), ("supporting", story["n_supporting"]),
            ("refuting", story["n_refuting"]), ("neutral", story["n_neutral"]),
            ("first seen", when(story["first_seen"])), ("last seen", when(story["last_seen"])),
        ]
        story_members = [
            {"published": when(m["published_at"]), "publisher": m["publisher"],
             "title": {"text": m["title"] or m["article_id"], "href": f"../articles/{m['article_id']}.html"}}
            for m in members.filter(pl.col("story_id") == sid).to_dicts()
        ]
        context = {
            "facts": facts,
            "members": story_members,
            "claims": _by_stance_and_speaker(claims.filter(pl.col("story_id") == sid)),
            "disputed": disputed.filter(pl.col("story_id") == sid).to_dicts(),
        }
        chart = charts.story_coverage(coverage.filter(pl.col("story_id") == sid))
        pages.append(Page(f"stories/{sid}.html", story["description"], "story.html.j2", context, [chart]))
    return pages


def _by_stance_and_speaker(claims: pl.DataFrame) -> list[tuple[str, list[dict]]]:
    """[(stance, [{"name": speaker, "claims": [...]}, ...]), ...]: stances in a fixed order, speakers by claim count."""
    grouped = []
    rows = claims.with_columns(pl.coalesce("speaker", pl.lit("(no speaker found)")).alias("name")).to_dicts()
    for stance in (*STANCES, "unrelated"):
        speakers: dict[str, list[dict]] = {}
        for row in rows:
            if row["stance"] == stance:
                content = row["content"] or row["cue"]
                speakers.setdefault(row["name"], []).append({**row, "content": content, "published": when(row["published_at"])})
        if speakers:
            ordered = sorted(speakers.items(), key=lambda item: (-len(item[1]), item[0]))
            grouped.append((stance, [{"name": name, "claims": found} for name, found in ordered]))
    return grouped

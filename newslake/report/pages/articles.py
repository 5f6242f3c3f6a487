"""articles/<article_id>.html: the text of each article a story page cites, its claims highlighted by their offsets."""

from __future__ import annotations

import polars as pl

from newslake.report import queries
from newslake.report.pages.common import when
from newslake.report.queries import Scope
from newslake.report.site import Page


def build(scope: Scope, top: pl.DataFrame) -> list[Page]:
    ids = queries.story_members(scope, top["story_id"].to_list())["article_id"].unique().sort().to_list()
    claims = queries.article_claims(scope, ids)
    pages = []
    for article in queries.article_texts(scope, ids).sort("article_id").to_dicts():
        spans = claims.filter(pl.col("article_id") == article["article_id"]).to_dicts()
        context = {"publisher": article["publisher"], "published": when(article["published_at"]), "url": article["url"],
                   "segments": highlight(article["text"], spans)}
        pages.append(Page(f"articles/{article['article_id']}.html", article["title"] or article["article_id"], "article.html.j2", context))
    return pages


def highlight(text: str, claims: list[dict]) -> list[dict]:
    """`text` cut into segments; a claim's span (`start`, `end`) becomes a segment with the claim.

    Spans that overlap one already marked are not marked again: their anchors (the ids the story
    pages link to) go just before the mark they overlap, so every link lands on its claim's text.
    """
    marks: list[dict] = []
    for claim in sorted(claims, key=lambda c: (c["start"], -c["end"])):
        if not 0 <= claim["start"] < claim["end"] <= len(text):
            continue
        if marks and claim["start"] < marks[-1]["end"]:
            marks[-1]["anchors"].append(claim["claim_id"])
        else:
            marks.append({"start": claim["start"], "end": claim["end"], "claim": claim, "anchors": []})
    segments, at = [], 0
    for mark in marks:
        if mark["start"] > at:
            segments.append({"text": text[at:mark["start"]], "claim": None, "anchors": []})
        segments.append({"text": text[mark["start"]:mark["end"]], "claim": mark["claim"], "anchors": mark["anchors"]})
        at = mark["end"]
    if at < len(text):
        segments.append({"text": text[at:], "claim": None, "anchors": []})
    return segments

"""Entity spans of a shard of articles -> `entities` rows with keys.

The model call is injected (`tag`), so this module stays free of torch and of
the lake: it turns spans into keyed, validated rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from newslake.config import EntitiesConfig
from newslake.tasks.entities.keys import EntityMention, alias_index, assign_keys, unify_person_keys
from newslake.tasks.entities.rules import apply_rules
from newslake.text.spans import Span

DESCRIPTION_MODEL = "rules:description"


def entity_rows(
    articles: Sequence[dict[str, Any]],
    tag: Callable[[list[str]], list[list[Span]]],
    config: EntitiesConfig,
    model_name: str,
) -> list[dict[str, Any]]:
    """`articles` need `article_id`, `text` and `date`; one row per mention, in article order.

    Rows depend only on the articles, the model and the config (not on the run),
    so a shard's rows can be cached and reused by a later run or release.
    """
    spans = tag([a["text"] for a in articles])
    aliases = alias_index(config.aliases)
    keyed: list[tuple[dict[str, Any], EntityMention]] = []
    for article, found in zip(articles, spans):
        text = article["text"]
        found = apply_rules(text, [s for s in found if s.score >= config.min_score], config.lexicon)
        mentions = [EntityMention(s.start, s.end, text[s.start : s.end], s.label, s.score) for s in found]
        keyed += [(article, m) for m in assign_keys(text, mentions, aliases)]
    unified = unify_person_keys([(m.entity_key, m.label) for _, m in keyed])
    return [_row(article, m, unified.get(m.entity_key, m.entity_key), model_name) for article, m in keyed]


def _row(article: dict[str, Any], mention: EntityMention, key: str, model_name: str) -> dict[str, Any]:
    model = DESCRIPTION_MODEL if mention.source == "description" else model_name
    identity = f"{article['article_id']}:{mention.start}:{mention.end}:{mention.label}:{model}"
    return {
        "mention_id": hashlib.sha256(identity.encode()).hexdigest()[:16],
        "article_id": article["article_id"],
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "label": mention.label,
        "score": round(mention.score, 4),
        "entity_key": key,
        "model": model,
        "date": article["date"],
    }

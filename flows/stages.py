"""The model stages in their order: what `run` and `reprocess` do after the articles are known."""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from newslake.flows.claims import claims_stage
from newslake.flows.context import RunContext
from newslake.flows.entities import drain, entities_stage


def model_stages(context: RunContext, articles: Iterable[pa.Table]) -> None:
    """Entities, then claims on the same shards (claims link speakers to the shard's entity keys)."""
    tagged = entities_stage(context, articles)
    if context.config.claims.enabled:
        claims_stage(context, tagged)
    else:
        drain(tagged)

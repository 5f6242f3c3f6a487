"""Attribution metrics in the manner of BBC Citron, and the evaluation of a model on a PolNeAR split.

Per span type (source, cue, content), over the distinct spans of each article:
  exact    a predicted span is right when a gold span of the type has the same (start, end);
           precision = right / predicted, recall = matched gold / gold.
  overlap  a predicted span is right when it overlaps (shares a character with) a gold span of
           the type; precision = such predicted / predicted, recall = gold overlapped by some
           predicted / gold. Citron instead sums overlapping tokens (partial credit) and
           conditions source and content on a matching cue; this simpler count is what we report.
A discontinuous span counts by its covering (start, end), as PolNeAR stores it and as
`Attribution.content` gives it. `content2` counts as one more gold content span.

`pairing` adds whole-attribution scores: `exact_f1` of (source, cue, content) triples, and,
over the gold attributions whose cue was found exactly, how often the paired source and
content are exactly right (`source_given_cue`, `content_given_cue`): the pairing rules'
accuracy apart from span finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import torch

from newslake.models.attribution.data import (
    LABELS,
    SPAN_TYPES,
    GoldAttribution,
    gold_spans,
    paint_characters,
    piece_labels,
    read_articles,
    read_attributions,
)
from newslake.models.attribution.pairing import Attribution
from newslake.text.spans import Span

Spans = set[tuple[int, int]]
Triple = tuple[tuple[int, int] | None, tuple[int, int] | None, tuple[int, int] | None]


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _overlaps(span: tuple[int, int], others: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def span_scores(gold: Sequence[Spans], predicted: Sequence[Spans]) -> dict[str, float | int]:
    """Exact and overlap P/R/F1 of one span type; `gold[i]` and `predicted[i]` are article i's spans."""
    exact_tp = overlap_pred = overlap_gold = n_gold = n_pred = 0
    for gold_spans_, predicted_spans in zip(gold, predicted, strict=True):
        n_gold += len(gold_spans_)
        n_pred += len(predicted_spans)
        exact_tp += len(gold_spans_ & predicted_spans)
        overlap_pred += sum(_overlaps(span, gold_spans_) for span in predicted_spans)
        overlap_gold += sum(_overlaps(span, predicted_spans) for span in gold_spans_)
    scores = {
        "exact_precision": _ratio(exact_tp, n_pred), "exact_recall": _ratio(exact_tp, n_gold),
        "overlap_precision": _ratio(overlap_pred, n_pred), "overlap_recall": _ratio(overlap_gold, n_gold),
    }
    scores["exact_f1"] = _f1(scores["exact_precision"], scores["exact_recall"])
    scores["overlap_f1"] = _f1(scores["overlap_precision"], scores["overlap_recall"])
    return {**scores, "n_gold": n_gold, "n_pred": n_pred}


def _offsets(span) -> tuple[int, int] | None:
    return None if span is None else (span.start, span.end)


def predicted_spans(attributions: Sequence[Attribution]) -> dict[str, Spans]:
    spans: dict[str, Spans] = {kind: set() for kind in SPAN_TYPES}
    for attribution in attributions:
        for kind, span in (("SOURCE", attribution.source), ("CUE", attribution.cue), ("CONTENT", attribution.content)):
            if span is not None:
                spans[kind].add((span.start, span.end))
    return spans


def attribution_metrics(gold: Sequence[Sequence[GoldAttribution]],
                        predicted: Sequence[Sequence[Attribution]]) -> dict:
    """The metrics of the module docstring; `gold[i]` and `predicted[i]` belong to article i."""
    gold_sets = [gold_spans(article) for article in gold]
    predicted_sets = [predicted_spans(article) for article in predicted]
    result: dict = {
        kind.lower(): span_scores([g[kind] for g in gold_sets], [p[kind] for p in predicted_sets])
        for kind in SPAN_TYPES
    }
    result["n_gold"] = sum(len(article) for article in gold)
    result["n_pred"] = sum(len(article) for article in predicted)
    result["pairing"] = _pairing_scores(gold, predicted)
    return result


def _pairing_scores(gold: Sequence[Sequence[GoldAttribution]], predicted: Sequence[Sequence[Attribution]]) -> dict:
    triples_tp = n_gold = n_pred = cue_found = source_right = content_right = 0
    for gold_article, predicted_article in zip(gold, predicted, strict=True):
        gold_triples = {(_offsets(a.source), _offsets(a.cue), _offsets(a.content)) for a in gold_article}
        predicted_triples = {(_offsets(a.source), _offsets(a.cue), _offsets(a.content)) for a in predicted_article}
        triples_tp += len(gold_triples & predicted_triples)
        n_gold += len(gold_triples)
        n_pred += len(predicted_triples)
        by_cue: dict[tuple[int, int], list[Triple]] = {}
        for triple in predicted_triples:
            by_cue.setdefault(triple[1], []).append(triple)
        for source, cue, content in gold_triples:
            if cue not in by_cue:
                continue
            cue_found += 1
            source_right += any(p[0] == source for p in by_cue[cue])
            content_right += any(p[2] == content for p in by_cue[cue])
    precision, recall = _ratio(triples_tp, n_pred), _ratio(triples_tp, n_gold)
    return {"exact_f1": _f1(precision, recall), "exact_precision": precision, "exact_recall": recall,
            "gold_cues_found": cue_found, "source_given_cue": _ratio(source_right, cue_found),
            "content_given_cue": _ratio(content_right, cue_found)}


def load_split(data_jsonl: str | Path, articles_jsonl: str | Path | None = None
               ) -> tuple[list[str], list[str], list[list[GoldAttribution]]]:
    """(doc_ids, texts, primary gold attributions) of the articles annotated in `data_jsonl`."""
    data_jsonl = Path(data_jsonl)
    articles = read_articles(articles_jsonl or data_jsonl.parent / "articles.jsonl")
    gold = read_attributions(data_jsonl)
    doc_ids = sorted(gold)
    missing = [doc for doc in doc_ids if doc not in articles]
    if missing:
        from newslake.errors import NewslakeError

        raise NewslakeError("E037", f"{len(missing)} annotated articles (e.g. {missing[0]!r}) are not in the "
                                    "articles file; pass articles_jsonl")
    return doc_ids, [articles[doc].text for doc in doc_ids], [gold[doc] for doc in doc_ids]


def evaluate_attribution(data_jsonl: str | Path, articles_jsonl: str | Path | None = None,
                         folder: str | Path | None = None, quantize: str = "none") -> dict:
    """Scores of the model in `folder` (default: the bundled one) on the attributions in `data_jsonl`
    (the layout of PolNeAR's attributions_dev.jsonl; texts from `articles_jsonl`, by default the
    articles.jsonl beside it): `{"source"|"cue"|"content": {exact_/overlap_ precision, recall, f1},
    "n_gold", "n_pred", "pairing": {...}}`."""
    from newslake.models.attribution.model import AttributionModel

    _, texts, gold = load_split(data_jsonl, articles_jsonl)
    model = AttributionModel.load(folder, quantize=quantize)
    return {**attribution_metrics(gold, model.extract(texts)), "quantize": quantize}


def gold_probabilities(runner, prepared, gold: Sequence[Sequence[GoldAttribution]]) -> list[np.ndarray]:
    """One-hot probabilities of the flattened gold labels, per article (rows = the article's wordpieces)."""
    result = []
    for article, attributions in zip(prepared.articles, gold, strict=True):
        kinds, owners = paint_characters(len(article.text), attributions)
        labels = piece_labels(article.offsets, kinds, owners)
        result.append(np.eye(len(LABELS), dtype=np.float32)[labels])
    return result


def oracle_spans(runner, texts: Sequence[str], gold: Sequence[Sequence[GoldAttribution]],
                 merge: bool = True) -> list[list[Span]]:
    """What a perfect single-layer tagger gives after decoding: gold labels through the decode step."""
    from newslake.models.attribution.model import spans_from_probabilities

    prepared = runner.preprocess(list(texts))
    per_article = gold_probabilities(runner, prepared, gold)
    # Feed them through the runtime's window merging as if a model had produced them.
    outputs = []
    for batch, _ in prepared.batches:
        width = max(window.length for window in batch) + 2
        output = torch.zeros((len(batch), width, len(LABELS)))
        for row, window in enumerate(batch):
            output[row, 1 : window.length + 1] = torch.from_numpy(per_article[window.article][window.start : window.stop])
        outputs.append(output)
    return spans_from_probabilities(runner, prepared, outputs, merge)


def gold_ceiling(data_jsonl: str | Path, articles_jsonl: str | Path | None = None, words: str = "conll",
                 merge: bool = True, max_gap_words: int | None = None) -> dict:
    """The metrics that the gold labels themselves reach through flattening, decoding and pairing."""
    from newslake.models.attribution.model import DEFAULT_DECODE, attributions_from_spans, make_runner
    from newslake.models.runtime.encoder import load_base_tokenizer

    _, texts, gold = load_split(data_jsonl, articles_jsonl)
    runner = make_runner(load_base_tokenizer(), words=words)
    spans = oracle_spans(runner, texts, gold, merge)
    gap = DEFAULT_DECODE["max_gap_words"] if max_gap_words is None else max_gap_words
    predicted = [attributions_from_spans(text, article_spans, gap) for text, article_spans in zip(texts, spans)]
    return attribution_metrics(gold, predicted)

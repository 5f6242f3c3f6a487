"""Attributions of a shard of articles -> `claims` rows (and `claim_stances` rows for propositions).

The model calls are injected (`extract`: texts -> attributions, `score`: (target, claim text,
context) triples -> stance probabilities, see `StanceModel.score_in_context`), so this module
is plain Python over rows. Per article:

  1. attributions below `min_score` are dropped;
  2. nested sources (sources.py): a "citing X" / "quoting X" attribution becomes the `via` of the
     attribution it belongs to ("RBC-Ukraine, citing a defense source, reported ..."); "X quoted Y
     as saying" makes Y the speaker and X the `via`; "according to X, Y said" gives Y via X;
     "Y told <outlet>" gives Y via the outlet;
  3. speakers are repaired into noun phrases, linked to entity keys, resolved (pronouns,
     descriptions, roles) and given a kind (speakers.py); `quote_type` from the quotation marks;
  4. the text the stance model reads is the content; a content that only points back
     ("this information", "the reports") reads the previous claim's content; no content: the
     cue's sentence. Whether a claim is about the target at all is read from a context, as the
     stance model's stage 1 was trained to (headline vs article body): toward the article's own
     title that is the whole article (an article's claims are about its subject unless the
     article is not), toward a proposition the claim's paragraph (a clause alone shares too few
     words with any headline to look related);
  5. the event of the article the claim is about, if any (event_links.py);
  6. stance toward the target (the event's description; else the title, the lede when there is
     none) and toward every configured proposition: the model's probabilities, then the cue
     layer (cues.py): unrelated stays unrelated (never toward the claim's own event: the link
     already says the claim is about it); a noncommittal cue or content makes a related claim
     `neutral`, a denial `refutes`; otherwise the model's best related label. `stance_rule`
     says which decided.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newslake.config import ClaimsConfig
from newslake.models.attribution.pairing import Attribution
from newslake.tasks.claims.cues import classify_cue, content_commits, is_anaphoric
from newslake.tasks.claims.event_links import event_of
from newslake.tasks.claims.sources import Nested, nest_sources, outlet_told
from newslake.tasks.claims.speakers import NO_SPEAKER, Speaker, link_speaker
from newslake.text.sentences import paragraph_at, sentence_at, sentence_spans
from newslake.text.spans import Span

RELATED = ("supports", "refutes", "neutral")

Extract = Callable[[list[str]], list[list[Attribution]]]
Score = Callable[[list[tuple[str, str, str]]], list[dict[str, float]]]


@dataclass
class _Claim:
    attribution: Attribution
    via: Span | None = None
    speaker: Speaker | None = None
    via_speaker: Speaker | None = None
    evidence: str = ""
    context: str = ""  # the claim's paragraph
    article_text: str = ""
    cue_class: str = "assertive"
    commits: bool = True
    event: Mapping[str, Any] | None = None


def claim_rows(
    articles: Sequence[Mapping[str, Any]],
    entity_rows: Sequence[Mapping[str, Any]],
    extract: Extract,
    score: Score,
    config: ClaimsConfig,
    models: Sequence[str],
    event_rows: Sequence[Mapping[str, Any]] = (),
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """`articles` need article_id, title, text and date; `entity_rows` and `event_rows` are the
    shard's `entities` and `events` rows (no events: every stance is toward the title).

    Returns (claims rows, claim_stances rows), both independent of the run (cacheable).
    """
    mentions: dict[str, list[Mapping[str, Any]]] = {}
    for row in entity_rows:
        mentions.setdefault(row["article_id"], []).append(row)
    events: dict[str, list[Mapping[str, Any]]] = {}
    for row in event_rows:
        events.setdefault(row["article_id"], []).append(row)
    found = extract([a["text"] for a in articles])
    per_article = [_claims_of(article, attributions, mentions.get(article["article_id"], []), config,
                              events.get(article["article_id"], []))
                   for article, attributions in zip(articles, found, strict=True)]

    targets = [_target(article) for article in articles]
    pairs: list[tuple[str, str, str]] = []
    for (kind, target), claims in zip(targets, per_article):
        for claim in claims:
            if claim.event is not None:
                pairs.append((claim.event["description"], claim.evidence, claim.context))
            elif target is not None:
                pairs.append((target, claim.evidence, claim.article_text))
        pairs += [(p.text, c.evidence, c.context) for p in config.propositions for c in claims]
    scores = iter(score(pairs) if pairs else [])

    claim_out, stance_out = [], []
    for article, (kind, target), claims in zip(articles, targets, per_article):
        ids = []
        for claim in claims:
            probabilities = next(scores) if claim.event is not None or target is not None else None
            row = _row(article, claim, probabilities, "event" if claim.event is not None else kind, models)
            ids.append(row["claim_id"])
            claim_out.append(row)
        for proposition in config.propositions:
            for claim, claim_id in zip(claims, ids):
                probabilities = next(scores)
                stance, rule = decide(claim, probabilities)
                stance_out.append({"claim_id": claim_id, "article_id": article["article_id"],
                                   "proposition_id": proposition.id, "proposition": proposition.text,
                                   "stance": stance, "stance_scores": _rounded(probabilities), "stance_rule": rule,
                                   "date": article["date"]})
    return claim_out, stance_out


def decide(claim: _Claim, probabilities: Mapping[str, float], about_target: bool = False) -> tuple[str, str]:
    """The claim's stance and the rule that set it, from the model's probabilities and the cue layer.

    `about_target`: the claim is known to be about the target (its own event), so not unrelated."""
    if probabilities["unrelated"] >= 0.5 and not about_target:
        return "unrelated", "model"
    if claim.cue_class == "noncommittal":
        return "neutral", "cue:noncommittal"
    if not claim.commits:
        return "neutral", "content:noncommittal"
    if claim.cue_class == "denial":
        return "refutes", "cue:denial"
    return max(RELATED, key=lambda label: probabilities[label]), "model"


def _claims_of(article: Mapping[str, Any], attributions: Sequence[Attribution],
               mentions: Sequence[Mapping[str, Any]], config: ClaimsConfig,
               events: Sequence[Mapping[str, Any]] = ()) -> list[_Claim]:
    text = article["text"]
    kept = [a for a in attributions if a.score >= config.min_score]
    sentences = sentence_spans(text)
    claims = [_Claim(n.attribution, n.via) for n in nest_sources(text, kept, sentences, mentions)]
    earlier: list[tuple[int, Speaker]] = []
    previous_content: str | None = None
    previous_event: Mapping[str, Any] | None = None
    for claim in claims:
        a = claim.attribution
        source = a.source
        claim.speaker = link_speaker(text, source and source.start, source and source.end, mentions, earlier,
                                     config.speaker_kinds, a.cue.start)
        if claim.speaker.start is not None and claim.speaker.key is not None:
            earlier.append((claim.speaker.start, claim.speaker))
        if claim.via is None and source is not None:
            claim.via = outlet_told(text, a, mentions, config.speaker_kinds)
        if claim.via is not None:
            claim.via_speaker = link_speaker(text, claim.via.start, claim.via.end, mentions, earlier, config.speaker_kinds)
        a = claim.attribution = _said_part(text, a)
        content = text[a.content.start : a.content.end] if a.content is not None else None
        claim.context = _paragraph_of(text, a.cue.start)
        claim.article_text = text
        claim.cue_class = classify_cue(text[a.cue.start : a.cue.end], text[a.cue.end : a.cue.end + 60])
        claim.commits = content is None or content_commits(content)
        sentence = sentence_at(a.cue.start, sentences) or (a.cue.start, a.cue.end)
        content_span = (a.content.start, a.content.end) if a.content is not None else None
        if content is not None and is_anaphoric(content) and previous_content is not None:
            claim.evidence = previous_content
            claim.event = previous_event or event_of(text, None, sentence, events, mentions)
        elif content is not None:
            claim.evidence = content
            previous_content = content
            claim.event = previous_event = event_of(text, content_span, sentence, events, mentions)
        else:
            claim.evidence = _sentence_of(text, a.cue.start, sentences)
            claim.event = event_of(text, None, sentence, events, mentions)
    return claims


def _said_part(text: str, a: Attribution) -> Attribution:
    """The content as what was said: pairing may join a fragment before the cue to one after it
    ('"A," he said, "B"'); unless the fragment before is a quotation, only the part after the cue
    is the content ("November 18, | Miller neither confirmed nor denied | the report")."""
    fragments = a.content_fragments
    before = [f for f in fragments if f.end <= a.cue.start]
    after = [f for f in fragments if f.start >= a.cue.end]
    if not before or not after or text[before[0].start] in "\"“'‘":
        return a
    content = Span(after[0].start, after[-1].end, "CONTENT", after[0].score)
    return Attribution(a.source, a.cue, content, a.score, tuple(after))


def _same_sentence(a: int, b: int, sentences: Sequence[tuple[int, int]]) -> bool:
    return any(start <= a < end and start <= b < end for start, end in sentences)


def _sentence_of(text: str, position: int, sentences: Sequence[tuple[int, int]]) -> str:
    span = sentence_at(position, sentences)
    return text[span[0] : span[1]] if span is not None else text[max(0, position - 200) : position + 200]


def _paragraph_of(text: str, position: int) -> str:
    """The paragraph (text between blank lines) holding `position`."""
    start, end = paragraph_at(text, position)
    return text[start:end].strip()


def _target(article: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(target_kind, target): the title, else the first sentence (lede); (None, None) for an empty text."""
    title = (article.get("title") or "").strip()
    if title:
        return "title", title
    sentences = sentence_spans(article["text"])
    if sentences:
        start, end = sentences[0]
        return "lede", article["text"][start:end]
    return None, None


def _row(article: Mapping[str, Any], claim: _Claim, probabilities: Mapping[str, float] | None,
         target_kind: str | None, models: Sequence[str]) -> dict[str, Any]:
    a, text = claim.attribution, article["text"]
    identity = f"{article['article_id']}:{a.cue.start}:{a.cue.end}:{'+'.join(models)}"
    about = claim.event is not None
    stance, rule = decide(claim, probabilities, about) if probabilities is not None else (None, None)
    via = claim.via
    speaker = claim.speaker or NO_SPEAKER
    via_speaker = claim.via_speaker or NO_SPEAKER
    if via is not None and via_speaker.start is not None:
        via = Span(via_speaker.start, via_speaker.end, "SOURCE", via.score)
    said = Span(speaker.start, speaker.end, "SOURCE", 1.0) if speaker.start is not None else None
    return {
        "claim_id": hashlib.sha256(identity.encode()).hexdigest()[:16],
        "article_id": article["article_id"],
        **_span("speaker", text, said),
        "speaker_key": speaker.key,
        "speaker_kind": speaker.kind,
        "speaker_resolution": speaker.resolution,
        "speaker_affiliation": speaker.affiliation,
        **_span("cue", text, a.cue),
        "cue_class": claim.cue_class,
        **_span("content", text, a.content),
        "quote_type": quote_type(" ".join(text[f.start : f.end] for f in (a.content_fragments or (a.content,))))
        if a.content is not None else None,
        **_span("via", text, via),
        "via_key": via_speaker.key,
        "event_id": claim.event["event_id"] if claim.event is not None else None,
        "target_kind": target_kind,
        "stance": stance,
        "stance_scores": _rounded(probabilities) if probabilities is not None else None,
        "stance_rule": rule,
        "score": round(float(a.score), 4),
        "models": list(models),
        "date": article["date"],
    }


def _span(name: str, text: str, span) -> dict[str, Any]:
    if span is None:
        return {name: None, f"{name}_start": None, f"{name}_end": None}
    return {name: text[span.start : span.end], f"{name}_start": span.start, f"{name}_end": span.end}


def _rounded(probabilities: Mapping[str, float]) -> dict[str, float]:
    return {label: round(float(probabilities[label]), 4) for label in (*RELATED, "unrelated")}


_QUOTED = re.compile(r"[\"“”«»]|''")  # double quotation marks; single ones are apostrophes too often


def quote_type(content: str) -> str:
    """`direct` when the content is a quotation (its words, apart from punctuation, inside quotation
    marks), `indirect` without quotation marks, `mixed` when a paraphrase quotes some words."""
    stripped = content.strip(" \t\n,.;:")
    marks = list(_QUOTED.finditer(stripped))
    if not marks:
        return "indirect"
    outside, inside, depth_open = [], [], False
    position = 0
    for mark in marks:
        (inside if depth_open else outside).append(stripped[position : mark.start()])
        depth_open = not depth_open
        position = mark.end()
    (inside if depth_open else outside).append(stripped[position:])
    words_outside = re.findall(r"\w+", " ".join(outside))
    return "direct" if not words_outside else "mixed"

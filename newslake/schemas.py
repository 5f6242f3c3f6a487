"""The data contract: every lake table's schema, declared once.

Writes validate against these declarations (`validate`); `docs/tables.md` is
generated from them (`python -m newslake.schemas > docs/tables.md`, checked by a
test). Each field's description lives in its metadata so the docs cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from newslake.errors import NewslakeError

UTC_TS = pa.timestamp("us", tz="UTC")


def _f(name: str, type_: pa.DataType, doc: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"doc": doc})


@dataclass(frozen=True)
class TableSpec:
    name: str
    doc: str
    schema: pa.Schema
    partitions: tuple[str, ...]  # hive partition columns, outermost first
    public: bool = True  # internal tables are hidden from analysts and the docs

    @property
    def partition_schema(self) -> pa.Schema:
        return pa.schema([pa.field(name, pa.string(), nullable=False) for name in self.partitions])

    @property
    def write_schema(self) -> pa.Schema:
        """What a stage hands to the lake: the columns plus the partition values."""
        return pa.schema(list(self.schema) + list(self.partition_schema))


DATE_DOC = "partition: UTC day `YYYY-MM-DD`, or `unknown`"
RELEASE_DOC = "partition: the release (named set of models + config) that produced the row"

ARTICLES = TableSpec(
    "articles",
    "One row per accepted article. Partitioned by `date` = the UTC day of `published_at` (`unknown` when undated).",
    pa.schema(
        [
            _f("article_id", pa.string(), "stable id: hash of the canonical URL, else of the normalised text", False),
            _f("source", pa.string(), "publisher: the dump's publisher field, else the URL's domain; lower-case, sanitised", False),
            _f("url", pa.string(), "canonical URL (tracking parameters and fragment removed), if known"),
            _f("title", pa.string(), "headline, one line"),
            _f("published_at", UTC_TS, "publish time in UTC; null when the dump has no readable date"),
            _f("language", pa.string(), "ISO 639-1 code detected from the text", False),
            _f("text", pa.string(), "clean body: NFC, boilerplate removed, paragraphs separated by a blank line; all offsets point here", False),
            _f("text_sha256", pa.string(), "SHA-256 of `text`", False),
            _f("dump", pa.string(), "input dump the article came from", False),
            _f("dump_record", pa.string(), "where in the dump: line, row, file name or byte offset", False),
            _f("ingested_at", UTC_TS, "when the run that accepted it started", False),
            _f("run_id", pa.string(), "run that accepted it", False),
            _f("publisher", pa.string(), "the outlet: registered domain of the canonical URL, else `source` through the alias table (configs/publishers.yaml); `unknown` when neither is known", False),
            _f("copy_of", pa.string(), "for another publisher's copy of an article already kept (a syndicated wire story): that original's `article_id`; models do not run on copies"),
            _f("wire", pa.string(), "the news agency the byline or dateline credits (`reuters.com`, `apnews.com`, `afp.com`), if any"),
        ]
    ),
    ("date",),
)

REJECTS = TableSpec(
    "rejects",
    "One row per input record that was not accepted, with a stable reason. Partitioned by `date` = UTC day of the run.",
    pa.schema(
        [
            _f("dump", pa.string(), "input dump", False),
            _f("dump_record", pa.string(), "where in the dump: line, row, file name or byte offset", False),
            _f(
                "reason_code",
                pa.string(),
                "stable code: malformed_json, malformed_row, bad_encoding, missing_field, empty_text, too_short, too_long, not_english, duplicate, unknown_format",
                False,
            ),
            _f("detail", pa.string(), "one sentence: what exactly was wrong", False),
            _f("duplicate_of", pa.string(), "for `duplicate`: the `article_id` that was kept"),
            _f("raw_excerpt", pa.string(), "the first 200 characters of what was read", False),
            _f("rejected_at", UTC_TS, "when the run started", False),
            _f("run_id", pa.string(), "run that read the record", False),
        ]
    ),
    ("date",),
)

ENTITIES = TableSpec(
    "entities",
    "One row per entity mention in an accepted article. Partitioned by `release`, then `date` = the article's date partition.",
    pa.schema(
        [
            _f("mention_id", pa.string(), "stable id: hash of article, offsets, label and model", False),
            _f("article_id", pa.string(), "article the mention is in (`articles.article_id`)", False),
            _f("start", pa.int32(), "character offset of the first character in `articles.text`", False),
            _f("end", pa.int32(), "character offset one past the last character", False),
            _f("text", pa.string(), "copy of `articles.text[start:end]`", False),
            _f("label", pa.string(), "PER, ORG, LOC or MISC", False),
            _f("score", pa.float32(), "mean probability of the label over the mention's words (1.0 for rule-made mentions)", False),
            _f("entity_key", pa.string(), "canonical name, case-folded: the same for every name of one entity (docs/entities.md)", False),
            _f("model", pa.string(), "model that found it, or `rules:description` for \"the ministry\"-style mentions", False),
            _f("run_id", pa.string(), "run that wrote it", False),
        ]
    ),
    ("release", "date"),
)

ENTITY_INDEX = TableSpec(
    "entity_index",
    "One row per entity of a release, across articles and runs: the per-article `entities.entity_key`s that name it "
    "(`merged_keys`: surname-only mentions, middle initials and spelling variants joined to the full name when the "
    "corpus has one unambiguous match), its names and counts. Rebuilt by every run and reprocess from the release's "
    "entities; `entities` rows are not rewritten. All mentions of an entity: `entities.join(entity_index.explode("
    "\"merged_keys\"), left_on=\"entity_key\", right_on=\"merged_keys\")`. Partitioned by `release`. docs/entities.md has the rules.",
    pa.schema(
        [
            _f("key", pa.string(), "the entity's key: the `entity_key` of its full name", False),
            _f("name", pa.string(), "canonical name: its most frequent surface form spelling `key`", False),
            _f("label", pa.string(), "PER, ORG, LOC or MISC: the label most of its mentions carry", False),
            _f("merged_keys", pa.list_(pa.string()), "every `entities.entity_key` (and `claims.speaker_key`) naming it, `key` included", False),
            _f("aliases", pa.list_(pa.string()), "surface forms seen, most frequent first (at most 20)", False),
            _f("first_seen", pa.date32(), "earliest article date it is mentioned on (null: only undated articles)"),
            _f("last_seen", pa.date32(), "latest article date it is mentioned on"),
            _f("n_mentions", pa.int64(), "mentions in the release", False),
            _f("n_articles", pa.int64(), "articles mentioning it", False),
            _f("run_id", pa.string(), "run that rebuilt the index", False),
        ]
    ),
    ("release",),
)

_STANCE_SCORES = pa.struct([(label, pa.float32()) for label in ("supports", "refutes", "neutral", "unrelated")])

CLAIMS = TableSpec(
    "claims",
    "One row per attributed statement (who said what, how), in the text or the headline, with its stance toward the event it is about "
    "(target rules in docs/claims.md). "
    "Partitioned by `release`, then `date` = the article's date partition. docs/claims.md has the rules.",
    pa.schema(
        [
            _f("claim_id", pa.string(), "stable id: hash of article, cue offsets and models", False),
            _f("article_id", pa.string(), "article the claim is in (`articles.article_id`)", False),
            _f("speaker", pa.string(), "copy of the speaker span (null: the tagger found no source)"),
            _f("speaker_start", pa.int32(), "character offset of the speaker in `articles.text` (`articles.title` when `in_title`)"),
            _f("speaker_end", pa.int32(), "one past the speaker's last character"),
            _f("speaker_key", pa.string(), "the speaker's `entity_key`, `anonymous`, or the folded speaker text when no entity names it"),
            _f("speaker_kind", pa.string(), "person, organization, anonymous, unknown, or the CAMEO actor sector of the speaker's head noun "
               "(government, military, police, judiciary, legislature, media, opposition, rebel, party, business, civilian, "
               "education, health, ngo, ... ; `document` for a report, poll or video that says something)", False),
            _f("speaker_resolution", pa.string(), "how `speaker_key` was found: entity (the phrase names it), role (a role of an "
               "entity, keyed by the role phrase), description / pronoun (resolved to an earlier entity of the article), "
               "author (first person: the writer), anonymous, unlinked (a phrase naming no entity: its folded text), none; "
               "unrecorded on rows of an earlier version that did not record it (docs/lake.md, Upgrading a lake)", False),
            _f("speaker_affiliation", pa.string(), "for a role (\"Ukraine's attorney general\"), the entity key it belongs to"),
            _f("cue", pa.string(), "copy of the cue span: said, claimed, according to, refrained from confirming ...", False),
            _f("cue_start", pa.int32(), "character offset of the cue", False),
            _f("cue_end", pa.int32(), "one past the cue's last character", False),
            _f("cue_class", pa.string(), "assertive, noncommittal (did not confirm ...) or denial (denied ...)", False),
            _f("content", pa.string(), "copy of what was said (null: the tagger found no content)"),
            _f("content_start", pa.int32(), "character offset of the content"),
            _f("content_end", pa.int32(), "one past the content's last character"),
            _f("quote_type", pa.string(), "direct (the content is a quotation), indirect (no quotation marks) or mixed (a paraphrase quoting some words); null without content"),
            _f("via", pa.string(), "the other source of a nested attribution: whom the speaker cites (\"citing a defense source\"), "
               "or the outlet the words come through (\"Interfax quoted Y as saying\", \"Y told CNN\")"),
            _f("via_start", pa.int32(), "character offset of `via`"),
            _f("via_end", pa.int32(), "one past the last character of `via`"),
            _f("via_key", pa.string(), "`via`'s entity key, `anonymous`, or its folded text"),
            _f("event_id", pa.string(), "the event of the article the claim is about (`events.event_id`; null: none found)"),
            _f("target_kind", pa.string(), "what `stance` is toward: `event` (its description: the claim's event, or the article's main "
               "event the content bears on), `title` or `lede` (first sentence of an untitled article) in an article without events "
               "when the content bears on it, `none` (stance `unrelated`)"),
            _f("target_event_id", pa.string(), "the event `stance` is toward when `target_kind` is `event`: `event_id`, or the event of "
               "the article the content bears on (docs/claims.md)"),
            _f("stance", pa.string(), "supports, refutes, neutral or unrelated"),
            _f("stance_scores", _STANCE_SCORES, "the stance model's probabilities, before the cue rules"),
            _f("stance_rule", pa.string(), "what decided `stance`: model, cue:noncommittal, content:noncommittal, cue:denial or "
               "no-target (the content bears on no target)"),
            _f("in_title", pa.bool_(), "a headline attribution (\"Pentagon confirms ...\", \"Kremlin: ...\"): every offset of the row "
               "indexes `articles.title`, not `articles.text`; false on rows of an earlier version", False),
            _f("score", pa.float32(), "the cue's tagger probability (mean over its words; 1 for a headline pattern)", False),
            _f("models", pa.list_(pa.string()), "attribution and stance models (name@weights sha256 prefix)", False),
            _f("run_id", pa.string(), "run that wrote it", False),
        ]
    ),
    ("release", "date"),
)

CLAIM_STANCES = TableSpec(
    "claim_stances",
    "One row per (claim, proposition): the stance of every claim toward each proposition of `claims.propositions` "
    "in the config. Partitioned like `claims`.",
    pa.schema(
        [
            _f("claim_id", pa.string(), "the claim (`claims.claim_id`)", False),
            _f("article_id", pa.string(), "article the claim is in", False),
            _f("proposition_id", pa.string(), "the proposition's id in the config", False),
            _f("proposition", pa.string(), "the proposition's text", False),
            _f("stance", pa.string(), "supports, refutes, neutral or unrelated", False),
            _f("stance_scores", _STANCE_SCORES, "the stance model's probabilities, before the cue rules", False),
            _f("stance_rule", pa.string(), "what decided `stance` (as in `claims`)", False),
            _f("run_id", pa.string(), "run that wrote it", False),
        ]
    ),
    ("release", "date"),
)

_ACTOR = pa.struct([("role", pa.string()), ("entity_key", pa.string()), ("text", pa.string())])
# An event's participant: the argument model's span, the entity it names (null: no entity covers it, e.g.
# "two men") and its CAMEO actor code (docs/event-actors-and-modality.md).
_EVENT_ACTOR = pa.struct(
    [("role", pa.string()), ("entity_key", pa.string()), ("text", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
     ("country", pa.string()), ("sector", pa.string()), ("code", pa.string())]
)
_QUANTITY = pa.struct([("what", pa.string()), ("action", pa.string()), ("value", pa.int64())])
_SPAN = pa.struct([("start", pa.int32()), ("end", pa.int32())])

EVENTS = TableSpec(
    "events",
    "One row per event in an article: its PLOVER category, CAMEO code, modality, trigger and slots. All mentions of one occurrence in an article "
    "(\"struck ... launched six missiles ... five were intercepted\") are one row. Partitioned by `release`, then "
    "`date` = the article's date partition. docs/events.md has the rules.",
    pa.schema(
        [
            _f("event_id", pa.string(), "stable id: hash of article, first trigger offsets and category", False),
            _f("article_id", pa.string(), "article the event is in", False),
            _f("category", pa.string(), "PLOVER category of configs/event_categories.yaml (ASSAULT, CONSULT, ..., and STATEMENT); "
               "null only in rows written before categories whose type has none (accident_disaster)"),
            _f("mode", pa.string(), "the category's mode where the sentence says it (ASSAULT: aerial, drone, ...; null: none)"),
            _f("cameo", pa.string(), "CAMEO root code, two digits 01-20 (null only where `category` is)"),
            _f("cameo_code", pa.string(), "the finer CAMEO code when the trigger's verb says it (\"173\": arrest)"),
            _f("modality", pa.string(), "asserted, denied, hypothetical or future (rows written before modality: asserted)", False),
            _f("event_type", pa.string(), "the type of releases before categories (attack, authorization, ...; "
               "docs/event-categories.md): null where the category had none"),
            _f("trigger", pa.string(), "copy of the first mention's trigger word", False),
            _f("trigger_start", pa.int32(), "character offset of the trigger in `articles.text`", False),
            _f("trigger_end", pa.int32(), "one past the trigger's last character", False),
            _f("mentions", pa.list_(_SPAN), "trigger offsets of every mention of the event in the article", False),
            _f("description", pa.string(), "headline-like line built from the slots; the target its claims' stance is scored against", False),
            _f("event_date", pa.date32(), "when it happened, resolved against `published_at` (null: unknown)"),
            _f("date_precision", pa.string(), "day, month, year or unknown", False),
            _f("date_text", pa.string(), "copy of the date expression it was resolved from"),
            _f("location", pa.string(), "copy of the place as the text names it (\"Russia's Bryansk region\")"),
            _f("location_start", pa.int32(), "character offset of `location`"),
            _f("location_end", pa.int32(), "one past the last character of `location`"),
            _f("location_key", pa.string(), "the place's `entity_key`"),
            _f("actors", pa.list_(_EVENT_ACTOR), "participants: role (agent, target), entity_key (null: no entity), text "
               "(the entity's fullest name in the article, else the span), span, CAMEO country, sector and code", False),
            _f("weapon", pa.string(), "canonical weapon (configs/weapons.yaml, or a named system the entity model found)"),
            _f("weapon_class", pa.string(), "the weapon's class: missile, rocket, drone, artillery, ..."),
            _f("quantities", pa.list_(_QUANTITY), "counts: what (\"missiles\"), action (\"launched\"), value", False),
            _f("sentence_start", pa.int32(), "offset of the first mention's sentence", False),
            _f("sentence_end", pa.int32(), "end of the first mention's sentence", False),
            _f("score", pa.float32(), "the trigger model's probability that this is an event of this category, calibrated on "
               "dev data (the highest of its mentions)", False),
            _f("run_id", pa.string(), "run that wrote it", False),
        ]
    ),
    ("release", "date"),
)

_MEMBER_CLAIM = pa.struct([("claim_id", pa.string()), ("speaker_key", pa.string()), ("stance", pa.string())])
_MEMBER_DETAIL = pa.struct(
    [("slot", pa.string()), ("what", pa.string()), ("action", pa.string()), ("value", pa.string()),
     ("speakers", pa.list_(pa.string()))]
)
_SPEAKER = pa.struct(
    [("speaker_key", pa.string()), ("stance", pa.string()), ("claim_id", pa.string()), ("article_id", pa.string())]
)

_MEMBER = pa.struct(
    [
        ("event_id", pa.string()),
        ("article_id", pa.string()),
        ("article_date", pa.string()),
        ("source", pa.string()),
        ("published_at", UTC_TS),
        ("embedding", pa.list_(pa.float32())),
        ("n_supporting", pa.int32()),
        ("n_refuting", pa.int32()),
        ("n_neutral", pa.int32()),
        ("publisher", pa.string()),
        ("origin", pa.string()),
        ("copy_of", pa.string()),
        ("claims", pa.list_(_MEMBER_CLAIM)),
        ("details", pa.list_(_MEMBER_DETAIL)),
    ]
)

STORIES = TableSpec(
    "stories",
    "One row per story: event mentions of several articles and days clustered as one occurrence, with canonical "
    "slots and the corroboration ledger. Nightly runs add new mentions to existing stories. Partitioned by "
    "`release`, then `date` = the founding event's date (its article's date when the event's is unknown).",
    pa.schema(
        [
            _f("story_id", pa.string(), "stable id: hash of the founding event", False),
            _f("category", pa.string(), "PLOVER category of all its events (null only as in `events`)"),
            _f("event_type", pa.string(), "the type of releases before categories (null where the category had none)"),
            _f("cameo", pa.string(), "the founding event's CAMEO root code"),
            _f("description", pa.string(), "the founding event's description", False),
            _f("event_date", pa.date32(), "canonical date: the most precise date its events give"),
            _f("date_precision", pa.string(), "day, month, year or unknown", False),
            _f("location", pa.string(), "canonical place (first given)"),
            _f("location_key", pa.string(), "its entity key"),
            _f("actors", pa.list_(_ACTOR), "participants of its events, each (role, key) once", False),
            _f("weapon", pa.string(), "most specific weapon its events name"),
            _f("weapon_class", pa.string(), "that weapon's class"),
            _f("event_ids", pa.list_(pa.string()), "member events (`events.event_id`)", False),
            _f("members", pa.list_(_MEMBER), "per member event of an article: article, publisher, origin, publish time, its claims "
               "(id, speaker, stance) and slot values; a syndicated copy is listed with its original's event and `copy_of`", False),
            _f("n_articles", pa.int32(), "distinct articles reporting it, syndicated copies included", False),
            _f("n_publishers", pa.int32(), "distinct publishers (`articles.publisher`) reporting it, copies included", False),
            _f("n_independent", pa.int32(), "distinct origins: a copy counts as its original, articles credited to one wire service as one", False),
            _f("speakers", pa.list_(_SPEAKER), "each speaker of the claims about its events once, with its latest stance (and that claim)", False),
            _f("n_supporting", pa.int32(), "distinct speakers whose latest claim supports it", False),
            _f("n_refuting", pa.int32(), "distinct speakers whose latest claim refutes it", False),
            _f("n_neutral", pa.int32(), "distinct speakers whose latest claim neither confirms nor denies", False),
            _f("first_seen", UTC_TS, "earliest publish time of its articles, copies included"),
            _f("last_seen", UTC_TS, "latest publish time of its articles, copies included"),
            _f("terms", pa.list_(pa.string()), "content words of its events' sentences: what a new mention is compared with", False),
            _f("run_id", pa.string(), "run that last changed it", False),
        ]
    ),
    ("release", "date"),
)

_DETAIL_ARTICLE = pa.struct(
    [("article_id", pa.string()), ("publisher", pa.string()), ("published_at", UTC_TS), ("copy_of", pa.string())]
)

STORY_DETAILS = TableSpec(
    "story_details",
    "One row per story x slot x value: every value the members of a story state for its quantities, weapon, place, "
    "date and agents, with the articles and speakers stating it, so disputed details stay visible (\"killed: 30 / 50 / "
    "57\"). Rewritten with its story; partitioned like `stories`. docs/events.md has the rules.",
    pa.schema(
        [
            _f("story_id", pa.string(), "the story (`stories.story_id`)", False),
            _f("slot", pa.string(), "quantity, weapon, place, date or agent", False),
            _f("what", pa.string(), "quantity: the counted noun (\"people\"); weapon: its class; date: its precision"),
            _f("action", pa.string(), "quantity: what happened to them (\"killed\")"),
            _f("value", pa.string(), "the count, weapon, place key, ISO date or agent key", False),
            _f("n_articles", pa.int32(), "articles stating it, syndicated copies included", False),
            _f("n_publishers", pa.int32(), "their distinct publishers", False),
            _f("articles", pa.list_(_DETAIL_ARTICLE), "the articles stating it, by publish time: id, publisher, publish time, `copy_of`", False),
            _f("speakers", pa.list_(pa.string()), "speaker keys of the claims about the event that state it", False),
            _f("first_seen", UTC_TS, "earliest publish time of those articles"),
            _f("last_seen", UTC_TS, "latest publish time of those articles"),
            _f("run_id", pa.string(), "run that last changed its story", False),
        ]
    ),
    ("release", "date"),
)

_DUMP = pa.struct(
    [
        ("path", pa.string()),
        ("format", pa.string()),
        ("sha256", pa.string()),
        ("n_read", pa.int64()),
        ("n_accepted", pa.int64()),
        ("n_copies", pa.int64()),
        ("n_rejected", pa.int64()),
    ]
)
_COUNT = pa.struct([("name", pa.string()), ("rows", pa.int64())])
_TIMING = pa.struct([("stage", pa.string()), ("seconds", pa.float64())])
_MODEL = pa.struct(
    [
        ("stage", pa.string()),
        ("name", pa.string()),
        ("id", pa.string()),
        ("sha256", pa.string()),
        ("metric", pa.string()),
        ("value", pa.float64()),
    ]
)

RUNS = TableSpec(
    "runs",
    "One row per completed pipeline run: what went in, what came out, how long it took. "
    "Its `dumps` column is the ledger that keeps a dump from being processed twice.",
    pa.schema(
        [
            _f("run_id", pa.string(), "run id: start time + random suffix", False),
            _f("flow", pa.string(), "flow name (`ingest`, `run`, ...)", False),
            _f("status", pa.string(), "`completed` (failed runs publish nothing and are not recorded)", False),
            _f("started_at", UTC_TS, "start, UTC", False),
            _f("finished_at", UTC_TS, "end of processing, UTC", False),
            _f("config_hash", pa.string(), "hash of the effective configuration", False),
            _f("code_version", pa.string(), "newslake version", False),
            _f("models", pa.list_(_MODEL), "models used: stage, name, path, weights hash, and the quality figure recorded at training (metric, value)", False),
            _f("dumps", pa.list_(_DUMP), "input dumps with content hash and per-dump counts: n_read = n_accepted + n_copies + n_rejected (copies: syndicated copies kept as articles)", False),
            _f("rows", pa.list_(_COUNT), "rows written per table", False),
            _f("rejects_by_reason", pa.list_(_COUNT), "rejects per reason code", False),
            _f("timings", pa.list_(_TIMING), "wall seconds per stage", False),
        ]
    ),
    ("release", "date"),
)

# Internal: what dedupe needs to recognise an article already in the lake.
DEDUPE_INDEX = TableSpec(
    "_dedupe",
    "Fingerprints of accepted articles for duplicate detection against the lake.",
    pa.schema(
        [
            _f("article_id", pa.string(), "accepted article", False),
            _f("url_key", pa.string(), "canonical URL without scheme and www."),
            _f("text_key", pa.string(), "SHA-256 of the case- and space-folded text", False),
            _f("minhash", pa.binary(), "MinHash signature (uint32 little-endian)", False),
            _f("publisher", pa.string(), "`articles.publisher`: a repeat from another publisher is a copy, not a duplicate"),
            _f("copy_of", pa.string(), "`articles.copy_of`"),
        ]
    ),
    (),
    public=False,
)

TABLES: dict[str, TableSpec] = {spec.name: spec for spec in (ARTICLES, REJECTS, ENTITIES, ENTITY_INDEX, CLAIMS, CLAIM_STANCES, EVENTS, STORIES,
                                                           STORY_DETAILS, RUNS, DEDUPE_INDEX)}


# Tables the model stages derive from articles: what a release holds, reprocessing replaces and `release rm` deletes.
MODEL_TABLES = ("entities", "claims", "claim_stances", "events")
# Stories and the entity index span articles of many dates: a release holds them and `release rm` deletes them,
# but reprocessing a date range updates them instead of dropping partitions by article date.
RELEASE_TABLES = (*MODEL_TABLES, "stories", "story_details", "entity_index")


def spec(name: str) -> TableSpec:
    try:
        return TABLES[name]
    except KeyError:
        known = ", ".join(n for n, s in TABLES.items() if s.public)
        raise NewslakeError("E021", f"no table named {name!r}; the lake has: {known}") from None


def validate(name: str, table: pa.Table) -> pa.Table:
    """`table` in the declared column order and types, or E023 naming what is wrong."""
    target = spec(name).write_schema
    missing = set(target.names) - set(table.column_names)
    extra = set(table.column_names) - set(target.names)
    if missing or extra:
        raise NewslakeError("E023", f"{name}: missing columns {sorted(missing)}, unexpected columns {sorted(extra)}")
    table = table.select(target.names)
    for field in target:
        if not field.nullable and table.column(field.name).null_count:
            raise NewslakeError("E023", f"{name}: column {field.name!r} must not be null")
    try:
        return table.cast(target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as exc:
        raise NewslakeError("E023", f"{name}: {exc}") from None


def render_docs() -> str:
    """docs/tables.md, generated from the declarations above."""
    out = [
        "# Tables",
        "",
        "Generated from `newslake/schemas.py` by `python -m newslake.schemas > docs/tables.md`; do not edit by hand.",
        "",
        "Layout: `<lake>/<table>/[release=<name>/]date=<YYYY-MM-DD|unknown>/part-*.parquet`.",
        "Read them with `newslake.lake.scan(\"articles\")` or `pl.scan_parquet(\"data/lake/articles/**/*.parquet\", hive_partitioning=True)`.",
        "",
    ]
    for table in TABLES.values():
        if not table.public:
            continue
        out += [f"## `{table.name}`", "", table.doc, "", "| column | type | null | description |", "|---|---|---|---|"]
        for field in table.schema:
            doc = field.metadata[b"doc"].decode()
            out.append(f"| `{field.name}` | `{field.type}` | {'yes' if field.nullable else 'no'} | {doc} |")
        for name in table.partitions:
            out.append(f"| `{name}` | `string` | no | {RELEASE_DOC if name == 'release' else DATE_DOC} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    import sys

    sys.stdout.write(render_docs())

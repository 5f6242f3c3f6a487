"""The pipeline's configuration: pydantic models with every default in one place.

A YAML file (`--config FILE`, see `configs/pipeline.yaml`) overrides any part of
it. Unknown keys are errors, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from newslake.errors import NewslakeError
from newslake.tasks.lake import DEFAULT_LAKE

# How a model's network runs: torch fp32, torch int8 linear layers, or ONNX Runtime with fp32 or int8 weights
# (models/runtime/onnx.py; docs/speed.md gives each path's speed and each model card its dev cost).
Quantize = Literal["none", "int8", "onnx-fp32", "onnx-int8"]
RELEASE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def release_name(name: str) -> str:
    """`name`, checked: it becomes a folder name in the lake, so nothing that could leave the lake or need quoting."""
    if not RELEASE_NAME.match(name):
        raise NewslakeError(
            "E043", f"release name {name!r} is not allowed; use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    return name


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldMap(Strict):
    """Which input field feeds which article column: the first present, non-null name wins.

    The defaults cover news-please dumps (`maintext`, `date_publish`,
    `source_domain`), common CMS exports and the datasets bundled for development.
    """

    text: list[str] = ["maintext", "text", "body", "content", "articleBody", "article"]
    title: list[str] = ["title", "headline"]
    url: list[str] = ["url", "canonical_url", "link"]
    published_at: list[str] = ["date_publish", "published_at", "published", "date", "pubdate", "datePublished"]
    source: list[str] = ["source_domain", "source", "publisher", "site", "sitename"]
    byline: list[str] = ["authors", "author", "byline", "creator"]


class BoilerplateConfig(Strict):
    """Site chrome around the article body ("Follow us on social networks", "Read more").

    Lines matching `patterns` (case-insensitive regexes) are removed at the head and
    tail of a text; lines repeated in at least `min_share` of a publisher's
    articles (when a shard holds at least `min_articles` distinct texts of them)
    are removed anywhere, unless they make up more than `max_learned_share` of a
    text's paragraphs (then they are its body); a trailing run of short lines
    without sentence punctuation (`max_fragment_words`) is removed from the tail.
    """

    patterns: list[str] = [
        r"^(follow|like|find) us( on| at)?\b",
        r"^leave a (review|comment|reply)\b",
        r"^(share|tweet|email|print)( this( article| story| page)?| on \w+)?:?$",
        r"^(sign up|subscribe)\b.{0,60}(newsletter|updates|alerts|now)\b",
        r"^(read|see) (more|also)\b",
        r"^(related|recommended|more) (articles|stories|news|from)\b",
        r"^advertisement$",
        r"^(all rights reserved|copyright\b|©)",
        r"^(click|tap) here\b",
        r"^(comments?|\d+ comments?)$",
    ]
    min_articles: int = Field(5, ge=2)
    min_share: float = Field(0.5, gt=0, le=1)
    max_learned_share: float = Field(0.5, gt=0, le=1)
    max_fragment_words: int = Field(6, ge=0)

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"boilerplate pattern {pattern!r} is not a valid regex: {exc}") from exc
        return patterns


class DedupeConfig(Strict):
    """Near-duplicates: MinHash over word shingles, LSH to find candidates."""

    shingle_words: int = Field(5, ge=1)
    num_perm: int = Field(64, ge=16, le=512)
    threshold: float = Field(0.8, gt=0, lt=1)


class PublishersConfig(Strict):
    """Publisher identity and wire credits (docs/ingest.md).

    `table`: YAML of canonical publisher -> other names (null = configs/publishers.yaml);
    `aliases` are laid over it. `wires`: news agencies whose credit in a byline or dateline
    ("KIEV (Reuters) -") makes articles of several publishers one origin in a story.
    """

    table: str | None = None
    aliases: dict[str, list[str]] = {}
    wires: dict[str, list[str]] = {
        "reuters.com": ["Reuters"],
        "apnews.com": ["AP", "Associated Press"],
        "afp.com": ["AFP", "Agence France-Presse", "Agence France Presse"],
    }


class IngestConfig(Strict):
    """`min_words` counts the headline's words with the text's: a headline and a one-sentence
    standfirst (a news alert, a feed item) is a news item; a stub ("Breaking: more soon.") is not."""

    fields: FieldMap = FieldMap()
    boilerplate: BoilerplateConfig = BoilerplateConfig()
    dedupe: DedupeConfig = DedupeConfig()
    publishers: PublishersConfig = PublishersConfig()
    languages: list[str] = ["en"]
    min_words: int = Field(12, ge=0)
    max_chars: int = Field(300_000, gt=0)
    # Shards are also what the model stages pipeline over: the claims stage of one shard runs beside the entity
    # and event stages of the next. On 1,000 articles, shards of 250 ran the nightly flow in 536.6 s, shards of
    # 1,000 (one shard, so no overlap) in 676.2 s (docs/speed.md).
    shard_size: int = Field(250, gt=0)
    max_shards_in_flight: int = Field(2, gt=0)


class EntitiesConfig(Strict):
    """The entity stage: which model, how it runs, and how mentions are keyed.

    `model` names an adapter in `newslake.models.registry`: `cased-minilm.v1`
    (the bundled default; `path` may point at a retrained artifact) or
    `hf-token-classification.v1` (any local Hugging Face token-classification
    checkpoint folder; `path` required). `quantize` says how its network runs (`Quantize` above).

    The default runs the bundled network under ONNX Runtime with int8 weights, windows sharing no tokens
    (docs/entities.md, "Windows, measured"; docs/speed.md): on CoNLL dev read as whole documents it scores
    0.9128 F1 against fp32's 0.9142 (torch's own int8 0.9025, past the release's 1-point bar) at about
    twice fp32's speed. Only the bundled network is exported: another (`hf-token-classification.v1`) runs in
    torch, fp32 for `none` and the `onnx-*` values, int8 linear layers for `int8`.
    """

    enabled: bool = True
    model: Literal["cased-minilm.v1", "hf-token-classification.v1"] = "cased-minilm.v1"
    path: str | None = None
    quantize: Quantize = "onnx-int8"
    aggregation: Literal["first", "average", "max"] = "first"
    max_tokens: int | None = Field(None, gt=8, description="content tokens per window; default: the model's training length")
    overlap: int = Field(0, ge=0, description="tokens consecutive windows share at least (windows start at sentence starts)")
    token_budget: int = Field(8192, gt=0)
    min_score: float = Field(0.0, ge=0, le=1)
    # Shard tasks submitted at once. 1 suits one machine (the model already uses every
    # core); set it to the number of workers with --runner dask.
    shards_in_flight: int = Field(1, gt=0)
    # canonical name -> other names for it; applied in every article (see docs/entities.md)
    aliases: dict[str, list[str]] = {
        "Armed Forces of Ukraine": ["AFU", "ZSU", "Ukrainian Armed Forces", "Ukraine's Armed Forces"],
        "Volodymyr Zelensky": ["Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Zelenskyy", "Zelenskiy"],
        "Russia's Ministry of Defense": [
            "Russian Ministry of Defense",
            "Russian Defense Ministry",
            "Russian Defence Ministry",
            "Russia's Defense Ministry",
            "Russian Ministry of Defence",
        ],
        "United States": ["U.S.", "US", "USA", "U.S.A.", "United States of America", "America"],
        "United Kingdom": ["U.K.", "UK", "Britain", "Great Britain"],
        "European Union": ["EU", "E.U."],
        "North Atlantic Treaty Organization": ["NATO"],
        "United Nations": ["UN", "U.N."],
        "U.S. State Department": ["State Department", "US State Department", "U.S. Department of State"],
    }
    # label -> names the model cannot be expected to know (CoNLL has no weapons); see tasks/entities/rules.py
    lexicon: dict[str, list[str]] = {
        "MISC": [
            "ATACMS", "HIMARS", "Neptune", "Storm Shadow", "SCALP", "Taurus", "Javelin", "Stinger", "NLAW",
            "Patriot", "IRIS-T", "NASAMS", "Iskander", "Kinzhal", "Kalibr", "Tochka-U", "Shahed", "Geran-2",
            "Bayraktar", "Lancet", "Leopard", "Abrams", "Bradley", "Challenger", "F-16", "S-300", "S-400",
            "Oreshnik",
        ],
        # Institutions and outlets a 1996 Reuters model labels inconsistently (a place, a product).
        "ORG": [
            "Kremlin", "AFU General Staff", "General Staff of the Armed Forces of Ukraine", "Censor.net",
            "RBC-Ukraine", "Ukrainska Pravda", "Kyiv Independent", "Ukrinform", "TASS", "RIA Novosti",
            "Interfax", "Meduza",
        ],
    }

    @model_validator(mode="after")
    def _path_when_needed(self) -> EntitiesConfig:
        if self.model == "hf-token-classification.v1" and not self.path:
            raise ValueError("entities.path is required for hf-token-classification.v1 (a local model folder)")
        return self


class Proposition(Strict):
    """A statement analysts want every claim scored against (`claim_stances` table)."""

    id: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    text: str = Field(min_length=3)


class ClaimsConfig(Strict):
    """The claims stage: attributed statements (speaker, cue, content) and their stance.

    `attribution_model` / `stance_model`: artifact folders; null = the bundled defaults
    (models/artifacts/attribution-minilm, stance-minilm). The stance target of a claim is the
    article's title; `propositions` are scored against every claim as well. `speaker_kinds`
    names words that make an organisation speaker `media`, `government` or `military`
    (docs/claims.md).
    """

    enabled: bool = True
    attribution_model: str | None = None
    stance_model: str | None = None
    # How each runs (`Quantize`): both under ONNX Runtime with int8 weights. The attribution model: content overlap
    # F1 0.885 as with torch's int8, source 0.844 against 0.839, 1.21 times torch int8's speed; the stance model's
    # two networks: dev macro-F1 0.7292 against fp32's 0.7258 (docs/speed.md; each model card gives the dev cost).
    attribution_quantize: Quantize = "onnx-int8"
    stance_quantize: Quantize = "onnx-int8"
    min_score: float = Field(0.0, ge=0, le=1, description="drop attributions whose cue score is lower")
    shards_in_flight: int = Field(1, gt=0)
    propositions: list[Proposition] = []
    speaker_kinds: dict[Literal["media", "government", "military"], list[str]] = {
        "media": [
            "publication", "newspaper", "agency", "outlet", "broadcaster", "channel", "magazine", "journal",
            "times", "post", "news", "tv", "radio", "press", "reuters", "associated press", "bbc", "cnn",
            "tass", "ria novosti", "interfax", "rbc-ukraine", "censor.net", "ukrainska pravda", "ukrinform",
            "kyiv independent", "meduza", "bloomberg", "guardian", "journalist", "editor", "reporter",
            # outlets whose names hold none of the words above
            "npr", "pbs", "abc", "cbs", "nbc", "msnbc", "cnbc", "fox", "c-span", "afp", "ap", "upi", "dpa", "efe",
            "xinhua", "kyodo", "yonhap", "politico", "axios", "usa today", "new yorker", "newsweek", "tribune", "gazette",
            "herald", "telegraph", "breitbart", "buzzfeed", "mashable", "daily beast", "daily caller", "mother jones",
            "national review", "tmz", "yahoo", "sky", "itv", "rt", "sputnik", "izvestia", "kommersant", "vedomosti",
            "unian", "hromadske", "al arabiya", "deutsche welle", "euronews", "france 24", "spiegel", "le monde",
            "haaretz",
        ],
        "government": [
            "ministry", "minister", "government", "kremlin", "white house", "state department", "department",
            "president", "prime minister", "spokesperson", "spokesman", "spokeswoman", "embassy", "parliament",
            "congress", "senate", "administration", "office", "governor", "mayor", "cabinet", "council",
        ],
        "military": [
            "armed forces", "general staff", "army", "military", "navy", "air force", "command", "troops",
            "brigade", "defense forces", "defence forces", "commander", "afu", "pentagon",
        ],
    }

    @field_validator("propositions")
    @classmethod
    def _unique_ids(cls, propositions: list[Proposition]) -> list[Proposition]:
        ids = [p.id for p in propositions]
        if len(ids) != len(set(ids)):
            raise ValueError(f"claims.propositions ids must be unique: {ids}")
        return propositions


class EventsConfig(Strict):
    """The events and stories stages: typed event mentions with slots, clustered across articles.

    `categories` / `weapons`: YAML files (null = configs/event_categories.yaml, configs/weapons.yaml).
    A new event mention joins an existing story only when the evidence says they are one
    occurrence (docs/stories.md): the same type, dates compatible at their precisions (day dates
    at most a day apart; an undated mention's article date at most `story_window_days` from the
    story's), places that agree (equal, or one inside the other), and a cosine of its vector
    (sentence and article lead) with the story's centroid of at least
    `story_corroborated_similarity` when the place agrees (or both are dated and share an actor),
    at least `story_text_similarity` on text alone, and at least `story_undated_similarity` when
    its article has no date either. The three are fitted on the FNC-1 story dev set
    (bench/stories.py, docs/stories.md).
    """

    enabled: bool = True
    categories: str | None = None  # the ontology YAML (null = configs/event_categories.yaml)
    weapons: str | None = None
    # The calibrated trigger probability an event word needs: on the dev set 0.2 gave trigger F1 0.497 and
    # category F1 0.435 (0.5: 0.419 and 0.388): the model's argmax already decides, this drops its least sure words.
    min_score: float = Field(0.2, ge=0, le=1)
    story_window_days: int = Field(3, ge=0, le=60)
    story_text_similarity: float = Field(0.63, ge=-1, le=1)
    story_corroborated_similarity: float = Field(0.52, ge=-1, le=1)
    story_undated_similarity: float = Field(0.82, ge=-1, le=1)
    # How the stories stage's sentence vectors (the base encoder, untuned) run: its fp32 weights under ONNX
    # Runtime give the torch vectors to 1e-3, so the thresholds above, fitted on torch's, hold unchanged.
    story_quantize: Quantize = "onnx-fp32"
    # The event trigger model (BIO over the event categories): its name in the registry, its artifact folder
    # (null = the shipped models/artifacts/events-minilm) and how it runs (`Quantize`). Under `onnx-int8` both event
    # models keep their first encoder layer in fp32 (`registry.EVENT_FP32_LAYERS`; int8 whole cost each 1.4 points).
    # The argument model runs so by default, at 0.17 points less dev exact-span F1 than fp32. The trigger model would
    # lose 0.21 points of dev trigger+category F1, within the release's bar of 1 point, but it runs its fp32 weights
    # under ONNX Runtime (the torch figures): in int8, words near its threshold change on the worked example ("press
    # conference" becomes "press"; with two fp32 layers it finds "to target sites", which fp32 misses), whose
    # events the data contract fixes. docs/speed.md.
    model: Literal["events-minilm.v1"] = "events-minilm.v1"
    path: str | None = None
    quantize: Quantize = "onnx-fp32"
    # The event argument model (AGENT, TARGET, PLACE, TIME spans of a trigger): its name in the registry,
    # its artifact folder (null = the shipped models/artifacts/event-arguments-minilm) and how it runs.
    argument_model: Literal["event-arguments-minilm.v1"] = "event-arguments-minilm.v1"
    argument_path: str | None = None
    argument_quantize: Quantize = "onnx-int8"


class ScheduleConfig(Strict):
    """The nightly deployment (`newslake serve`, prefect.yaml): when, and which inbox into which lake."""

    cron: str = "0 2 * * *"
    timezone: str = "UTC"
    inbox: str = "data/inbox"
    lake: str = DEFAULT_LAKE


class Config(Strict):
    release: str = "base"
    ingest: IngestConfig = IngestConfig()
    entities: EntitiesConfig = EntitiesConfig()
    claims: ClaimsConfig = ClaimsConfig()
    events: EventsConfig = EventsConfig()
    schedule: ScheduleConfig = ScheduleConfig()

    @field_validator("release")
    @classmethod
    def _safe_release(cls, name: str) -> str:
        if not RELEASE_NAME.match(name):
            raise ValueError(f"release name {name!r} must match {RELEASE_NAME.pattern}")
        return name

    @model_validator(mode="after")
    def _model_stages_need_entities(self) -> Config:
        # Speakers are linked to entity keys: the claims stage reads the entities stage's rows.
        if self.claims.enabled and not self.entities.enabled:
            raise ValueError("claims.enabled needs entities.enabled (speakers are linked to entity keys)")
        # Places and actors are entity mentions: the events stage reads the entities stage's rows too.
        if self.events.enabled and not self.entities.enabled:
            raise ValueError("events.enabled needs entities.enabled (places and actors are entity mentions)")
        return self

    def digest(self) -> str:
        """A stable hash of the effective configuration, recorded with every run."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def merge_config(config: Config, path: str | Path) -> Config:
    """`config` with the keys of the YAML file at `path` (e.g. a release's models) laid over it."""
    override = _read_yaml(Path(path))
    merged = _deep_merge(config.model_dump(mode="json"), override)
    return _validate(merged, Path(path))


def _deep_merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _deep_merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return merged


def load_config(path: str | Path | None = None) -> Config:
    """The defaults, overridden by the YAML file at `path` if given."""
    if path is None:
        return Config()
    return _validate(_read_yaml(Path(path)), Path(path))


def _read_yaml(path: Path) -> dict:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise NewslakeError("E001", f"config file {path} does not exist; check the path, or leave the option out for the defaults") from None
    except IsADirectoryError:
        raise NewslakeError("E001", f"config file {path} is a folder; pass a YAML file") from None
    except UnicodeDecodeError:
        raise NewslakeError("E002", f"config file {path} is not UTF-8 text; pass a YAML file") from None
    except yaml.YAMLError as exc:
        raise NewslakeError("E002", f"config file {path} is not valid YAML: {_yaml_problem(exc)}") from None
    if not isinstance(raw, dict):
        raise NewslakeError("E002", f"config file {path} must hold a mapping of keys to values")
    return raw


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """PyYAML's own message spans several lines (it quotes the text); the problem and where it is fit in one."""
    mark = getattr(exc, "problem_mark", None)
    where = "" if mark is None else f" at line {mark.line + 1}, column {mark.column + 1}"
    return f"{getattr(exc, 'problem', None) or str(exc).splitlines()[0]}{where}"


def _validate(raw: dict, path: Path) -> Config:
    try:
        return Config.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])  # empty for a check across keys
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            raise NewslakeError("E003", f"config file {path}: {_unknown_key(first['loc'])}") from None
        raise NewslakeError("E003", f"config file {path}: {f'{where}: ' if where else ''}{message}") from None


def _unknown_key(loc: tuple) -> str:
    """'entites is not a config key; did you mean entities?': the closest key at that level, else the keys there."""
    import difflib

    model: type[BaseModel] = Config
    for part in loc[:-1]:
        field = model.model_fields.get(part) if isinstance(part, str) else None
        if field is None or not (isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel)):
            return f"{'.'.join(map(str, loc))} is not a config key"
        model = field.annotation
    key, known = ".".join(map(str, loc)), list(model.model_fields)
    close = difflib.get_close_matches(str(loc[-1]), known, n=1)
    prefix = "".join(f"{part}." for part in loc[:-1])
    if close:
        return f"{key} is not a config key; did you mean {prefix}{close[0]}?"
    return f"{key} is not a config key; the keys {f'under {prefix[:-1]} ' if prefix else ''}are: {', '.join(known)}"


def render_defaults() -> str:
    """configs/pipeline.yaml: every default written out (`python -m newslake.config`)."""
    head = (
        "# newslake pipeline configuration: every default, written out by `python -m newslake.config`.\n"
        "# Pass a file like this with --config; any key may be left out (the default applies)\n"
        "# and unknown keys are errors. tests/test_package.py checks that this file equals the\n"
        "# built-in defaults, so it always documents them truthfully.\n"
    )
    return head + yaml.safe_dump(Config().model_dump(mode="json"), sort_keys=False, width=120, allow_unicode=True)


if __name__ == "__main__":
    import sys

    sys.stdout.write(render_defaults())

"""The `newslake` command line: the contract that scripts and schedulers rely on.

Every command prints a short summary, shows progress on a terminal, exits
non-zero with a one-line reason on failure, and takes `--lake` and `--config`.
"""

from __future__ import annotations

import json
import logging
import os
import shlex
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.text import Text
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from typer.core import TyperGroup

from newslake.errors import NewslakeError
from newslake.tasks.lake import DEFAULT_LAKE



class _OneLineErrors(TyperGroup):
    """Whatever goes wrong leaves the command line as one `E0xx:` line: usage mistakes (which typer would draw
    as a box), a NewslakeError that no command caught, and anything unforeseen."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        with _one_line_errors():
            return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        with _one_line_errors():
            return super().invoke(ctx)


app = typer.Typer(cls=_OneLineErrors, add_completion=False, no_args_is_help=True, help="Batch NLP pipeline for news corpora.")
console = Console()
errors = Console(stderr=True)


def _print_version(value: bool) -> None:
    if value:
        from newslake.version import code_version

        console.print(f"newslake {code_version()}", highlight=False)
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Batch NLP pipeline for news corpora."""

Inputs = Annotated[list[str], typer.Argument(help="Dumps: files, folders of dumps, or globs.")]
LakeOption = Annotated[str, typer.Option("--lake", help="Lake root: a folder, or an object-store URI such as s3://bucket/lake.")]
ConfigOption = Annotated[Path | None, typer.Option("--config", help="YAML file overriding the defaults.")]
FormatOption = Annotated[str | None, typer.Option("--format", help="Force the dump format: jsonl, csv, html, warc, text, hf, parquet.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's logs.")]
RunnerOption = Annotated[str, typer.Option("--runner", help="Where shard tasks run: local (threads) or dask.")]
QuantizeOption = Annotated[Literal["none", "int8", "onnx-fp32", "onnx-int8"], typer.Option("--quantize", help="How the network runs: torch fp32 or int8, ONNX Runtime fp32 or int8 (docs/speed.md).")]
DaskOption = Annotated[str | None, typer.Option("--dask-address", help="Scheduler of a running Dask cluster (tcp://host:8786); default: a local cluster.")]


@app.command()
def run(
    inputs: Inputs,
    lake: LakeOption = DEFAULT_LAKE,
    config: ConfigOption = None,
    release: Annotated[str | None, typer.Option(help="Release name for derived tables (default: from config).")] = None,
    format: FormatOption = None,
    as_json: JsonOption = False,
    verbose: VerboseOption = False,
    runner: RunnerOption = "local",
    dask_address: DaskOption = None,
) -> None:
    """Run the whole pipeline on dumps and publish every table."""
    _quiet_prefect(verbose)
    _check_before_starting(inputs, config, format, release)
    from newslake.flows import run as run_flow

    flow = _on_runner(run_flow, runner, dask_address)
    summary = _with_progress(lambda: flow(inputs, str(lake), _str(config), release, format), as_json)
    _report(summary, lake, as_json)


@app.command()
def ingest(
    inputs: Inputs,
    lake: LakeOption = DEFAULT_LAKE,
    config: ConfigOption = None,
    format: FormatOption = None,
    as_json: JsonOption = False,
    verbose: VerboseOption = False,
    runner: RunnerOption = "local",
    dask_address: DaskOption = None,
) -> None:
    """Only ingest: dumps -> articles + rejects."""
    _quiet_prefect(verbose)
    _check_before_starting(inputs, config, format)
    from newslake.flows import ingest as ingest_flow

    flow = _on_runner(ingest_flow, runner, dask_address)
    summary = _with_progress(lambda: flow(inputs, str(lake), _str(config), format), as_json)
    _report(summary, lake, as_json)


@app.command()
def reprocess(
    release: Annotated[str, typer.Option(help="Name of the release to write.")],
    models: Annotated[Path | None, typer.Option(help="YAML with the release's models/config (e.g. configs/releases/NAME.yaml).")] = None,
    since: Annotated[str | None, typer.Option(help="First article date (inclusive), YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last article date (inclusive), YYYY-MM-DD.")] = None,
    lake: LakeOption = DEFAULT_LAKE,
    config: ConfigOption = None,
    as_json: JsonOption = False,
    verbose: VerboseOption = False,
    runner: RunnerOption = "local",
    dask_address: DaskOption = None,
) -> None:
    """Rerun the model stages over articles in the lake, as a release beside the others."""
    _quiet_prefect(verbose)
    first, last = _day("--since", since), _day("--until", until)
    if models is not None and not models.is_file():
        _fail(f"E001: models file {models} does not exist; pass --models with a release's YAML such as configs/releases/NAME.yaml")
    from newslake.flows import reprocess as reprocess_flow
    from newslake.flows.context import effective_config

    effective_config(_str(config), release, _str(models))  # a bad config, models file or release name fails here
    flow = _on_runner(reprocess_flow, runner, dask_address)
    summary = _with_progress(lambda: flow(release, _str(models), str(lake), _str(config), first, last), as_json)
    if as_json:
        sys.stdout.write(json.dumps(summary, indent=2, default=str) + "\n")
        return
    rows = ", ".join(f"{name} (+{n:,})" for name, n in summary["rows"].items())
    console.print(f"release {summary['release']} written under {lake}/: {rows}", soft_wrap=True)
    console.print(f"compare it: newslake compare <current release> {summary['release']} --lake {lake}", soft_wrap=True)


@app.command()
def compare(
    release_a: Annotated[str, typer.Argument(help="Release A (e.g. the current one).")],
    release_b: Annotated[str, typer.Argument(help="Release B (e.g. the candidate).")],
    lake: LakeOption = DEFAULT_LAKE,
    out: Annotated[Path | None, typer.Option(help="Report path without suffix; .md and .html are written.")] = None,
) -> None:
    """Row counts, label agreement (entity labels, claim stances, event types) and changed rows between two releases."""
    from newslake.lake import scan
    from newslake.tasks.runs.compare import (Comparison, compare_claims, compare_counts, compare_entities, compare_events,
                                        render_markdown)

    try:
        frames = {r: {t: scan(t, lake, release=r).collect() for t in ("entities", "claims", "events", "stories", "story_details", "entity_index",
                                                                 "runs")}
                  for r in (release_a, release_b)}
    except NewslakeError as exc:
        _fail(str(exc))
    for release, tables in frames.items():
        if tables["runs"].height == 0:
            _fail(f"E041: release {release!r} is not in the lake at {lake}")
    comparison = Comparison(release_a, release_b, [
        compare_entities(frames[release_a]["entities"], frames[release_b]["entities"]),
        compare_claims(frames[release_a]["claims"], frames[release_b]["claims"]),
        compare_events(frames[release_a]["events"], frames[release_b]["events"]),
        compare_counts("stories", frames[release_a]["stories"], frames[release_b]["stories"]),
        compare_counts("story_details", frames[release_a]["story_details"], frames[release_b]["story_details"]),
        compare_counts("entity_index", frames[release_a]["entity_index"], frames[release_b]["entity_index"]),
        compare_counts("runs", frames[release_a]["runs"], frames[release_b]["runs"]),
    ])  # fmt: skip
    recorder = Console(record=True, width=max(console.width, 100))
    _print_comparison(recorder, comparison)
    out = out or Path("reports") / f"compare-{release_a}-vs-{release_b}"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".md").write_text(render_markdown(comparison))
    recorder.save_html(str(out.with_suffix(".html")))
    console.print(recorder.export_text(styles=True), end="", highlight=False)
    console.print(f"report: {out.with_suffix('.md')} and {out.with_suffix('.html')}", soft_wrap=True)


def _print_comparison(target: Console, comparison) -> None:
    summary = Table(title=f"{comparison.a} vs {comparison.b}", title_justify="left")
    for column in ("table", "rows A", "rows B", "articles A", "articles B", "matched", "label agreement"):
        summary.add_column(column, justify="left" if column == "table" else "right")
    for t in comparison.tables:
        agreement = "" if t.agreement is None else f"{t.agreement:.1%}"
        summary.add_row(t.table, f"{t.rows_a:,}", f"{t.rows_b:,}", f"{t.articles_a:,}", f"{t.articles_b:,}", f"{t.matched:,}", agreement)
    target.print(summary)
    for t in comparison.tables:
        for title, frame in ((f"{t.table}: label in A (rows) vs B (columns)", t.confusion), (f"{t.table}: changed rows", t.examples)):
            if frame is None or frame.height == 0:
                continue
            table = Table(title=title, title_justify="left")
            for column in frame.columns:
                table.add_column(column)
            for row in frame.iter_rows():
                table.add_row(*(str(v) for v in row))
            target.print(table)


@app.command()
def report(
    lake: LakeOption = DEFAULT_LAKE,
    release: Annotated[str | None, typer.Option(help="Release to report on (default: the lake's default release).")] = None,
    since: Annotated[str | None, typer.Option(help="First article date (inclusive), YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last article date (inclusive), YYYY-MM-DD.")] = None,
    out: Annotated[Path | None, typer.Option(help="Folder to write (default: reports/<release>).")] = None,
    top: Annotated[int, typer.Option(help="Stories that get a page of their own.", min=1)] = 20,
) -> None:
    """A static HTML report of a release that opens offline: overview, stories, who said what, events, entities."""
    first, last = _day("--since", since), _day("--until", until)
    from newslake.lake import default_release
    from newslake.report import build_report

    release = release or default_release(lake)
    if release is None:
        _fail(f"E021: the lake at {lake} has no release yet; run `newslake run` first or pass the right --lake")
    target = out or Path("reports") / release
    if target.exists() and not target.is_dir():
        _fail(f"E005: --out {target} is a file; pass a folder for the report's pages")
    with _steps_bar(enabled=console.is_terminal) as on_step:
        summary = build_report(lake, target, release, first, last, top, on_step=on_step)
    console.print(f"report of release {summary.release}: {summary.pages} pages, {summary.bytes / 1e6:.1f} MB, "
                  f"{summary.seconds:.1f} s", highlight=False)
    console.print(f"open it: {summary.index} (file://{summary.index.resolve()})", soft_wrap=True, highlight=False)


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help='SQL over the lake\'s tables, e.g. "SELECT stance, count(*) FROM claims GROUP BY stance".')],
    lake: LakeOption = DEFAULT_LAKE,
    release: Annotated[str | None, typer.Option(help="Release of the derived tables (default: the lake's default release).")] = None,
    out: Annotated[Path | None, typer.Option(help="Write the result to a .parquet or .csv file instead of printing it.")] = None,
    limit: Annotated[int, typer.Option(help="Rows printed at most.", min=1)] = 50,
) -> None:
    """Polars SQL over the lake: every table (articles, claims, events, stories, ...) under its own name."""
    import polars as pl

    from newslake.lake import scan
    from newslake.schemas import TABLES

    if out is not None and out.suffix not in (".parquet", ".csv"):
        _fail(f"E005: --out {out} must end in .parquet or .csv")
    tables = {name: scan(name, lake, release if "release" in spec.partitions else None)
              for name, spec in TABLES.items() if spec.public}
    try:
        result = pl.SQLContext(tables).execute(sql).collect()
    except pl.exceptions.PolarsError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        _fail(f"E006: the query failed: {reason}; the tables are {', '.join(tables)} (columns: docs/tables.md)")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        result.write_parquet(out) if out.suffix == ".parquet" else result.write_csv(out)
        console.print(f"{result.height:,} rows written to {out}", highlight=False)
        return
    shown = Table(title=f"{result.height:,} rows" + (f" (first {limit} shown)" if result.height > limit else ""), title_justify="left")
    for column in result.columns:
        shown.add_column(column)
    for row in result.head(limit).iter_rows():
        shown.add_row(*("" if v is None else str(v) for v in row))
    console.print(shown)


@app.command()
def promote(
    release: Annotated[str, typer.Argument(help="Release to make the default.")],
    lake: LakeOption = DEFAULT_LAKE,
    verbose: VerboseOption = False,
) -> None:
    """Make a release the default that `newslake.lake.scan()` reads."""
    from newslake.config import release_name

    release_name(release)
    _quiet_prefect(verbose)
    from newslake.flows import promote as promote_flow

    _require_lake(lake)
    _with_progress(lambda: promote_flow(release, str(lake)), True)
    console.print(f"{release} is now the default release of {lake}")


@app.command()
def serve(
    config: ConfigOption = None,
    inbox: Annotated[str | None, typer.Option(help="Folder (or glob) the dumps arrive in; default from config.")] = None,
    lake: Annotated[str | None, typer.Option("--lake", help="Lake root; default from config.")] = None,
    verbose: VerboseOption = False,
) -> None:
    """Serve the nightly deployment: the run flow on the inbox, on the cron schedule of the config."""
    _quiet_prefect(verbose)
    from prefect import serve as prefect_serve

    from newslake.config import load_config
    from newslake.flows.deploy import nightly_deployment

    try:
        settings = load_config(config)
    except NewslakeError as exc:
        _fail(str(exc))
    overrides = {k: v for k, v in {"inbox": inbox, "lake": None if lake is None else str(lake)}.items() if v}
    settings = settings.model_copy(update={"schedule": settings.schedule.model_copy(update=overrides)})
    schedule = settings.schedule
    console.print(f"serving nightly: cron '{schedule.cron}' ({schedule.timezone}), inbox {schedule.inbox} -> lake {schedule.lake}")
    prefect_serve(nightly_deployment(settings, _str(config)))


@app.command()
def check(
    lake: LakeOption = DEFAULT_LAKE,
    repair: Annotated[bool, typer.Option("--repair", help="Do what can be done safely, and say what was done.")] = False,
    config: ConfigOption = None,
) -> None:
    """Verify the lake: its pointer, every published file (size and sha256), the dump ledger and the dedupe index;
    `--repair` also upgrades files an earlier version wrote to this version's schemas."""
    from newslake.config import load_config
    from newslake.tasks.ingest.publishers import load_publishers
    from newslake.tasks.lake import open_lake
    from newslake.tasks.lake.check import check_lake

    try:
        the_lake = open_lake(lake, create=False)
        if not the_lake.exists():
            _fail(f"E021: there is no lake at {lake}; pass --lake with the lake to check")
        report = check_lake(the_lake, repair=repair, publisher_of=load_publishers(load_config(_str(config)).ingest.publishers).publisher)
    except NewslakeError as exc:
        _fail(str(exc))
    for problem in report.problems:
        console.print(f"[red]damaged[/red] {problem}", soft_wrap=True, highlight=False)
    for done in report.repairs:
        console.print(f"[green]repaired[/green] {done}", soft_wrap=True, highlight=False)
    for advice in report.advice:
        console.print(f"[yellow]to do[/yellow] {advice}", soft_wrap=True, highlight=False)
    if report.ok:
        console.print(f"{lake}: {'repaired' if report.repairs else 'sound'} ({report.files:,} files verified)")
        return
    repair_command = f"newslake check --repair --lake {shlex.quote(str(lake))}"
    _fail(f"E025: {lake} is damaged; " + ("see above for what is left to do" if repair else f"run `{repair_command}` to repair what can be"))


release_app = typer.Typer(no_args_is_help=True, help="Manage releases in the lake.")
app.add_typer(release_app, name="release")


@release_app.command("rm")
def release_rm(
    release: Annotated[str, typer.Argument(help="Release to delete.")],
    lake: LakeOption = DEFAULT_LAKE,
    verbose: VerboseOption = False,
) -> None:
    """Delete a release's derived rows (its runs stay in the ledger)."""
    from newslake.config import release_name

    release_name(release)
    _quiet_prefect(verbose)
    from newslake.flows import remove_release

    _require_lake(lake)
    result = _with_progress(lambda: remove_release(release, str(lake)), True)
    console.print(f"removed {release}: {', '.join(result['folders'])}", soft_wrap=True)


train_app = typer.Typer(no_args_is_help=True, help="Reproduce a shipped model from its training data.")
eval_app = typer.Typer(no_args_is_help=True, help="Score a model on labelled data; prints one JSON object.")
app.add_typer(train_app, name="train")
app.add_typer(eval_app, name="eval")
DATASETS = Path("../shared/datasets")


def _events_train_files(parts: str) -> list[Path]:
    """The hand-annotated events files `data/train/events-train-{part}.jsonl`, one per letter of `parts`:
    the files a trainer reads by default."""
    return [Path(f"data/train/events-train-{part}.jsonl") for part in parts]


@train_app.command("entities")
def train_entities(
    output: Annotated[Path, typer.Option(help="Artifact folder to write.")] = Path("models/artifacts/entities-minilm-cased"),
    train: Annotated[Path, typer.Option(help="CoNLL-2003-format training file.")] = DATASETS / "conll2003/train.txt",
    dev: Annotated[Path, typer.Option(help="CoNLL-2003-format dev file (selects the epoch).")] = DATASETS / "conll2003/valid.txt",
    epochs: int = 5,
    seed: int = 13,
    max_train_sentences: Annotated[int | None, typer.Option(help="Train on the first N sentences (quick runs).")] = None,
) -> None:
    """Fine-tune the default entity model (MiniLM + casing embedding) on CoNLL-2003."""
    for path in (train, dev):
        if not path.is_file():
            _fail(f"E010: {path} does not exist; pass --train/--dev with CoNLL-format files")
    from newslake.models.entities.train import train_entities as train_model

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    result = train_model(train, dev, output, epochs=epochs, seed=seed, max_train_sentences=max_train_sentences)
    sys.stdout.write(json.dumps(result, indent=2, default=str) + "\n")


@eval_app.command("entities")
def eval_entities(
    data: Annotated[Path, typer.Option(help="CoNLL-2003-format file.")],
    config: ConfigOption = None,
    model: Annotated[str | None, typer.Option(help="cased-minilm.v1 or hf-token-classification.v1.")] = None,
    path: Annotated[Path | None, typer.Option(help="Model folder (default: the bundled model).")] = None,
    quantize: Annotated[str | None, typer.Option(help="none, int8, onnx-fp32 or onnx-int8 (docs/speed.md).")] = None,
    documents: Annotated[bool, typer.Option(help="Tag each document (between -DOCSTART- lines) as one text, as articles are.")] = False,
) -> None:
    """Entity precision/recall/F1 (seqeval, strict spans) of a pipeline model, as JSON."""
    if not data.is_file():
        _fail(f"E010: {data} does not exist; pass --data with a CoNLL-2003-format file")
    from newslake.config import EntitiesConfig, load_config
    from newslake.models.evaluation import evaluate_entities
    from newslake.models.registry import load_entity_model

    try:
        settings = load_config(config).entities.model_dump()
        overrides = {"model": model, "path": None if path is None else str(path), "quantize": quantize}
        settings.update({k: v for k, v in overrides.items() if v is not None})
        loaded = load_entity_model(EntitiesConfig.model_validate(settings))
        result = evaluate_entities(loaded, data, documents)
    except NewslakeError as exc:
        _fail(str(exc))
    except ValueError as exc:  # pydantic: a bad --model or --quantize value
        _fail(f"E003: {exc}")
    sys.stdout.write(json.dumps(result, indent=2) + "\n")


@train_app.command("events")
def train_events(
    ngec: Annotated[Path, typer.Option(help="NGEC synthetic stories CSV (story-level PLOVER labels).")] = DATASETS / "ngec/gpt_synthetic_events_2023-10-19_19.csv",
    plover: Annotated[Path, typer.Option(help="PLOVER gold sentences (dev: category accuracy).")] = DATASETS / "plover/PLOVER_GSR_CAMEO.txt",
    dev: Annotated[list[Path], typer.Option(help="Events gold files (dev: trigger and category F1); repeat the option.")] = [Path("data/gold/events-dev-v2b.jsonl"), Path("data/gold/events-dev-v2a.jsonl")],  # noqa: B006
    out: Annotated[Path, typer.Option(help="Artifact folder to write.")] = Path("models/artifacts/events-minilm"),
    annotated: Annotated[list[Path], typer.Option(help="Hand-annotated events files (gold format) to train on as well; repeat the option.")] = _events_train_files("cdefghij"),  # noqa: B006
    epochs: int = 4,  # the shipped model's recipe (its model card)
    seed: int = 13,
    max_sentences: Annotated[int, typer.Option(help="Training sentences sampled from the stories.")] = 6000,
    max_stories: Annotated[int | None, typer.Option(help="Sample N stories first (quick runs).")] = None,
    frozen_layers: Annotated[int, typer.Option(help="Encoder layers (from the bottom) that keep the base's weights.", min=0, max=6)] = 2,
    gold_repeat: Annotated[int, typer.Option(help="Times each annotated sentence is seen per epoch.", min=1)] = 3,
    ignore_statement_words: Annotated[bool, typer.Option(help="Leave the stories' statement words out of the loss instead of labelling them STATEMENT.")] = False,
    stop_after_epochs: Annotated[int | None, typer.Option(help="Stop after N epochs, the schedule still spanning --epochs.")] = None,
    encoder_from: Annotated[Path | None, typer.Option(help="Entity-model folder whose encoder and casing embedding to start from instead of the base's (with --frozen-layers: a branch on the entity model's lower layers).")] = None,
    continue_from: Annotated[Path | None, typer.Option(help="Event-trigger model folder to train further instead of starting from the base.")] = None,
    encoder_lr: Annotated[float, typer.Option(help="Learning rate of the trained encoder layers.", min=0)] = 5e-5,
    head_lr: Annotated[float, typer.Option(help="Learning rate of the classifier head.", min=0)] = 1e-3,
) -> None:
    """Train the event-trigger model (BIO over the event categories) on weakly labelled NGEC stories."""
    for path in (ngec, plover, *dev, *annotated):
        if not path.is_file():
            _fail(f"E010: {path} does not exist; pass --ngec, --plover, --dev and --annotated with existing files")
    for folder, what in ((encoder_from, "--encoder-from an entity-model"), (continue_from, "--continue-from an event-trigger model")):
        if folder is not None and not (folder / "config.json").is_file():
            _fail(f"E010: {folder} is no artifact folder (no config.json); pass {what} folder")
    if encoder_from is not None and continue_from is not None:
        _fail("E003: give --encoder-from or --continue-from, not both: each sets the encoder to start from")
    if stop_after_epochs is not None and not 1 <= stop_after_epochs <= epochs:
        _fail(f"E003: --stop-after-epochs must be between 1 and --epochs ({epochs}), not {stop_after_epochs}")
    from newslake.models.events.train import train_events as train_model

    _train_and_print(train_model, ngec, plover, dev, out, annotated, epochs=epochs, seed=seed,
                     max_sentences=max_sentences, max_stories=max_stories, frozen_layers=frozen_layers,
                     gold_repeat=gold_repeat, ignore_statement_words=ignore_statement_words,
                     stop_after_epochs=stop_after_epochs, encoder_from=encoder_from, continue_from=continue_from,
                     encoder_lr=encoder_lr, head_lr=head_lr)


@train_app.command("tagger")
def train_tagger(
    entity_from: Annotated[Path, typer.Option(help="Entity-model folder to start from (encoder, casing embedding, entity head).")] = Path("models/artifacts/entities-minilm-cased"),
    conll_train: Annotated[Path, typer.Option(help="CoNLL-2003-format training file (the entity head).")] = DATASETS / "conll2003/train.txt",
    conll_dev: Annotated[Path, typer.Option(help="CoNLL-2003-format dev file (the entity head's figures).")] = DATASETS / "conll2003/valid.txt",
    ngec: Annotated[Path, typer.Option(help="NGEC synthetic stories CSV (the event head's weak labels).")] = DATASETS / "ngec/gpt_synthetic_events_2023-10-19_19.csv",
    plover: Annotated[Path, typer.Option(help="PLOVER gold sentences (dev: category accuracy).")] = DATASETS / "plover/PLOVER_GSR_CAMEO.txt",
    dev: Annotated[list[Path], typer.Option(help="Events gold files (dev: trigger and category F1); repeat the option.")] = [Path("data/gold/events-dev-v2b.jsonl"), Path("data/gold/events-dev-v2a.jsonl")],  # noqa: B006
    annotated: Annotated[list[Path], typer.Option(help="Hand-annotated events files (gold format) to train the event head on as well; repeat the option.")] = _events_train_files("cdefghij"),  # noqa: B006
    out: Annotated[Path, typer.Option(help="Artifact folder to write.")] = Path("models/artifacts/tagger-minilm"),
    epochs: int = 3,
    seed: int = 13,
    max_sentences: Annotated[int, typer.Option(help="Event sentences sampled from the stories.")] = 6000,
    max_stories: Annotated[int | None, typer.Option(help="Sample N stories first (quick runs).")] = None,
    max_conll_sentences: Annotated[int | None, typer.Option(help="Train on the first N CoNLL sentences (quick runs).")] = None,
    gold_repeat: Annotated[int, typer.Option(help="Times each annotated sentence is seen per epoch.", min=1)] = 3,
) -> None:
    """Train the news tagger: the entity model with an event-word head, both over one encoder pass."""
    for file in (conll_train, conll_dev, ngec, plover, *dev, *annotated):
        if not file.is_file():
            _fail(f"E010: {file} does not exist; pass --conll-train, --conll-dev, --ngec, --plover, --dev and "
                  "--annotated with existing files")
    if not (entity_from / "config.json").is_file():
        _fail(f"E010: {entity_from} is no artifact folder (no config.json); pass --entity-from an entity-model folder")
    from newslake.models.tagger.train import train_tagger as train_model

    _train_and_print(train_model, entity_from, conll_train, conll_dev, ngec, plover, dev, out, annotated,
                     epochs=epochs, seed=seed, max_sentences=max_sentences, max_stories=max_stories,
                     max_conll_sentences=max_conll_sentences, gold_repeat=gold_repeat)


@eval_app.command("event-triggers")
def eval_event_triggers(
    data: Annotated[list[Path], typer.Option(help="Events gold files (v2, or v1 scored on its mapped categories); repeat the option.")] = [Path("data/gold/events-dev-v2b.jsonl"), Path("data/gold/events-dev-v2a.jsonl")],  # noqa: B006
    plover: Annotated[Path | None, typer.Option(help="PLOVER gold sentences: category accuracy and trigger recall.")] = DATASETS / "plover/PLOVER_GSR_CAMEO.txt",
    v1: Annotated[Path | None, typer.Option(help="A v1 gold file scored apart, on the categories its legacy types map to.")] = Path("data/gold/events-dev.jsonl"),
    config: ConfigOption = None,
    path: Annotated[Path | None, typer.Option(help="Model folder (default: the bundled model).")] = None,
    quantize: Annotated[str | None, typer.Option(help="none, int8, onnx-fp32 or onnx-int8 (docs/speed.md).")] = None,
    speed: Annotated[Path | None, typer.Option(help="Articles JSONL (e.g. polnear/articles.jsonl): also time this model and the entity model on its first --speed-n articles.")] = None,
    speed_n: int = 50,
    threads: Annotated[int, typer.Option(help="CPU threads (the model card's figures: 2).", min=1)] = 2,
) -> None:
    """Trigger P/R/F1, category F1, PLOVER category accuracy, score reliability and speed of the event-trigger
    model: every figure of its model card, as JSON."""
    for file in (*data, *(p for p in (plover, v1, speed) if p is not None)):
        if not file.is_file():
            _fail(f"E010: {file} does not exist; pass --data, --plover, --v1 and --speed with existing files")
    import torch

    from newslake.config import EventsConfig, load_config
    from newslake.models.events.evaluate import evaluate_event_triggers
    from newslake.models.events.network import temperature_of
    from newslake.models.registry import load_entity_model, load_event_model

    torch.set_num_threads(threads)
    try:
        loaded_config = load_config(config)
        settings = loaded_config.events.model_dump()
        settings.update({k: v for k, v in {"path": _str(path), "quantize": quantize}.items() if v is not None})
        loaded = load_event_model(EventsConfig.model_validate(settings))
        temperature = temperature_of(loaded.path)
        result = {"model": loaded.name, "sha256": loaded.sha256,
                  **evaluate_event_triggers(loaded.runner, temperature, [str(p) for p in data], _str(plover), _str(v1))}
        if speed is not None:
            from newslake.models.events.speed import articles_per_second, read_articles

            entities = load_entity_model(loaded_config.entities)
            rates = articles_per_second({"events": loaded.runner, "entities": entities.runner},
                                        read_articles(speed, speed_n))
            result["speed"] = {"articles": speed_n, "file": speed.name, "threads": threads,
                               "events_model": loaded.name, "entity_model": entities.name,
                               "articles_per_second": rates,
                               "events_cost_vs_entities": round(rates["entities"] / rates["events"], 3)}
    except NewslakeError as exc:
        _fail(str(exc))
    except ValueError as exc:  # pydantic: a bad --quantize value
        _fail(f"E003: {exc}")
    sys.stdout.write(json.dumps(result, indent=2) + "\n")


@train_app.command("stance")
def train_stance(
    fnc: Annotated[Path, typer.Option(help="FNC-1 folder (train_bodies.csv + train_stances.csv); dev is split off by headline.")],
    emergent: Annotated[Path, typer.Option(help="Emergent folder (url-versions-2015-06-14-clean-train/-test.csv).")],
    out: Annotated[Path, typer.Option(help="Artifact folder to write.")],
    epochs: Annotated[int, typer.Option(help="Epochs the learning-rate schedule spans.")] = 2,
    stop_after_epochs: Annotated[int | None, typer.Option(help="Stop after N epochs, the schedule still spanning --epochs (the shipped model: 1 of 2).")] = None,
    seed: int = 13,
    max_pairs: Annotated[int | None, typer.Option(help="Sample N FNC-1 pairs (and at most N Emergent pairs; quick runs).")] = None,
    cache_dir: Annotated[Path | None, typer.Option(help="Embedding cache (default: the system temp folder).")] = None,
) -> None:
    """Train the default stance model (relatedness + MiniLM cross-encoder) on FNC-1 and Emergent."""
    from newslake.models.stance.data import EMERGENT_TEST, EMERGENT_TRAIN, fnc_files

    try:
        fnc_files(fnc)
    except NewslakeError as exc:
        _fail(str(exc))
    for path in (emergent / EMERGENT_TRAIN, emergent / EMERGENT_TEST):
        if not path.is_file():
            _fail(f"E010: {path} does not exist; pass --emergent with the Emergent folder")
    if stop_after_epochs is not None and not 1 <= stop_after_epochs <= epochs:
        _fail(f"E003: --stop-after-epochs must be between 1 and --epochs ({epochs}), not {stop_after_epochs}")
    from newslake.models.stance import train_stance as train_model

    _train_and_print(train_model, fnc, out, emergent_dir=emergent, epochs=epochs, seed=seed, max_pairs=max_pairs,
                     cache_dir=cache_dir, stop_after_epochs=stop_after_epochs)


@train_app.command("attribution")
def train_attribution(
    polnear: Annotated[Path, typer.Option(help="PolNeAR folder: articles.jsonl, attributions_train.jsonl, attributions_dev.jsonl.")],
    out: Annotated[Path, typer.Option(help="Artifact folder to write.")],
    epochs: int = 4,  # the shipped head's recipe (its model card)
    seed: int = 13,
    max_articles: Annotated[int | None, typer.Option(help="Train on N sampled articles (quick runs).")] = None,
    time_limit_s: Annotated[float | None, typer.Option(help="Stop after the epoch during which the wall time passes S seconds.")] = None,
    from_layer: Annotated[int, typer.Option(help="Encoder layer the head reads (0: the embeddings; 6: the last layer).")] = 0,
    head_layers: Annotated[int, typer.Option(help="Transformer layers of the head, copied from the encoder layers above from-layer.")] = 6,
) -> None:
    """Train the default attribution model (source / cue / content) on PolNeAR from the bundled entity encoder."""
    for name in ("articles", "attributions_train", "attributions_dev"):
        if not (polnear / f"{name}.jsonl").is_file():
            _fail(f"E010: {polnear / f'{name}.jsonl'} does not exist; pass --polnear with the PolNeAR folder")
    from newslake.models.attribution import train_attribution as train_model

    _train_and_print(train_model, polnear, out, epochs=epochs, seed=seed, max_articles=max_articles,
                     time_limit_s=time_limit_s, from_layer=None if from_layer == 6 else from_layer, head_layers=head_layers)


def _train_and_print(train_model: Any, *args: Any, **kwargs: Any) -> None:
    """Run a training function with progress logged to stderr; print its training record as JSON."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    try:
        result = train_model(*args, **kwargs)
    except NewslakeError as exc:
        _fail(str(exc))
    sys.stdout.write(json.dumps(result, indent=2, default=str) + "\n")


@eval_app.command("stance")
def eval_stance(
    data: Annotated[Path, typer.Option(help="FNC-1 folder or *stances.csv, Emergent CSV, or JSONL of {target, text, label}.")],
    model: Annotated[Path | None, typer.Option(help="Model folder (default: the bundled model).")] = None,
    split: Annotated[str, typer.Option(help="all, or dev: only the headline-held-out dev split of an FNC-1 folder, as training made it.")] = "all",
    quantize: QuantizeOption = "none",
) -> None:
    """Stance macro-F1, per-class F1, confusion matrix and FNC-1 score of a stance model, as JSON."""
    import tempfile

    from newslake.models.stance import evaluate_stance

    if split not in ("all", "dev"):
        _fail(f"E003: --split must be all or dev, not {split!r}")
    try:
        if split == "all":
            result = evaluate_stance(data, model, quantize)
        else:
            pairs, about = _stance_dev_split(data, model)
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "dev.jsonl"
                rows = ({"target": p.target, "text": p.text, "label": p.label} for p in pairs)
                path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
                result = {**evaluate_stance(path, model, quantize), "data": str(data), "split": about}
    except NewslakeError as exc:
        _fail(str(exc))
    sys.stdout.write(json.dumps(result, indent=2) + "\n")


def _stance_dev_split(data: Path, model: Path | None) -> tuple[list, dict]:
    """The dev pairs that `train_stance` held out of an FNC-1 folder: `headline_split` with the model's recorded
    dev fraction and seed (0.15 and 13, the defaults, when its config has none), after the same `max_pairs` sample."""
    import random

    from newslake.models.stance import DEFAULT_ARTIFACT, headline_split, read_fnc
    from newslake.models.stance.data import headline_key

    if not data.exists():
        raise NewslakeError("E010", f"{data} does not exist; --split dev needs an FNC-1 folder or *stances.csv file")
    if data.suffix in (".jsonl", ".csv") and not data.name.endswith("stances.csv"):
        raise NewslakeError("E003", f"--split dev needs an FNC-1 folder or *stances.csv file, not {data}")
    config_path = (model or DEFAULT_ARTIFACT) / "config.json"
    training = json.loads(config_path.read_text()).get("training", {}) if config_path.is_file() else {}
    recipe = training.get("recipe", {})
    fraction, seed = recipe.get("dev_fraction", 0.15), recipe.get("seed", 13)
    max_pairs = training.get("data", {}).get("fnc1", {}).get("max_pairs")
    pairs = read_fnc(data)
    if max_pairs is not None and max_pairs < len(pairs):
        pairs = random.Random(seed).sample(pairs, max_pairs)
    _, dev = headline_split(pairs, fraction, seed)
    about = {"name": "dev", "by": "headline", "dev_fraction": fraction, "seed": seed, "max_pairs": max_pairs,
             "headlines": len({headline_key(p.target) for p in dev})}
    return dev, about


@eval_app.command("attribution")
def eval_attribution(
    data: Annotated[Path, typer.Option(help="PolNeAR-format attributions JSONL (e.g. attributions_dev.jsonl).")],
    articles: Annotated[Path | None, typer.Option(help="Articles JSONL (default: articles.jsonl beside --data).")] = None,
    model: Annotated[Path | None, typer.Option(help="Model folder (default: the bundled model).")] = None,
    quantize: QuantizeOption = "none",
) -> None:
    """Exact and overlap P/R/F1 of source, cue and content (and pairing scores) of an attribution model, as JSON."""
    from newslake.models.attribution import evaluate_attribution

    if not data.is_file():  # checked first: evaluate_attribution reads the articles beside it before it
        _fail(f"E010: {data} does not exist; pass --data with a PolNeAR attributions JSONL file")
    try:
        result = evaluate_attribution(data, articles, model, quantize)
    except NewslakeError as exc:
        _fail(str(exc))
    sys.stdout.write(json.dumps(result, indent=2) + "\n")


@eval_app.command("events")
def eval_events(
    data: Annotated[list[Path] | None, typer.Option(help="Gold events JSONL (docs/event-annotation.md), e.g. data/gold/events-dev.jsonl; repeat to pool files.")] = None,
    plover: Annotated[Path | None, typer.Option(help="PLOVER gold sentences (PLOVER_GSR_CAMEO.txt): category accuracy, source and target recall.")] = None,
    config: ConfigOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Events stage figures: trigger, category and slot precision/recall/F1, per category, calibration; PLOVER accuracy."""
    from newslake.config import load_config
    from newslake.tasks.events.evaluation import evaluate_events, evaluate_plover

    if not data and plover is None:
        _fail("E005: give --data FILE (an events gold file; repeat to pool) or --plover FILE, or both")
    for path in [*(data or []), *([plover] if plover is not None else [])]:
        if not path.is_file():
            _fail(f"E010: {path} does not exist; pass --data with an events gold file or --plover with PLOVER_GSR_CAMEO.txt")
    try:
        settings = load_config(config)
        result = evaluate_events(data, settings) if data else {}
        if plover is not None:
            result["plover"] = evaluate_plover(plover, settings)
    except NewslakeError as exc:
        _fail(str(exc))
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    if data:
        _print_event_figures(result)
    if plover is not None:
        _print_plover_figures(result["plover"])


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _print_event_figures(result: dict) -> None:
    counts = f"{result['n_docs']} articles, {result['n_gold_events']} gold and {result['n_predicted_events']} predicted events"
    left_out = result["left_out"]
    if left_out["gold_events"] or left_out["predicted_events"]:
        counts += (f" ({left_out['gold_events']} gold and {left_out['predicted_events']} predicted left out: no event any more, "
                   "or a category the file did not annotate)")
    for title, rows in ((f"events: {', '.join(Path(path).name for path in result['data'])}", result["slots"]), ("per category", result["per_category"])):
        table = Table(title=title, title_justify="left", caption=counts if title != "per category" else None, caption_justify="left")
        for column in ("", "P", "R", "F1", "predicted", "gold", "correct"):
            table.add_column(column, justify="left" if not column else "right")
        for name, scores in rows.items():
            table.add_row(name, *(_ratio(scores[k]) for k in ("precision", "recall", "f1")),
                          *(str(scores[k]) for k in ("predicted", "gold", "correct")))
        console.print(table)
    table = Table(title="on matched events", title_justify="left")
    for column in ("", "accuracy", "correct", "n"):
        table.add_column(column, justify="left" if not column else "right")
    for name, key in (("CAMEO root", "cameo_root"), ("modality", "modality"), ("actor role (agent/target)", "actor_roles")):
        scores = result[key]
        table.add_row(name, _ratio(scores["accuracy"]), str(scores["correct"]), str(scores["n"]))
    console.print(table)
    reliability = result["reliability"]
    table = Table(title="reliability of `score` (category-matched share per score bin)", title_justify="left",
                  caption=f"expected calibration error {_ratio(reliability['ece'])} over {reliability['n']} events",
                  caption_justify="left")
    for column in ("score", "events", "correct", "precision", "mean score"):
        table.add_column(column, justify="right")
    for row in reliability["bins"]:
        table.add_row(f"{row['low']:.1f}-{row['high']:.1f}", str(row["n"]), str(row["correct"]), _ratio(row["precision"]),
                      _ratio(row["mean_score"]))
    console.print(table)


def _print_plover_figures(result: dict) -> None:
    skipped = ", ".join(f"{n} {why}" for why, n in result["skipped"].items())
    table = Table(title=f"PLOVER: {Path(result['data']).name}", title_justify="left", caption_justify="left",
                  caption=f"{result['n_sentences']} sentences, {result['no_event']} without an event"
                          + (f"; skipped: {skipped}" if skipped else ""))
    for column in ("", "accuracy / recall", "correct", "of"):
        table.add_column(column, justify="left" if not column else "right")
    category, sources, targets = result["category"], result["sources"], result["targets"]
    table.add_row("category", _ratio(category["accuracy"]), str(category["correct"]), str(category["n"]))
    table.add_row("sources", _ratio(sources["recall"]), str(sources["found"]), str(sources["gold"]))
    table.add_row("targets", _ratio(targets["recall"]), str(targets["found"]), str(targets["gold"]))
    console.print(table)
    table = Table(title="PLOVER per category", title_justify="left")
    for column in ("", "accuracy", "correct", "sentences", "answered"):
        table.add_column(column, justify="left" if not column else "right")
    for name, scores in result["per_category"].items():
        table.add_row(name, _ratio(scores["accuracy"]), str(scores["correct"]), str(scores["n"]), str(scores["predicted"]))
    console.print(table)


@eval_app.command("claims")
def eval_claims(
    data: Annotated[Path, typer.Option(help="Gold claims JSONL (docs/claim-annotation.md), e.g. data/gold/claims-test.jsonl.")],
    config: ConfigOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Claims stage figures: claim P/R/F1 (cue overlap), speaker, cue, content, via, quote type and stance on matched claims."""
    from newslake.config import load_config
    from newslake.tasks.claims.evaluation import evaluate_claims

    if not data.is_file():
        _fail(f"E010: {data} does not exist; pass --data with a claims gold file")
    try:
        result = evaluate_claims(data, load_config(config))
    except NewslakeError as exc:
        _fail(str(exc))
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    _print_claim_figures(result)


def _print_claim_figures(result: dict) -> None:
    claims = result["claims"]
    table = Table(title=f"claims: {Path(result['data']).name}", title_justify="left", caption_justify="left",
                  caption=f"{result['n_docs']} articles, {claims['gold']} gold and {claims['predicted']} predicted claims; "
                          "a claim matches when its cue overlaps a gold cue (one-to-one)")
    for column in ("", "P", "R", "F1", "predicted", "gold", "correct"):
        table.add_column(column, justify="left" if not column else "right")
    for name, key, correct in (("claims", "claims", "matched"), ("  in the body", "body_claims", "matched"),
                               ("  in the title", "title_claims", "matched"), ("via (over all claims)", "via", "correct")):
        scores = result[key]
        table.add_row(name, *(_ratio(scores[k]) for k in ("precision", "recall", "f1")),
                      *(str(scores[k]) for k in ("predicted", "gold", correct)))
    content = result["content"]
    table.add_row("content (overlap, matched claims)", *(_ratio(content[k]) for k in ("precision", "recall", "f1")),
                  str(content["predicted"]), str(content["gold"]), str(content["overlapping_gold"]))
    console.print(table)
    table = Table(title="on matched claims", title_justify="left", caption_justify="left",
                  caption=f"content: mean character F1 {_ratio(content['mean_span_f1'])} (partial credit)")
    for column in ("", "accuracy", "correct", "n"):
        table.add_column(column, justify="left" if not column else "right")
    for name, key in (("speaker (spans overlap, or both absent)", "speaker"), ("cue (identical span)", "cue_exact"),
                      ("quote type", "quote_type"), ("stance", "stance")):
        scores = result[key]
        table.add_row(name, _ratio(scores["accuracy"]), str(scores["correct"]), str(scores["n"]))
    console.print(table)
    confusion = result["stance"]["confusion"]
    table = Table(title="stance on matched claims (rows gold, columns predicted)", title_justify="left")
    table.add_column("")
    for label in confusion:
        table.add_column(label, justify="right")
    for label, row in confusion.items():
        table.add_row(label, *(str(n) for n in row.values()))
    console.print(table)


@train_app.command("event-arguments")
def train_event_arguments(
    qasrl: Annotated[Path, typer.Option(help="QA-SRL folder (gold/ and sentences/); trains on wikipedia.dev, wikipedia.test, wikinews.dev, selects on wikinews.test.")] = DATASETS / "qasrl",
    out: Annotated[Path, typer.Option(help="Artifact folder to write.")] = Path("models/artifacts/event-arguments-minilm"),
    epochs: int = 5,  # the shipped model's recipe (its model card)
    seed: int = 13,
    max_train: Annotated[int | None, typer.Option(help="Train on the first N verbs (quick runs).")] = None,
    max_dev: Annotated[int | None, typer.Option(help="Select on the first N dev verbs (quick runs).")] = None,
    stop_after_epochs: Annotated[int | None, typer.Option(help="Stop after N epochs, the schedule still spanning --epochs.")] = None,
    annotated: Annotated[list[Path], typer.Option(help="Hand-annotated events files (gold format) to train on as well, one example per event trigger; repeat the option.")] = _events_train_files("cdefghijklmnopqrstuvwx"),  # noqa: B006
    max_annotated: Annotated[int | None, typer.Option(help="Train on the first N examples of the annotated files (quick runs).")] = None,
    open_targets: Annotated[str, typer.Option(help="Words of annotated examples outside their actors and place taught 'O or a role', not 'O' (the annotation marks named participants only): none, all (TARGET everywhere), or qasrl (the role --qasrl-model gives the word). The model card has all three.")] = "none",
    qasrl_model: Annotated[Path | None, typer.Option(help="With --open-targets qasrl: a model folder trained with --qasrl-only.")] = None,
    qasrl_only: Annotated[bool, typer.Option(help="Train on QA-SRL alone, without --annotated files (how the shipped model was made).")] = False,
) -> None:
    """Train the event argument model (AGENT, TARGET, PLACE, TIME spans of a trigger) on QA-SRL and hand-annotated
    news events."""
    if not (qasrl / "gold").is_dir():
        _fail(f"E010: {qasrl / 'gold'} does not exist; pass --qasrl with the QA-SRL folder (gold/ and sentences/)")
    annotated = [] if qasrl_only else annotated
    for path in annotated:
        if not path.is_file():
            _fail(f"E010: {path} does not exist; pass --annotated with events gold files, or --qasrl-only")
    if stop_after_epochs is not None and not 1 <= stop_after_epochs <= epochs:
        _fail(f"E003: --stop-after-epochs must be between 1 and --epochs ({epochs}), not {stop_after_epochs}")
    if open_targets not in ("none", "all", "qasrl"):
        _fail(f"E003: --open-targets must be none, all or qasrl, not {open_targets!r}")
    if (open_targets == "qasrl") != (qasrl_model is not None):
        _fail("E003: --open-targets qasrl needs --qasrl-model (a model trained with --qasrl-only), and only it")
    from newslake.models.event_arguments.train import train_arguments

    _train_and_print(train_arguments, qasrl, out, epochs=epochs, seed=seed, max_train=max_train, max_dev=max_dev,
                     stop_after_epochs=stop_after_epochs, annotated=annotated, max_annotated=max_annotated,
                     open_targets=open_targets, qasrl_model=qasrl_model)


@eval_app.command("event-arguments")
def eval_event_arguments(
    qasrl: Annotated[Path, typer.Option(help="QA-SRL folder (gold/ and sentences/).")] = DATASETS / "qasrl",
    split: Annotated[str, typer.Option(help="QA-SRL split to score (the model's dev split: wikinews.test).")] = "wikinews.test",
    plover: Annotated[Path | None, typer.Option(help="PLOVER_GSR_CAMEO.txt: also score source/target recall.")] = None,
    config: ConfigOption = None,
    path: Annotated[Path | None, typer.Option(help="Model folder (default: the bundled model).")] = None,
    quantize: Annotated[str | None, typer.Option(help="none, int8, onnx-fp32 or onnx-int8 (docs/speed.md).")] = None,
    threads: Annotated[int, typer.Option(help="CPU threads (the model card's speed: 2).", min=1)] = 2,
) -> None:
    """Per-role P/R/F1 (exact, head word, overlap) of the event argument model on QA-SRL, its speed,
    and its source/target recall on PLOVER, as JSON."""
    import torch

    from newslake.config import EventsConfig, load_config
    from newslake.models.event_arguments.evaluate import evaluate_model
    from newslake.models.registry import load_argument_model

    torch.set_num_threads(threads)
    try:
        settings = load_config(config).events.model_dump()
        overrides = {"argument_path": None if path is None else str(path), "argument_quantize": quantize}
        settings.update({k: v for k, v in overrides.items() if v is not None})
        loaded = load_argument_model(EventsConfig.model_validate(settings))
        result = evaluate_model(loaded, qasrl, split, plover)
    except NewslakeError as exc:
        _fail(str(exc))
    except ValueError as exc:  # pydantic: a bad --quantize value
        _fail(f"E003: {exc}")
    sys.stdout.write(json.dumps(result, indent=2) + "\n")


def main() -> None:
    app()


def _str(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _on_runner(flow: Any, runner: str, address: str | None) -> Any:
    from newslake.flows.runners import with_runner

    try:
        return with_runner(flow, runner, address)  # type: ignore[arg-type]
    except NewslakeError as exc:
        _fail(str(exc))


def _check_before_starting(inputs: list[str], config: Path | None, format: str | None, release: str | None = None) -> None:
    """Typos in paths, configs and release names fail in one line before any flow machinery starts."""
    from newslake.config import load_config, release_name

    if release is not None:
        release_name(release)
    from newslake.tasks.ingest.readers import discover_dumps

    try:
        load_config(config)
        discover_dumps(inputs, format)
    except NewslakeError as exc:
        _fail(str(exc))


def _quiet_prefect(verbose: bool) -> None:
    # Must happen before Prefect is imported: its settings are read once.
    if not verbose:
        # The CLI reports the outcome itself, in one line; --verbose shows Prefect's logs.
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "CRITICAL")
        os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
    if not verbose:
        logging.getLogger("distributed").setLevel(logging.WARNING)
    # The temporary Prefect server can take long to start on two busy cores.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    # No network beyond the lake: the ephemeral server must not phone home.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if not verbose:
        _quiet_libraries()


def _quiet_libraries() -> None:
    """Library chatter that tells the user nothing they can act on stays off the terminal (--verbose shows it)."""
    import threading
    import warnings

    # The models read long texts in windows of 512 tokens; the tokenizer warns about the whole text's length anyway.
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    if "transformers" in sys.modules:  # imported already: the variable is read at import only
        sys.modules["transformers"].logging.set_verbosity_error()
    for message in ("pkg_resources is deprecated", "Setuptools is replacing distutils", ".*setuptools"):
        warnings.filterwarnings("ignore", message=message)
    warnings.filterwarnings("ignore", module="(setuptools|pkg_resources|_distutils_hack)")
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)  # "Task was destroyed but it is pending!" at exit
    default_hook = threading.excepthook

    def quiet_at_exit(args: threading.ExceptHookArgs) -> None:
        # Prefect's background threads (event and log workers, the ephemeral server's loop) can fail while the
        # interpreter shuts down, after the command has printed its result: not the user's concern.
        if sys.is_finalizing() or not threading.main_thread().is_alive():
            return
        default_hook(args)

    threading.excepthook = quiet_at_exit


def _day(option: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        _fail(f"E044: {option} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-11-19")


def _require_lake(lake: str | Path) -> None:
    """For commands that change a release: a mistyped --lake must not leave a new, empty lake behind."""
    from newslake.tasks.lake import open_lake

    if not open_lake(str(lake), create=False).exists():
        _fail(f"E021: there is no lake at {lake}; pass --lake with the lake that holds the release")


def _with_progress(work: Any, quiet: bool) -> dict:
    try:
        with _progress_bar(enabled=not quiet and console.is_terminal):
            return work()
    except NewslakeError as exc:
        _fail(str(exc))


@contextmanager
def _one_line_errors() -> Iterator[None]:
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except NewslakeError as exc:
        _fail(str(exc))
    except typer.TyperException as exc:  # typer's own parsing errors: a missing option, a value of the wrong type
        if type(exc).__name__ == "NoArgsIsHelpError":  # a bare `newslake` or `newslake eval`: the help is the answer
            raise
        command = getattr(getattr(exc, "ctx", None), "command_path", None) or "newslake"
        _fail(f"E005: {exc.format_message().rstrip('.')}; see {command} --help")
    except Exception as exc:
        if os.environ.get("NEWSLAKE_TRACEBACK"):
            raise
        _fail(f"E090: unexpected {type(exc).__name__}: {exc}; NEWSLAKE_TRACEBACK=1 shows the traceback")


def _fail(line: str) -> None:
    # One line whatever the message holds (a quoted snippet, an exception's own line breaks); printed without
    # markup, since paths and messages hold brackets. The code leads, so scripts can match on it.
    code, _, reason = " ".join(part.strip() for part in line.splitlines() if part.strip()).partition(" ")
    errors.print(Text.assemble((code, "red"), " ", reason), highlight=False, soft_wrap=True)
    raise typer.Exit(1)


@contextmanager
def _progress_bar(enabled: bool):
    if not enabled:
        yield
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed:,} records"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("processing dumps", total=None)
        handler = _ProgressHandler(lambda n: bar.advance(task, n))
        logger = logging.getLogger("newslake.progress")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        try:
            yield
        finally:
            logger.removeHandler(handler)


@contextmanager
def _steps_bar(enabled: bool):
    """Yields `on_step(step, done, total)`: a bar of the steps of a piece of work, on a terminal only."""
    if not enabled:
        yield lambda step, done, total: None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("starting", total=None)
        yield lambda step, done, total: bar.update(task, description=step, completed=done, total=total)


class _ProgressHandler(logging.Handler):
    def __init__(self, advance: Any) -> None:
        super().__init__(logging.DEBUG)
        self._advance = advance

    def emit(self, record: logging.LogRecord) -> None:
        self._advance(getattr(record, "records", 0))


def _report(summary: dict, lake: str, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(summary, indent=2, default=str) + "\n")
        return
    for done in summary.get("upgraded", []):
        console.print(f"upgraded the lake: {done}", soft_wrap=True, highlight=False)
    for skipped in summary["skipped"]:
        console.print(f"[dim]skipped {skipped['dump']}: {skipped['why']}[/dim]")
    if not summary["published"]:
        console.print(f"Nothing new to process; the lake at {lake} is unchanged.")
        return
    table = Table(title=f"run {summary['run_id']}", title_justify="left")
    for column in ("dump", "format", "read", "accepted", "copies", "rejected"):
        table.add_column(column, justify="left" if column in ("dump", "format") else "right")
    for dump in summary["dumps"]:
        table.add_row(dump["path"], dump["format"], f"{dump['n_read']:,}", f"{dump['n_accepted']:,}", f"{dump['n_copies']:,}",
                      f"{dump['n_rejected']:,}")
    console.print(table)
    if summary["rejects_by_reason"]:
        reasons = ", ".join(f"{reason} {n}" for reason, n in summary["rejects_by_reason"].items())
        console.print(f"rejects: {reasons}", soft_wrap=True)
    console.print(f"tables under {lake}/: " + ", ".join(f"{name} (+{n:,})" for name, n in summary["rows"].items()), soft_wrap=True)
    python = os.path.relpath(sys.executable)
    python = python if not python.startswith("..") else sys.executable
    one_liner = f'import polars as pl; print(pl.scan_parquet("{lake}/articles/**/*.parquet", hive_partitioning=True).collect())'
    console.print(f"read them: {python} -c '{one_liner}'", soft_wrap=True, highlight=False)


if __name__ == "__main__":
    main()

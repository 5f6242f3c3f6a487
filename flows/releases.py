"""Promoting and deleting releases: lake state changes, published atomically like any run."""

from __future__ import annotations

from prefect import flow

from newslake.errors import NewslakeError
from newslake.flows.context import DEFAULT_LAKE, effective_config, lake_run
from newslake.schemas import RELEASE_TABLES


@flow(name="promote")
def promote(release: str, lake: str = DEFAULT_LAKE) -> dict:
    """Make `release` the one `newslake.lake.scan` reads by default."""
    with lake_run("promote", lake, effective_config(None, release)) as context:
        known = context.lake.releases(*RELEASE_TABLES, "runs")
        if release not in known:
            raise NewslakeError("E041", f"release {release!r} is not in the lake at {lake}; {_releases_there(known)}")
        context.settings["default_release"] = release
        context.record_run = False
    return {"default_release": release}


@flow(name="release-rm")
def remove_release(release: str, lake: str = DEFAULT_LAKE) -> dict:
    """Delete the rows a release derived (its `runs` rows stay: they are the dump ledger)."""
    with lake_run("release-rm", lake, effective_config(None, release)) as context:
        if context.lake.settings().get("default_release") == release:
            raise NewslakeError("E042", f"release {release!r} is the default; promote another release first")
        context.drop = [context.lake.folder(table, release) for table in RELEASE_TABLES if context.lake.partitions(table, release)]
        if not context.drop:
            with_rows = context.lake.releases(*RELEASE_TABLES)
            raise NewslakeError("E041", f"release {release!r} has no rows in the lake at {lake}; {_releases_there(with_rows, 'releases with rows there')}")
        context.record_run = False
    return {"removed": release, "folders": context.drop}


def _releases_there(known, label: str = "releases there") -> str:
    return f"{label}: {', '.join(sorted(known))}" if known else "it has no release yet; run `newslake run` first"

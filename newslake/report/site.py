"""Writes the report's pages and its shared assets into a folder that opens offline.

The Vega, Vega-Lite and vega-embed JavaScript is written once, as `vega.js`, and every page loads it
from there: no page fetches anything from the network, and a report of many pages stays small.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import altair as alt
from jinja2 import Environment, PackageLoader, StrictUndefined

from newslake.report.charts import Chart


@dataclass
class Page:
    path: str  # relative to the report folder, POSIX: "index.html", "stories/<id>.html"
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    charts: list[Chart] = field(default_factory=list)

    @property
    def root(self) -> str:
        """The way from this page back to the report folder, for links and assets."""
        return "../" * (len(PurePosixPath(self.path).parts) - 1)


# Folders of the report's pages of one story or article each; a new report replaces their pages.
PAGE_FOLDERS = ("stories", "articles")

NAVIGATION = [("index.html", "Overview"), ("stories.html", "Stories"), ("speakers.html", "Who said what"),
              ("events.html", "Events"), ("entities.html", "Entities")]


def environment() -> Environment:
    env = Environment(loader=PackageLoader("newslake.report", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["spec_json"] = _spec_json
    env.filters["number"] = _number
    return env


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega-embed, Vega-Lite (the version Altair writes specs for) and Vega in one script, from vl-convert
    (which bundles it on each call, in seconds: kept for the process)."""
    import vl_convert

    version = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return vl_convert.javascript_bundle(vl_version=version)


def write_site(pages: Iterable[Page], out: Path, about: dict[str, Any], on_page: Callable[[Page], None] = lambda page: None) -> int:
    """Render `pages` under `out` with the shared assets; returns the number of pages written."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "vega.js").write_text(vega_bundle(), encoding="utf-8")
    assets = Path(__file__).parent / "templates"
    for name in ("report.js", "report.css"):
        (out / name).write_text((assets / name).read_text(encoding="utf-8"), encoding="utf-8")
    env = environment()
    written: set[Path] = set()
    for page in pages:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        html = env.get_template(page.template).render(page=page, root=page.root, navigation=NAVIGATION, about=about,
                                                      charts={c.name: c for c in page.charts}, **page.context)
        target.write_text(html, encoding="utf-8")
        written.add(target)
        on_page(page)
    for folder in PAGE_FOLDERS:  # pages of an earlier report into the same folder: stories no longer on top
        for stale in set((out / folder).glob("*.html")) - written:
            stale.unlink()
    return len(written)


def _spec_json(chart: Chart) -> str:
    # Inside <script type="application/json">: "</" must not close the element early.
    return json.dumps(chart.spec, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")


def _number(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.3f}" if value < 10 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)

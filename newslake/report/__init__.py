"""`newslake report`: a static HTML report of one release of the lake that opens offline.

Pages (one module each in `pages/`): an overview, the top stories with their ledger, one page per top
story, who said what, events, entity timelines, and the text of every article a story page cites.
`queries` reads the lake, `charts` turns frames into Vega-Lite specs, `site` writes the folder.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from newslake import lake as questions
from newslake.errors import NewslakeError
from newslake.report import queries
from newslake.report.queries import Scope


@dataclass
class ReportSummary:
    out: Path
    pages: int
    bytes: int
    seconds: float
    release: str | None

    @property
    def index(self) -> Path:
        return self.out / "index.html"


def build_report(
    lake: str | Path,
    out: str | Path,
    release: str | None = None,
    since: date | None = None,
    until: date | None = None,
    top_stories: int = 20,
    on_step: Callable[[str, int, int], None] = lambda step, done, total: None,
) -> ReportSummary:
    """Write the report of `release` (the default one when None) of the lake at `lake` into the folder `out`.

    `since`/`until` keep the articles published in that range (and the stories dated in it); the run history
    and rejects cover the whole lake. `on_step(step, done, total)` is called before each step and at the end.
    """
    from newslake.report.pages import STEPS
    from newslake.report.site import write_site

    started = time.perf_counter()
    if since is not None and until is not None and since > until:
        raise NewslakeError("E040", f"--since {since} is after --until {until}; give a range that holds at least one day")
    release = release or questions.default_release(lake)
    questions.scan("claims", lake, release)  # an unknown release or a missing lake fails here, in one line
    scope = Scope(lake, release, since, until)
    top = queries.top_stories(scope, top_stories)
    pages = []
    for done, (step, build) in enumerate(STEPS):
        on_step(step, done, len(STEPS) + 1)
        pages += build(scope, top)
    on_step("writing pages", len(STEPS), len(STEPS) + 1)
    out = Path(out)
    about = {"lake": str(lake), "release": release or "—", "since": since, "until": until,
             "made": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}
    written = write_site(pages, out, about)
    on_step("done", len(STEPS) + 1, len(STEPS) + 1)
    size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    return ReportSummary(out, written, size, time.perf_counter() - started, release)

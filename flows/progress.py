"""Progress events for whoever owns the terminal (the CLI draws the bar; flows only report)."""

from __future__ import annotations

import logging

LOGGER = logging.getLogger("newslake.progress")


def progress(records: int) -> None:
    LOGGER.debug("%d records", records, extra={"records": records})

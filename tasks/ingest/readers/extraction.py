"""Article fields from one HTML page, by trafilatura (shared by the html and warc readers)."""

from __future__ import annotations

from typing import Any

import trafilatura
from trafilatura.metadata import extract_metadata
from trafilatura.utils import decode_file

from newslake.tasks.ingest.readers.plain_text import visible_text

# Only dates the page states in its markup or URL. htmldate's extensive search
# also guesses from free text, where the first date is often the event's, not
# the article's: a wrong publish date misplaces every relative date resolved
# against it, a missing one only leaves them unresolved.
DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}

# The field names the html and warc readers emit.
FIELDS = ("text", "title", "url", "published_at", "source")


def article_fields(page: bytes, default_url: str | None = None) -> dict[str, Any] | None:
    """The page's main text and metadata, or None when the bytes are not HTML at all.

    A parsable page with no main text still gives fields (text ""), so that the
    ingest step rejects it as empty like any other empty article; but when the
    parser lost text that the bytes hold (nesting too deep for its tree), the
    text is the page's tags stripped. `url` is the page's canonical URL when it
    declares one, else `default_url`.
    """
    tree = trafilatura.load_html(page)
    if tree is None:
        return None
    # fast=True skips the readability/jusText fallbacks: same text on the sample
    # pages, several times quicker. Comments under an article are not its text.
    document = trafilatura.bare_extraction(
        tree,
        url=default_url,
        fast=True,
        include_comments=False,
        with_metadata=True,
        date_extraction_params=DATE_PARAMS,
    )
    text = (document.text or "") if document is not None else ""
    if document is None:
        document = extract_metadata(tree, default_url, DATE_PARAMS)
    if not text:
        text = _text_the_parser_lost(page, tree)
    return {
        "text": text,
        "title": document.title,
        "url": document.url,
        "published_at": document.date,
        "source": document.sitename or document.hostname,
    }


def _text_the_parser_lost(page: bytes, tree: Any) -> str:
    """The tag-stripped text of `page` when it holds more words than the parsed tree does, else ""."""
    stripped = visible_text(decode_file(page))
    parsed_words = len(tree.text_content().split())
    return stripped if len(stripped.split()) > parsed_words else ""

"""Canonical URLs and publisher names.

The canonical URL is the article's identity when it has one: tracking
parameters (utm_*, fbclid, ...) and fragments are dropped, host and scheme
lower-cased, query parameters sorted (courlan does the parameter rules).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url

_UNSAFE = re.compile(r"[^a-z0-9.-]+")


def canonical_url(url: str | None) -> str | None:
    """The URL readers should keep, or None if `url` is not an absolute http(s) URL."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    try:
        normalized = normalize_url(url, strict=False)
    except ValueError:
        return None
    scheme, netloc, path, query, _fragment = urlsplit(normalized)
    return urlunsplit((scheme, netloc, path, query, ""))


def url_key(canonical: str | None) -> str | None:
    """What two URLs of the same article share: no scheme, no `www.`, no trailing slash."""
    if canonical is None:
        return None
    _scheme, netloc, path, query, _fragment = urlsplit(canonical)
    host = netloc.removeprefix("www.")
    return host + path.rstrip("/") + (f"?{query}" if query else "")


def source_from_url(canonical: str | None) -> str | None:
    """The publisher's domain, e.g. `nytimes.com`."""
    if canonical is None:
        return None
    host = urlsplit(canonical).hostname or ""
    return host.removeprefix("www.") or None


def sanitize_source(name: str | None) -> str:
    """A publisher name safe anywhere: lower-case letters, digits, dots and dashes.

    "New York Times" -> "new-york-times"; "www.bbc.co.uk" -> "bbc.co.uk";
    "../../etc/passwd" -> "etc-passwd". Empty -> "unknown".
    """
    if name is None:
        return "unknown"
    cleaned = _UNSAFE.sub("-", str(name).strip().lower()).removeprefix("www.")
    cleaned = re.sub(r"\.{2,}", ".", cleaned).strip(".-")
    cleaned = re.sub(r"-{2,}", "-", cleaned)
    return cleaned[:100] or "unknown"

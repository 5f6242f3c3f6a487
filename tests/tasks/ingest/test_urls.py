from newslake.tasks.ingest.urls import canonical_url, sanitize_source, source_from_url, url_key


def test_canonical_url_drops_tracking_and_fragment():
    url = "HTTPS://www.NYTimes.com/2024/11/19/world/x.html?utm_source=tw&fbclid=1#comments"
    assert canonical_url(url) == "https://www.nytimes.com/2024/11/19/world/x.html"
    assert canonical_url("http://example.com/a.php?id=3&utm_campaign=z") == "http://example.com/a.php?id=3"


def test_non_http_urls_are_not_identities():
    assert canonical_url("ftp://example.com/a") is None
    assert canonical_url("not a url") is None
    assert canonical_url(None) is None


def test_url_key_and_source():
    canonical = canonical_url("https://www.bbc.co.uk/news/world-1/")
    assert url_key(canonical) == "bbc.co.uk/news/world-1"
    assert url_key(canonical_url("http://bbc.co.uk/news/world-1")) == "bbc.co.uk/news/world-1"
    assert source_from_url(canonical) == "bbc.co.uk"


def test_sanitize_source_cannot_name_a_path():
    assert sanitize_source("../../../etc/passwd") == "etc-passwd"
    assert sanitize_source("New York Times") == "new-york-times"
    assert sanitize_source("www.NYTimes.com") == "nytimes.com"
    assert sanitize_source("  ") == "unknown"
    assert sanitize_source(None) == "unknown"

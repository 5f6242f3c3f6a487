import pytest

from newslake.config import PublishersConfig
from newslake.errors import NewslakeError
from newslake.tasks.ingest.publishers import fold, load_publishers, registered_domain

DEFAULT = load_publishers(PublishersConfig())


def test_names_fold_to_one_form():
    assert fold("The New York Times") == fold("new-york-times") == "new-york-times"
    assert fold("www.NYTimes.com") == "nytimes.com"
    assert fold("  ") == "unknown"


def test_registered_domain_from_the_bundled_suffix_list():
    assert registered_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert registered_domain("www.msnbc.com") == "msnbc.com"
    assert registered_domain("breitbart") is None
    assert registered_domain("new york times") is None
    assert registered_domain("localhost") is None


@pytest.mark.parametrize(
    ("url", "source", "publisher"),
    [
        (None, "breitbart", "breitbart.com"),
        (None, "Breitbart News", "breitbart.com"),
        (None, "breitbart.com", "breitbart.com"),
        (None, "www.breitbart.com", "breitbart.com"),
        (None, "nyt", "nytimes.com"),
        (None, "the-new-york-times", "nytimes.com"),
        (None, "huff-post", "huffpost.com"),
        (None, "www.huffingtonpost.com", "huffpost.com"),
        (None, "wash-post", "washingtonpost.com"),
        (None, "west-journal", "westernjournal.com"),
        (None, "sub.example.org", "example.org"),
        (None, "unknown", "unknown"),
        (None, None, "unknown"),
        ("https://www.huffingtonpost.com/2016/09/26/x/", "huff-post", "huffpost.com"),
        ("https://www.nbcnews.com/video/x", "msnbc.com", "nbcnews.com"),
        ("http://localhost/x", "Reuters", "reuters.com"),
    ],
)
def test_publisher_of_url_and_source(url, source, publisher):
    assert DEFAULT.publisher(url, source) == publisher


def test_aliases_from_the_config_are_laid_over_the_table(tmp_path):
    config = PublishersConfig(aliases={"kyivindependent.com": ["KI"], "rferl.org": ["Radio Liberty", "RFE/RL"]})
    publishers = load_publishers(config)
    assert publishers.publisher(None, "KI") == "kyivindependent.com"
    assert publishers.publisher(None, "rfe-rl") == "rferl.org"
    assert publishers.publisher(None, "nyt") == "nytimes.com"
    table = tmp_path / "publishers.yaml"
    table.write_text("example.com: [Example Daily]\n")
    own = load_publishers(PublishersConfig(table=str(table)))
    assert (own.publisher(None, "Example Daily"), own.publisher(None, "nyt")) == ("example.com", "nyt")


def test_a_bad_table_is_one_error(tmp_path):
    table = tmp_path / "publishers.yaml"
    table.write_text("example.com: Example Daily\n")  # a name, not a list of names
    with pytest.raises(NewslakeError) as error:
        load_publishers(PublishersConfig(table=str(table)))
    assert error.value.code == "E003" and "publisher table" in str(error.value)
    table.write_text("unknown: [nobody]\n")
    with pytest.raises(NewslakeError, match="not a publisher name"):
        load_publishers(PublishersConfig(table=str(table)))

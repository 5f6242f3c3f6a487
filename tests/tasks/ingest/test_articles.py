from datetime import UTC, datetime

from hostile import repeated_article_dump

from newslake.config import IngestConfig
from newslake.tasks.ingest.articles import judge_shard
from newslake.tasks.ingest.dedupe import DedupeIndex
from newslake.tasks.ingest.readers.jsonl import read_jsonl
from newslake.tasks.ingest.records import RawRecord, RejectReason

STARTED = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
CONFIG = IngestConfig()
BODY = (
    "Russia's Ministry of Defense claimed that on the night of November 19, the AFU launched six ATACMS "
    "missiles at a facility in the Bryansk region. According to the ministry, five missiles were intercepted."
)
GERMAN = (
    "Das Verteidigungsministerium in Moskau erklärte, in der Nacht zum Dienstag seien sechs Raketen auf "
    "eine Einrichtung in der Region Brjansk abgefeuert worden. Fünf davon seien abgefangen worden."
)


def record(n, **fields):
    return RawRecord(dump="dump.jsonl", dump_record=str(n), fields=fields)


def judge(*records):
    return judge_shard(records, CONFIG, "run-1", STARTED)


def test_accepted_article_row():
    result = judge(
        record(
            1,
            title="Kyiv strikes",
            maintext="Kyiv strikes\n\n" + BODY + "\n\nFollow us on social networks\n\nNews Line",
            url="https://www.Example.com/strike?utm_source=x",
            date_publish="2024-11-19 10:00:00",
        )
    )
    assert result.rejects == []
    (row, fingerprint), = result.candidates
    assert row["text"] == BODY
    assert row["title"] == "Kyiv strikes"
    assert row["url"] == "https://www.example.com/strike"
    assert row["source"] == "example.com"
    assert row["published_at"] == datetime(2024, 11, 19, 10, tzinfo=UTC)
    assert row["date"] == "2024-11-19"
    assert row["language"] == "en"
    assert (row["dump"], row["dump_record"], row["run_id"]) == ("dump.jsonl", "1", "run-1")
    assert fingerprint.article_id == row["article_id"] and len(row["article_id"]) == 16
    assert fingerprint.url_key == "example.com/strike"
    assert (row["publisher"], row["copy_of"], row["wire"]) == ("example.com", None, None)
    assert fingerprint.publisher == "example.com"


def test_publisher_is_the_url_domain_else_the_source_through_the_aliases():
    rows = {
        row["dump_record"]: row["publisher"]
        for row, _ in judge(
            record(1, text=BODY, url="https://edition.CNN.com/2024/11/19/strike", source_domain="CNN International"),
            record(2, text=BODY + " One.", source_domain="www.breitbart.com"),
            record(3, text=BODY + " Two.", publisher="Breitbart News"),
            record(4, text=BODY + " Three.", publisher="the-new-york-times"),
            record(5, text=BODY + " Four.", publisher="nyt"),
            record(6, text=BODY + " Five.", url="https://abcnews.go.com/International/strike"),
            record(7, text=BODY + " Six.", url="https://news.bbc.co.uk/2/strike"),
            record(8, text=BODY + " Seven.", publisher="Kyiv Evening Herald"),
            record(9, text=BODY + " Eight."),
        ).candidates
    }
    assert rows == {
        "1": "cnn.com",
        "2": "breitbart.com",
        "3": "breitbart.com",
        "4": "nytimes.com",
        "5": "nytimes.com",
        "6": "abcnews.go.com",
        "7": "bbc.com",
        "8": "kyiv-evening-herald",
        "9": "unknown",
    }


def test_wire_credit_from_byline_or_dateline():
    wires = {
        row["dump_record"]: row["wire"]
        for row, _ in judge(
            record(1, text="KIEV (Reuters) - " + BODY),
            record(2, text="SIMFEROPOL, Ukraine (AFP) — " + BODY + " One."),
            record(3, text=BODY + " Two.", authors=["Jane Doe", "Associated Press"]),
            record(4, text=BODY + " Three.", author="By JOHN SMITH, AP"),
            record(5, text=BODY + " Four. Reuters (Reuters) reported it later.", authors=["Jane Doe"]),
            record(6, text="Map of the region (AP Photo) shows the strike site. " + BODY, authors="Rap Sheet"),
        ).candidates
    }
    # A credit later in the text, or "AP Photo", is no dateline credit; "Rap" is no "AP".
    assert wires == {"1": "reuters.com", "2": "afp.com", "3": "apnews.com", "4": "apnews.com", "5": None, "6": None}


def test_the_headline_counts_toward_the_minimum_length():
    result = judge(
        record(1, title="World reacts to deadly Kramatorsk attack", text="Ukraine says the bombing killed at least 52 people."),
        record(2, text="Ukrainian claims that a Russian missile hit Kramatorsk are not true, the Russian defense ministry said"),
        record(3, title="Breaking", text="More soon."),
    )
    assert [row["dump_record"] for row, _ in result.candidates] == ["1", "2"]
    assert [(r["dump_record"], r["reason_code"], r["detail"]) for r in result.rejects] == [
        ("3", "too_short", "3 words in title and text, minimum 12")
    ]


def test_each_bad_record_gets_its_reason():
    records = [
        RawRecord.failed("dump.jsonl", "1", RejectReason.MALFORMED_JSON, "Expecting value", b"{not json"),
        record(2, title="no body here"),
        record(3, text="   \n  "),
        record(4, text="Breaking: more soon."),
        record(5, text=BODY * 4000),
        record(6, text=GERMAN),
        record(7, text=BODY + " \ud800"),
        record(8, text=["a", "list"]),
    ]
    result = judge(*records)
    assert result.candidates == []
    reasons = [(r["dump_record"], r["reason_code"]) for r in result.rejects]
    assert reasons == [
        ("1", "malformed_json"),
        ("2", "missing_field"),
        ("7", "bad_encoding"),
        ("8", "missing_field"),
        ("3", "empty_text"),
        ("4", "too_short"),
        ("5", "too_long"),
        ("6", "not_english"),
    ]
    by_record = {r["dump_record"]: r for r in result.rejects}
    assert by_record["1"]["raw_excerpt"] == "{not json"
    assert by_record["6"]["detail"].startswith("detected 'de'")
    assert by_record["4"]["detail"] == "3 words in title and text, minimum 12"
    assert all(r["date"] == "2026-11-25" and r["run_id"] == "run-1" for r in result.rejects)


def test_path_traversal_source_is_sanitised():
    (row, _), = judge(record(1, text=BODY, source_domain="../../../etc/passwd")).candidates
    assert row["source"] == "etc-passwd"


def test_article_id_is_stable_and_depends_on_url_first():
    first = judge(record(1, text=BODY, url="https://example.com/a")).candidates[0][0]
    again = judge(record(9, text=BODY + " Updated.", url="https://example.com/a?utm_medium=x")).candidates[0][0]
    no_url = judge(record(1, text=BODY)).candidates[0][0]
    assert first["article_id"] == again["article_id"]
    assert no_url["article_id"] != first["article_id"]


def test_a_dump_repeating_one_article_keeps_the_original_and_rejects_the_copies(tmp_path):
    path = repeated_article_dump(tmp_path / "dump.jsonl")

    result = judge(*read_jsonl(path, "dump.jsonl"))

    assert result.rejects == []
    index = DedupeIndex(CONFIG.dedupe)
    original = result.candidates[0][0]["article_id"]
    matches = {row["dump_record"]: index.admit(fingerprint) for row, fingerprint in result.candidates}
    # Records 1, 3 and 5 are one page (3 with tracking parameters); 6 is another publisher's near copy.
    assert {n: (m.how, m.kept == original) for n, m in matches.items() if m is not None} == {
        "3": ("url", True), "5": ("url", True), "6": ("near", True)}
    assert [n for n, m in matches.items() if m is None] == ["1", "2", "4"]

"""The nightly inbox: one folder of many feeds, some of them broken, is one good night."""

import json

import pytest
from hostile import ARTICLE, filler_article, warc_without_target_uri, without_list_permission, without_read_permission

from newslake.flows import ingest
from newslake.lake import scan

pytestmark = pytest.mark.usefixtures("prefect")


def test_an_inbox_with_a_broken_warc_an_unknown_file_and_mixed_formats_publishes_the_rest(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    warc_without_target_uri(inbox / "crawl.warc")
    (inbox / "feed.jsonl").write_text("".join(json.dumps(filler_article(i)) + "\n" for i in range(2)), encoding="utf-8")
    (inbox / "story.txt").write_text("Council approves budget\n\n" + ARTICLE, encoding="utf-8")
    (inbox / "invoice.pdf").write_bytes(b"%PDF-1.4")
    lake = tmp_path / "lake"

    summary = ingest([str(inbox)], lake=str(lake))

    articles = scan("articles", lake).collect()
    assert sorted(articles["dump_record"].to_list()) == ["1", "2", "story.txt"]
    rejects = scan("rejects", lake).sort("dump").collect()
    assert list(zip(rejects["dump"], rejects["dump_record"], rejects["reason_code"])) == [
        (str(inbox / "crawl.warc"), "offset:0", "malformed_row"),
        (str(inbox / "invoice.pdf"), "dump", "unknown_format"),
    ]
    runs = scan("runs", lake).collect()
    dumps = {d["path"]: (d["format"], d["n_read"], d["n_rejected"]) for d in runs["dumps"][0]}
    assert dumps[str(inbox / "invoice.pdf")] == ("unknown", 1, 1)
    assert {d["format"] for d in summary["dumps"]} == {"text", "jsonl", "unknown", "warc"}
    assert runs["status"].to_list() == ["completed"]


def test_a_file_the_run_may_not_read_is_one_reject_and_the_night_goes_on(tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "feed.jsonl").write_text(json.dumps(filler_article(1)) + "\n", encoding="utf-8")
    locked = inbox / "locked.jsonl"
    locked.write_text(json.dumps(filler_article(2)) + "\n", encoding="utf-8")
    without_read_permission(monkeypatch, locked)  # chmod 000 does not stop root, who runs many containers
    lake = tmp_path / "lake"

    ingest([str(inbox)], lake=str(lake))

    assert scan("articles", lake).collect()["dump"].to_list() == [str(inbox / "feed.jsonl")]
    rejects = scan("rejects", lake).collect()
    assert list(zip(rejects["dump"], rejects["dump_record"], rejects["reason_code"])) == [(str(locked), "dump", "malformed_row")]
    assert "PermissionError" in rejects["detail"][0]
    dumps = {d["path"]: (d["n_read"], d["n_rejected"]) for d in scan("runs", lake).collect()["dumps"][0]}
    assert dumps[str(locked)] == (1, 1)

    assert ingest([str(inbox)], lake=str(lake))["dumps"] == []  # still unreadable: not rejected again
    monkeypatch.undo()
    ingest([str(inbox)], lake=str(lake))  # readable now: read as the new dump it is
    assert sorted(scan("articles", lake).collect()["dump"].to_list()) == [str(inbox / "feed.jsonl"), str(locked)]


def test_a_folder_the_run_may_not_list_is_one_reject_and_the_night_goes_on(tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    (inbox / "closed").mkdir(parents=True)
    (inbox / "feed.jsonl").write_text(json.dumps(filler_article(1)) + "\n", encoding="utf-8")
    (inbox / "closed/feed.jsonl").write_text(json.dumps(filler_article(2)) + "\n", encoding="utf-8")
    without_list_permission(monkeypatch, inbox / "closed")
    lake = tmp_path / "lake"

    ingest([str(inbox)], lake=str(lake))

    assert scan("articles", lake).collect()["dump"].to_list() == [str(inbox / "feed.jsonl")]
    rejects = scan("rejects", lake).collect()
    assert list(zip(rejects["dump"], rejects["dump_record"], rejects["reason_code"])) == [(str(inbox / "closed"), "dump", "malformed_row")]
    assert "PermissionError" in rejects["detail"][0]
    dumps = {d["path"]: (d["format"], d["n_read"], d["n_rejected"]) for d in scan("runs", lake).collect()["dumps"][0]}
    assert dumps[str(inbox / "closed")] == ("unlistable", 1, 1)
    assert ingest([str(inbox)], lake=str(lake))["dumps"] == []  # still closed: not rejected again

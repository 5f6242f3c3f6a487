import polars as pl
import pytest

from newslake.errors import NewslakeError
from newslake.lake import scan
from newslake.tasks.lake import open_lake


def test_scan_of_an_empty_table_has_the_declared_columns(tmp_path):
    open_lake(tmp_path / "lake")
    frame = scan("rejects", tmp_path / "lake").collect()
    assert frame.height == 0
    assert frame.columns[:3] == ["dump", "dump_record", "reason_code"]
    assert frame.schema["date"] == pl.String


def test_scan_refuses_what_it_cannot_answer(tmp_path):
    open_lake(tmp_path / "lake")
    for call in (
        lambda: scan("nonsense", tmp_path / "lake"),
        lambda: scan("_dedupe", tmp_path / "lake"),
        lambda: scan("articles", tmp_path / "lake", release="base"),
        lambda: scan("articles", tmp_path / "elsewhere"),
    ):
        with pytest.raises(NewslakeError) as error:
            call()
        assert error.value.code == "E021"

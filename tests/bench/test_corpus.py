"""The nightly benchmark's corpus: news-please records, exact counts, the same composition in every prefix."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from corpus import DATASETS, composition, interleave, mix, news_please, read_sources, write_dump  # noqa: E402


def _sources(polnear: int, ukraine: int, ruwa: int) -> dict[str, list[dict]]:
    def records(source: str, n: int) -> list[dict]:
        return [news_please(f"{source} {i}", f"text {i}", "2022-03-01", "example.com", None, source) for i in range(n)]

    return {"polnear": records("polnear", polnear), "ukraine2014": records("ukraine2014", ukraine),
            "ruwa": records("ruwa", ruwa)}


def test_news_please_record():
    assert news_please("", "Body.", "2022-02-28", "bbc.co.uk", "https://www.bbc.co.uk/news/1", "ruwa") == {
        "title": None, "maintext": "Body.", "date_publish": "2022-02-28 00:00:00", "source_domain": "bbc.co.uk",
        "url": "https://www.bbc.co.uk/news/1", "language": "en", "corpus_source": "ruwa"}
    assert news_please("T", "Body.", None, None, None, "ukraine2014")["date_publish"] is None


def test_mix_keeps_every_fixed_record_and_fills_the_rest():
    records = mix(_sources(10, 2, 50), 20)
    assert composition(records) == {"polnear": 10, "ukraine2014": 2, "ruwa": 8}
    assert len({r["title"] for r in records}) == 20


def test_mix_half_has_the_composition_of_the_whole():
    records = mix(_sources(10, 2, 50), 20)
    assert composition(records[:10]) == {"polnear": 5, "ukraine2014": 1, "ruwa": 4}


def test_mix_is_fixed_by_its_seed():
    sources = _sources(10, 2, 50)
    assert [r["title"] for r in mix(sources, 20)] == [r["title"] for r in mix(sources, 20)]
    assert [r["title"] for r in mix(sources, 20, seed=1)] != [r["title"] for r in mix(sources, 20)]


def test_mix_refuses_a_size_the_sources_cannot_fill():
    with pytest.raises(ValueError, match="a mix of 11 needs between 12 and 62 articles"):
        mix(_sources(10, 2, 50), 11)
    with pytest.raises(ValueError, match="a mix of 63 needs between 12 and 62 articles"):
        mix(_sources(10, 2, 50), 63)


def test_interleave_spreads_each_group_evenly():
    assert interleave([["a1", "a2", "a3", "a4"], ["b1", "b2"]]) == ["a1", "b1", "a2", "a3", "b2", "a4"]


def test_write_dump_one_json_object_per_line(tmp_path):
    records = mix(_sources(2, 1, 3), 4)
    path = write_dump(records, tmp_path / "dump.jsonl")
    assert [json.loads(line) for line in path.read_text().splitlines()] == records


@pytest.mark.skipif(not (DATASETS / "ruwa/ruwa.jsonl").exists(), reason="needs ../shared/datasets")
def test_the_default_mix_of_the_real_datasets():
    sources = read_sources()
    assert {name: len(records) for name, records in sources.items()} == {"polnear": 1012, "ukraine2014": 90,
                                                                          "ruwa": 10957}
    records = mix(sources, 2000)
    assert composition(records) == {"polnear": 1012, "ukraine2014": 90, "ruwa": 898}
    assert composition(records[:1000]) == {"polnear": 506, "ukraine2014": 45, "ruwa": 449}
    assert all(len(r["maintext"].split()) >= 20 for r in records if r["corpus_source"] == "ruwa")

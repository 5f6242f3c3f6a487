"""Ingest throughput and peak memory, against a raw `pyarrow.json` read of the same dump.

    .venv/bin/python bench/ingest.py [--articles PATH] [--scales 1,10]

The dump is built from real articles (PolNeAR, ~1,000 news articles with
publisher and date) in news-please layout. The 10x dump repeats them with
distinct URLs and a one-word edit, so every copy is read, cleaned, checked and
fingerprinted, and then rejected as a near-duplicate: the work per record is
that of a real article. Each measurement runs in a fresh process so peak RSS is
its own. Prints one table; all figures come from this one run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_ARTICLES = Path(__file__).resolve().parents[1] / "../shared/datasets/polnear/articles.jsonl"


def build_dump(source: Path, scale: int, destination: Path) -> int:
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    n = 0
    with open(destination, "w", encoding="utf-8") as out:
        for copy in range(scale):
            for r in records:
                text = r["text"] if copy == 0 else r["text"].replace(" the ", f" the{copy} ", 1)
                out.write(
                    json.dumps(
                        {
                            "title": r["title"],
                            "maintext": text,
                            "date_publish": r["date"],
                            "source_domain": r["publisher"],
                            "url": f"https://{r['publisher']}.example/{r['doc_id']}/{copy}",
                        }
                    )
                    + "\n"
                )
                n += 1
    return n


def measure_child(mode: str, dump: Path, lake: Path) -> dict:
    """Run one measurement in a fresh interpreter; it prints JSON with seconds and peak RSS."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(dump), str(lake)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PREFECT_LOGGING_LEVEL": "WARNING"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def child(mode: str, dump: str, lake: str) -> None:
    if mode == "pyarrow":
        import pyarrow.json as pj

        start = time.perf_counter()
        rows = pj.read_json(dump).num_rows
        seconds = time.perf_counter() - start
        stage = seconds
    else:
        from newslake.flows import ingest

        start = time.perf_counter()
        summary = ingest([dump], lake=lake)
        seconds = time.perf_counter() - start
        rows = summary["dumps"][0]["n_read"]
        stage = summary["timings"]["ingest"] + summary["timings"].get("publish", 0.0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": rows, "seconds": seconds, "stage_seconds": stage, "peak_mb": peak_mb}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if not args.articles.exists():
        sys.exit(f"{args.articles} not found: pass --articles with a news-please or PolNeAR JSONL")

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in (int(s) for s in args.scales.split(",")):
            dump = Path(tmp) / f"dump-{scale}x.jsonl"
            n = build_dump(args.articles, scale, dump)
            raw = measure_child("pyarrow", dump, Path(tmp) / "unused")
            ours = measure_child("ingest", dump, Path(tmp) / f"lake-{scale}x")
            rows.append((scale, n, dump.stat().st_size / 1e6, raw, ours))

    header = f"{'dump':>5} {'records':>8} {'MB':>6} | {'pyarrow rec/s':>13} {'peak MB':>8} | {'ingest rec/s':>12} {'(stage only)':>12} {'peak MB':>8} | {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for scale, n, mb, raw, ours in rows:
        raw_rate = n / raw["seconds"]
        rate = n / ours["seconds"]
        stage_rate = n / ours["stage_seconds"]
        print(
            f"{scale:>4}x {n:>8,} {mb:>6.1f} | {raw_rate:>13,.0f} {raw['peak_mb']:>8.0f} | "
            f"{rate:>12,.0f} {stage_rate:>12,.0f} {ours['peak_mb']:>8.0f} | {raw_rate / stage_rate:>5.0f}x"
        )
    print("\nratio = pyarrow records/s divided by ingest-stage records/s (how much slower than a bare parse).")
    print("ingest rec/s includes the flow's start (Prefect, lake open); (stage only) is read+clean+dedupe+publish.")


if __name__ == "__main__":
    main()

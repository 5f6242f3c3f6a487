"""End-to-end throughput by task runner, and Prefect's per-task overhead.

    .venv/bin/python bench/runners.py [--articles 500] [--shard-size 100]

1. The `run` flow (ingest + entities) on N real articles (PolNeAR, news-please
   layout) into a fresh lake, with the default thread runner and with Dask
   (a LocalCluster of 2 worker processes, 2 shards in flight). Articles/s is
   end to end, Prefect and cluster start included; the stage timings come from
   the run's own report.
2. Prefect's cost per task: trivial tasks submitted and gathered on the thread
   runner, and called one after another.
All figures from this one run on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")

SHARED = Path(__file__).resolve().parents[1] / "../shared/datasets"


def write_dump(path: Path, n: int) -> None:
    rows = [json.loads(line) for line in (SHARED / "polnear/articles.jsonl").read_text().splitlines()[:n]]
    with open(path, "w") as out:
        for r in rows:
            record = {"title": r["title"], "maintext": r["text"], "date_publish": r["date"], "source_domain": r["publisher"]}
            out.write(json.dumps(record) + "\n")


def end_to_end(runner: str, dump: Path, workdir: Path, shard_size: int) -> dict:
    from newslake.flows import run
    from newslake.flows.runners import with_runner

    config = workdir / f"{runner}.yaml"
    in_flight = 2 if runner == "dask" else 1
    config.write_text(f"ingest:\n  shard_size: {shard_size}\nentities:\n  shards_in_flight: {in_flight}\n")
    start = time.perf_counter()
    summary = with_runner(run, runner)([str(dump)], lake=str(workdir / f"lake-{runner}"), config_path=str(config))
    return {"seconds": time.perf_counter() - start, **summary}


def task_overhead(n: int) -> tuple[float, float]:
    from prefect import flow, task
    from prefect.cache_policies import NONE

    @task(cache_policy=NONE)
    def noop(i: int) -> int:
        return i

    @flow
    def submitted() -> float:
        start = time.perf_counter()
        [f.result() for f in [noop.submit(i) for i in range(n)]]
        return time.perf_counter() - start

    @flow
    def called() -> float:
        start = time.perf_counter()
        for i in range(n):
            noop(i)
        return time.perf_counter() - start

    submitted()  # warm-up: server start
    return n / submitted(), n / called()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--shard-size", type=int, default=100)
    parser.add_argument("--tasks", type=int, default=300)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        dump = workdir / "dump.jsonl"
        write_dump(dump, args.articles)
        results = {runner: end_to_end(runner, dump, workdir, args.shard_size) for runner in ("local", "dask")}
    submitted, called = task_overhead(args.tasks)

    print(f"run flow on {args.articles} PolNeAR articles, shards of {args.shard_size}, {os.cpu_count()} cores")
    print(f"{'runner':<8} {'articles/s':>10} {'total s':>8} {'ingest s':>9} {'entities s':>11} {'publish s':>10} {'entities rows':>14}")
    for runner, r in results.items():
        t = r["timings"]
        print(
            f"{runner:<8} {args.articles / r['seconds']:>10.2f} {r['seconds']:>8.1f} {t.get('ingest', 0):>9.1f} "
            f"{t.get('entities', 0):>11.1f} {t.get('publish', 0):>10.2f} {r['rows'].get('entities', 0):>14,}"
        )
    ratio = results["local"]["seconds"] / results["dask"]["seconds"]
    print(f"dask vs local: {ratio:.2f}x")
    print(f"Prefect per-task overhead ({args.tasks} trivial tasks): {submitted:,.0f} tasks/s submitted, {called:,.0f} tasks/s called in turn "
          f"({1000 / called:.1f} ms per task)")


if __name__ == "__main__":
    main()

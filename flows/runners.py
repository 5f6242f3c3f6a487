"""Where a flow's shard tasks run: threads in this process, or a Dask cluster.

`local` (the default) runs shard tasks on a thread pool. `dask` starts a
`distributed.LocalCluster` of worker processes (each loads its models once,
on first use), or connects to a running scheduler given by `address`
(`tcp://host:8786`) for a real cluster. The tables a run writes do not depend
on the runner: shard results are collected and deduplicated in submission order.
"""

from __future__ import annotations

from typing import Literal

from prefect import Flow
from prefect.task_runners import ThreadPoolTaskRunner

from newslake.errors import NewslakeError

Runner = Literal["local", "dask"]


def task_runner(runner: Runner = "local", address: str | None = None, workers: int = 2):
    if runner == "local":
        if address:
            raise NewslakeError("E004", "--dask-address needs --runner dask")
        return ThreadPoolTaskRunner(max_workers=workers)
    if runner == "dask":
        from prefect_dask import DaskTaskRunner

        if address:
            return DaskTaskRunner(address=address)
        # One thread per worker process: torch and the GIL both prefer processes.
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
    raise NewslakeError("E004", f"unknown runner {runner!r}; use local or dask")


def with_runner(flow: Flow, runner: Runner = "local", address: str | None = None, workers: int = 2) -> Flow:
    """`flow` with its shard tasks sent to `runner`: `with_runner(run, "dask")(["dumps/"])`."""
    return flow.with_options(task_runner=task_runner(runner, address, workers))

"""Prefect flows: orchestration only. Usable from Python as well as the CLI::

    from newslake.flows import run
    run(["data/samples"], lake="data/lake")
"""

from newslake.flows.ingest import ingest
from newslake.flows.run import run

__all__ = ["ingest", "run"]

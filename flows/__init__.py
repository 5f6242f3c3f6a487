"""Prefect flows: orchestration only. Usable from Python as well as the CLI::

    from newslake.flows import run
    run(["data/samples"], lake="data/lake")
"""

from newslake.flows.ingest import ingest
from newslake.flows.releases import promote, remove_release
from newslake.flows.reprocess import reprocess
from newslake.flows.run import run

__all__ = ["ingest", "promote", "remove_release", "reprocess", "run"]

import pytest

from report_lake import build_report_lake


@pytest.fixture(scope="session")
def report_lake(tmp_path_factory):
    return build_report_lake(tmp_path_factory.mktemp("report") / "lake")

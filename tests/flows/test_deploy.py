"""The nightly deployment: schedule wiring (not the wall clock) and the inbox ledger."""

import json
import shutil
from pathlib import Path

import pytest
import yaml

from newslake.config import Config
from newslake.flows import run
from newslake.flows.deploy import nightly_deployment
from newslake.lake import scan

ROOT = Path(__file__).resolve().parents[2]
BODY = " ".join(f"Sentence {i} says the harbour authority in Odesa reopened berth {i} on Friday morning." for i in range(15))


def test_nightly_deployment_takes_its_schedule_and_paths_from_config():
    config = Config.model_validate({"schedule": {"cron": "30 1 * * *", "timezone": "Europe/Kyiv", "inbox": "/srv/in", "lake": "/srv/lake"}})
    deployment = nightly_deployment(config, "configs/prod.yaml")
    assert deployment.name == "nightly"
    (schedule,) = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("30 1 * * *", "Europe/Kyiv")
    assert deployment.parameters == {"inputs": ["/srv/in"], "lake": "/srv/lake", "config_path": "configs/prod.yaml", "allow_empty": True}
    assert deployment.concurrency_limit == 1


def test_prefect_yaml_agrees_with_the_default_config_and_its_entrypoint_loads():
    from prefect.flows import load_flow_from_entrypoint

    (deployment,) = yaml.safe_load((ROOT / "prefect.yaml").read_text())["deployments"]
    defaults = Config().schedule
    assert deployment["schedules"] == [{"cron": defaults.cron, "timezone": defaults.timezone}]
    assert deployment["parameters"]["inputs"] == [defaults.inbox]
    assert deployment["parameters"]["lake"] == defaults.lake
    flow = load_flow_from_entrypoint(str(ROOT / deployment["entrypoint"]))
    assert flow.name == "run"
    assert set(deployment["parameters"]) <= set(flow.parameters.properties)


@pytest.mark.usefixtures("prefect")
def test_inbox_runs_process_each_dump_once(tmp_path):
    inbox, lake = tmp_path / "inbox", str(tmp_path / "lake")
    inbox.mkdir()
    nightly = lambda: run([str(inbox)], lake=lake, allow_empty=True)  # noqa: E731

    assert nightly()["published"] is False  # an empty inbox is a quiet night
    for n in (1, 2):
        (inbox / f"night-{n}.jsonl").write_text(json.dumps({"maintext": BODY.replace("Friday", f"day {n}")}) + "\n")
    first = nightly()
    assert [Path(d["path"]).name for d in first["dumps"]] == ["night-1.jsonl", "night-2.jsonl"]

    second = nightly()
    assert second["published"] is False and len(second["skipped"]) == 2
    tables = {t: scan(t, lake).collect() for t in ("articles", "entities", "runs")}

    shutil.copy(inbox / "night-1.jsonl", inbox / "renamed-copy.jsonl")
    (inbox / "night-3.jsonl").write_text(json.dumps({"maintext": BODY.replace("Odesa", "Mykolaiv")}) + "\n")
    third = nightly()
    assert [Path(d["path"]).name for d in third["dumps"]] == ["night-3.jsonl"]
    assert sorted(Path(s["dump"]).name for s in third["skipped"]) == ["night-1.jsonl", "night-2.jsonl", "renamed-copy.jsonl"]
    assert scan("articles", lake).collect().height == tables["articles"].height + 1
    assert scan("runs", lake).collect().height == tables["runs"].height + 1

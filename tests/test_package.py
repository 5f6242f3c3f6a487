"""The package's promises about itself: layout, config defaults, generated docs."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from newslake.config import Config, load_config
from newslake.errors import NewslakeError
from newslake.schemas import render_docs

ROOT = Path(__file__).resolve().parents[1]


def test_card_folders_are_only_importable_inside_newslake(tmp_path):
    probe = (
        "import importlib.util as u, newslake.flows, newslake.tasks, newslake.models; "
        "print([m for m in ('flows', 'tasks', 'models') if u.find_spec(m) is not None])"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_docs_tables_md_is_generated_from_the_schemas():
    assert (ROOT / "docs" / "tables.md").read_text() == render_docs(), "run `make docs`"


def test_configs_pipeline_yaml_documents_the_defaults():
    assert load_config(ROOT / "configs" / "pipeline.yaml") == Config()


def test_unknown_config_keys_are_errors(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump({"ingest": {"languages": ["en"], "langauges": ["de"]}}))
    with pytest.raises(NewslakeError) as error:
        load_config(path)
    assert error.value.code == "E003"
    assert "ingest.langauges" in error.value.message


def test_release_names_cannot_escape_the_lake(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("release: ../../outside\n")
    with pytest.raises(NewslakeError) as error:
        load_config(path)
    assert error.value.code == "E003"


def test_configs_pipeline_yaml_is_the_rendered_defaults():
    from newslake.config import render_defaults

    assert (ROOT / "configs" / "pipeline.yaml").read_text() == render_defaults(), "run `make docs`"


def test_errors_survive_the_trip_back_from_a_worker_process():
    import pickle

    error = pickle.loads(pickle.dumps(NewslakeError("E030", "model folder missing")))
    assert (error.code, error.message, str(error)) == ("E030", "model folder missing", "E030: model folder missing")

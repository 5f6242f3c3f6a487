"""A wheel built from the tree installs into a fresh virtual environment and runs the pipeline there.

The environment lives outside the checkout and gets no editable install: its only link to the
test's own environment is a `.pth` line naming that environment's site-packages, so the
dependencies are reused (nothing is downloaded) while `newslake` itself comes from the wheel:
its configs and model artifacts must be package data for the run to work.
"""

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "worked-example"
_SKIP = shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache")


def _skip(folder: str, names: list[str]) -> set[str]:
    """What copying the checkout leaves out: environments, build output, caches and the default lake."""
    return set(_SKIP(folder, names)) | ({"lake"} if Path(folder) == ROOT / "data" else set())


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy: building never writes into the checkout
    shutil.copytree(ROOT, source, ignore=_skip)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                    "-w", str(work / "dist"), str(source)], check=True, capture_output=True)
    [wheel] = (work / "dist").glob("newslake-*.whl")
    env = work / "env"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    (Path(site) / "reuse-test-env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "--quiet", str(wheel)], check=True, capture_output=True)
    return env


def test_the_wheel_is_what_gets_imported_and_carries_its_data(installed):
    probe = ("import newslake, newslake.models.registry as r, newslake.tasks.events.ontology as o; "
             "print(newslake.__file__); print(r.ARTIFACTS); print(len(o.load_ontology().categories))")
    out = subprocess.run([installed / "bin" / "python", "-c", probe], cwd=installed, check=True,
                         capture_output=True, text=True).stdout.split("\n")
    assert out[0].startswith(str(installed)) and out[1].startswith(str(installed))
    assert int(out[2]) == 17  # the 16 PLOVER categories and STATEMENT


def test_newslake_run_works_from_the_wheel(installed, tmp_path):
    lake = tmp_path / "lake"
    result = subprocess.run([installed / "bin" / "newslake", "run", str(SAMPLE), "--lake", str(lake)],
                            cwd=tmp_path, capture_output=True, text=True, env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-2000:]
    import polars as pl

    for table in ("articles", "entities", "claims", "events"):
        assert pl.scan_parquet(f"{lake}/{table}/**/*.parquet", hive_partitioning=True).collect().height > 0, table
    assert not json.dumps(result.stdout).count("Traceback")


def test_newslake_report_works_from_the_wheel(installed, tmp_path):
    from report_lake import build_report_lake  # the report's templates, script and style sheet are package data

    lake = build_report_lake(tmp_path / "lake")
    result = subprocess.run([installed / "bin" / "newslake", "report", "--lake", str(lake), "--out", str(tmp_path / "report")],
                            cwd=tmp_path, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert {"index.html", "stories.html", "vega.js", "report.js", "report.css"} <= {p.name for p in (tmp_path / "report").iterdir()}


def test_pyproject_lists_every_package_folder():
    import tomllib

    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    mapped = {name: ROOT / folder for name, folder in setuptools["package-dir"].items()}
    on_disk = set()
    for name, folder in mapped.items():
        on_disk |= {".".join([name, *init.parent.relative_to(folder).parts]) for init in folder.rglob("__init__.py")
                    if "__pycache__" not in init.parts}
    assert on_disk == set(setuptools["packages"]), "list the new packages in pyproject.toml [tool.setuptools]"

"""The code version recorded with every run and used in task cache keys."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import newslake

# The import package is assembled from these folders (see pyproject.toml).
_PACKAGES = ("newslake", "newslake.flows", "newslake.tasks", "newslake.models")


@lru_cache(maxsize=1)
def code_version() -> str:
    """`<package version>+<hash of the source files>`: any code change gives a new version,
    so cached task results of older code are never reused."""
    import importlib

    digest = hashlib.sha256()
    for name in _PACKAGES:
        root = Path(importlib.import_module(name).__file__).parent
        for path in sorted(root.rglob("*.py")):
            digest.update(path.read_bytes())
    return f"{newslake.__version__}+{digest.hexdigest()[:10]}"

"""Every error code raised anywhere is indexed in errors.CODES, and docs/errors.md is generated from it."""

import re
from pathlib import Path

from newslake.errors import CODES, render_docs

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("newslake", "flows", "tasks", "models")
RAISED = re.compile(r"""NewslakeError\(\s*["'](E\d{3})["']""")


def raised_codes() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for code in RAISED.findall(path.read_text(encoding="utf-8")):
                found.setdefault(code, []).append(str(path.relative_to(ROOT)))
    return found


def test_every_raised_code_is_in_codes():
    missing = {code: where for code, where in raised_codes().items() if code not in CODES}
    assert missing == {}, "add these codes with their sentence to newslake/errors.CODES"


def test_codes_are_well_formed_and_meaningful():
    assert all(re.fullmatch(r"E\d{3}", code) and len(meaning) > 10 for code, meaning in CODES.items())


def test_docs_errors_md_is_generated_from_codes():
    assert (ROOT / "docs" / "errors.md").read_text(encoding="utf-8") == render_docs(), "run `make docs`"

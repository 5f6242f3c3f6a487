"""User-facing errors: a stable code and a sentence that says what to do.

Codes never change meaning; scripts may match on them. Reject reasons for
single input records are not errors (see `newslake.tasks.ingest.records.RejectReason`).
"""

from __future__ import annotations


class NewslakeError(Exception):
    """An error the user can act on. The CLI prints `code: message` and exits 1."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple:
        # Errors raised in Dask worker processes travel back pickled; rebuild them from both parts.
        return (type(self), (self.code, self.message))


# E001-E009 configuration and the command line, E010-E019 inputs, E020-E029 the lake, E030-E039 models,
# E040-E049 releases, E050-E059 evaluation data, E090 anything unforeseen.
# Each raise site passes its code and a sentence; this list is the index.
CODES = {
    "E001": "config file missing",
    "E002": "config file is not YAML",
    "E003": "config value invalid or unknown key",
    "E004": "unknown task runner or runner options",
    "E005": "command line not understood: unknown command or option, or a value missing or malformed",
    "E006": "SQL query of `newslake query` failed: a syntax error, or a table or column the lake does not have",
    "E010": "input path does not exist, or is a folder the run may not list",
    "E011": "input format not recognised",
    "E012": "no dumps found under the input paths",
    "E020": "lake path exists but is not a newslake lake",
    "E021": "table does not exist in the lake",
    "E022": "another run holds the lake lock",
    "E023": "rows do not match the table schema",
    "E024": "lake pointer missing, dangling, unreadable or older than the newest published state; run `newslake check --repair`",
    "E025": "a published file is missing, truncated or corrupt; run `newslake check`, then `--repair`",
    "E026": "run id already published in the lake",
    "E030": "model folder missing or not a model of that kind",
    "E031": "model's base encoder not installed in the version it was trained on",
    "E032": "CoNLL file malformed or tag not among the model's labels",
    "E033": "model weights do not match the sha256 pinned or recorded for them: the file is corrupt or was changed",
    "E034": "model folder not loadable: no safetensors weights (pickles are never loaded), or its task head missing",
    "E035": "stance label unknown, or gold and predicted labels differ in number",
    "E036": "stance data malformed: FNC-1 files or columns missing, a Body ID unknown, a JSONL record without target, text and label",
    "E037": "attribution data malformed: a line not JSON, a record lacking a key, or an annotated article missing",
    "E039": "a model's ONNX Runtime path cannot run: onnxruntime or onnx is not installed",
    "E038": "event argument query malformed: the trigger is not a non-blank span inside its sentence, or the sentence not inside the text",
    "E040": "reprocess date range is empty",
    "E041": "release not in the lake",
    "E042": "cannot delete the default release",
    "E043": "release name not allowed (it becomes a folder name in the lake)",
    "E044": "date not in the YYYY-MM-DD form",
    "E050": "events gold file malformed: not JSON, a key missing, or trigger offsets that miss their text",
    "E051": "argument training data malformed: a QA-SRL column or sentence missing, an answer range outside its sentence, or the PLOVER file not JSON",
    "E052": "claims gold file malformed: not JSON, a key missing, a stance or quote type unknown, or span offsets that miss their text",
    "E053": "event-trigger training data malformed: the NGEC CSV lacks its text or label column, or a story label is no event category",
    "E090": "unexpected error: a fault in newslake or in the system (disk, permissions); NEWSLAKE_TRACEBACK=1 shows the traceback",
}


def render_docs() -> str:
    """docs/errors.md: every code with its sentence, generated from CODES (`make docs`)."""
    lines = [
        "# Error codes",
        "",
        "<!-- Generated from newslake/errors.py by `make docs`; do not edit by hand. -->",
        "",
        "Every failure the command line reports is one line, `EXXX: what happened and what to do`,",
        "exiting 1. Codes never change meaning; scripts may match on them.",
        "",
        "| code | meaning |",
        "|---|---|",
    ]
    lines += [f"| {code} | {meaning.replace('|', '/')} |" for code, meaning in sorted(CODES.items())]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_docs(), end="")

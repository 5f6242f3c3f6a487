"""Stance pairs from FNC-1, Emergent and JSONL files, in one label vocabulary; the headline-grouped dev split.

A pair is (target, text, label): the claim or headline, the text that takes a stance on it,
and one of LABELS. FNC-1 and Emergent labels are mapped on reading.
"""

from __future__ import annotations

import csv
import random
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newslake.errors import NewslakeError
from newslake.files import read_jsonl as jsonl_records

LABELS = ("supports", "refutes", "neutral", "unrelated")
RELATED_LABELS = LABELS[:3]  # what the cross-encoder (stage 2) predicts
LABEL_MAP = {
    **{label: label for label in LABELS},
    # FNC-1: the body's stance towards the headline
    "agree": "supports", "disagree": "refutes", "discuss": "neutral",
    # Emergent: the article headline's stance towards the claim
    "for": "supports", "against": "refutes", "observing": "neutral",
}  # fmt: skip
EMERGENT_TRAIN = "url-versions-2015-06-14-clean-train.csv"
EMERGENT_TEST = "url-versions-2015-06-14-clean-test.csv"

# FNC-1 bodies run to ~28k characters; the csv module's default field limit is 128k, raised for longer files.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(frozen=True)
class StancePair:
    target: str
    text: str
    label: str
    source: str = ""  # e.g. "fnc1:train_stances.csv#12", for error messages and reports


def to_label(raw: str, where: str = "") -> str:
    label = LABEL_MAP.get(str(raw).strip().lower())
    if label is None:
        raise NewslakeError("E035", f"{where}: stance label {raw!r} is not one of {sorted(LABEL_MAP)}")
    return label


def headline_key(headline: str) -> str:
    """Case- and punctuation-blind key: FNC-1 repeats headlines with small variations."""
    return " ".join(re.findall(r"\w+", headline.lower()))


def fnc_files(folder: str | Path) -> tuple[Path, Path]:
    """The (`*bodies.csv`, `*stances.csv`) of one FNC-1 split in `folder`, matched by their common prefix.

    A folder that holds several splits (e.g. the full FNC-1 release) is resolved to its one
    split not named `train*`; a `*stances.csv` path picks its split explicitly.
    """
    path = Path(folder)
    if path.is_file() and path.name.endswith("stances.csv"):
        prefix = path.name[: -len("stances.csv")]
        return _existing(path.with_name(prefix + "bodies.csv")), path
    if not path.is_dir():
        raise NewslakeError("E010", f"{path} is neither an FNC-1 folder nor a *stances.csv file")
    prefixes = sorted(p.name[: -len("stances.csv")] for p in path.glob("*stances.csv")
                      if (path / (p.name[: -len("stances.csv")] + "bodies.csv")).is_file())
    if len(prefixes) > 1:
        prefixes = [p for p in prefixes if not p.startswith("train")] or prefixes
    if len(prefixes) != 1:
        found = prefixes or "none"
        raise NewslakeError("E036", f"{path}: expected one pair of <prefix>bodies.csv + <prefix>stances.csv, found "
                                    f"{found}; pass the *stances.csv file of the split you mean")
    return path / f"{prefixes[0]}bodies.csv", path / f"{prefixes[0]}stances.csv"


def _existing(path: Path) -> Path:
    if not path.is_file():
        raise NewslakeError("E010", f"{path} does not exist; FNC-1 stances need the bodies file of the same prefix")
    return path


def read_fnc(folder: str | Path) -> list[StancePair]:
    """Headline (target) vs article body (text) pairs of one FNC-1 split."""
    bodies_path, stances_path = fnc_files(folder)
    bodies = {row["Body ID"]: row["articleBody"] for row in _csv_rows(bodies_path, ("Body ID", "articleBody"))}
    pairs = []
    for number, row in enumerate(_csv_rows(stances_path, ("Headline", "Body ID", "Stance")), start=2):
        where = f"{stances_path.name}:{number}"
        if row["Body ID"] not in bodies:
            raise NewslakeError("E036", f"{where}: Body ID {row['Body ID']} is not in {bodies_path.name}")
        pairs.append(StancePair(row["Headline"], bodies[row["Body ID"]], to_label(row["Stance"], where),
                                f"fnc1:{where}"))
    return pairs


def read_emergent(path: str | Path) -> list[StancePair]:
    """Claim (target) vs article headline (text) pairs of an Emergent CSV."""
    path = Path(path)
    return [StancePair(row["claimHeadline"], row["articleHeadline"],
                       to_label(row["articleHeadlineStance"], f"{path.name}:{number}"), f"emergent:{path.name}:{number}")
            for number, row in enumerate(_csv_rows(path, ("claimHeadline", "articleHeadline", "articleHeadlineStance")),
                                         start=2)]  # fmt: skip


def read_jsonl(path: str | Path) -> list[StancePair]:
    """Records `{"target", "text", "label"}`, one per line; labels in any vocabulary of LABEL_MAP."""
    path = Path(path)
    pairs = []
    for number, record in jsonl_records(path, "E036"):
        where = f"{path.name}:{number}"
        try:
            target, text, label = record["target"], record["text"], record["label"]
        except (KeyError, TypeError) as error:
            raise NewslakeError("E036", f"{where}: expected a JSON object with target, text and label ({error})")
        pairs.append(StancePair(str(target), str(text), to_label(label, where), f"jsonl:{where}"))
    return pairs


def read_pairs(data: str | Path) -> list[StancePair]:
    """A `.jsonl` file, an Emergent `.csv`, or an FNC-1 folder / `*stances.csv` file."""
    path = Path(data)
    if path.suffix == ".jsonl":
        return read_jsonl(path)
    if path.is_file() and path.suffix == ".csv" and not path.name.endswith("stances.csv"):
        return read_emergent(path)
    return read_fnc(path)


def _csv_rows(path: Path, columns: Sequence[str]) -> Iterable[dict[str, str]]:
    if not path.is_file():
        raise NewslakeError("E010", f"{path} does not exist")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise NewslakeError("E036", f"{path.name}: missing column(s) {missing}; found {reader.fieldnames}")
        yield from reader


def headline_split(pairs: Sequence[StancePair], dev_fraction: float = 0.15, seed: int = 13
                   ) -> tuple[list[StancePair], list[StancePair]]:
    """(train, dev): a seeded `dev_fraction` of the distinct targets goes to dev with every one of its pairs.

    Splitting by body instead leaves each dev headline in train and overstates quality
    (shared/datasets/PITFALLS.md).
    """
    keys = sorted({headline_key(p.target) for p in pairs})
    random.Random(seed).shuffle(keys)
    dev_keys = set(keys[: round(dev_fraction * len(keys))])
    train = [p for p in pairs if headline_key(p.target) not in dev_keys]
    dev = [p for p in pairs if headline_key(p.target) in dev_keys]
    return train, dev

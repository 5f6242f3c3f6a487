"""Score a stance model on labelled pairs: an FNC-1-style folder or a JSONL of {"target", "text", "label"}."""

from __future__ import annotations

import time
from pathlib import Path

from newslake.models.stance.data import read_pairs
from newslake.models.stance.metrics import stance_metrics
from newslake.models.stance.model import StanceModel


def evaluate_stance(data: str | Path, folder: str | Path | None = None, quantize: str = "none") -> dict:
    """`stance_metrics` of the model in `folder` (default: the bundled one) on `data`, plus its speed.

    `data`: a folder with `<prefix>bodies.csv` + `<prefix>stances.csv` (FNC-1 layout), a `*stances.csv`
    file, an Emergent CSV, or a `.jsonl` file; labels in the FNC-1, Emergent or newslake vocabulary.
    """
    pairs = read_pairs(data)
    model = StanceModel.load(folder, quantize=quantize)
    started = time.perf_counter()
    predicted = model.predict([(p.target, p.text) for p in pairs])
    seconds = time.perf_counter() - started
    return {**stance_metrics([p.label for p in pairs], predicted), "model": str(model.path), "quantize": quantize,
            "seconds": round(seconds, 1), "pairs_per_second": round(len(pairs) / seconds, 1) if seconds else None}

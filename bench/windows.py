"""What the entity model's windows cost: wordpieces forwarded, seconds and span agreement by window
length and overlap, on real news articles.

    .venv/bin/python bench/windows.py [--articles 60] [--repeats 3]

The runtime cuts an article into windows of `max_tokens` content tokens that start at sentence
starts and share at least `overlap` tokens with the window before (models/runtime/windows.py).
Each setting runs on the same first N PolNeAR articles, interleaved with the others in every repeat
(so that other work on the cores hits all of them alike); the table gives the wordpieces forwarded
(under the attention mask), the median seconds of the whole call, the speed-up over the default
(126 tokens, overlap 32, as the model was trained) and how many of the default's spans each setting
reproduces exactly (agreement, both ways). Agreement is no quality figure: CoNLL dev is scored
sentence by sentence and no window setting changes it; a setting that changes many spans needs a
document-level gold file, or a model trained on its windows, before it can be a default.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import torch

from newslake.config import EntitiesConfig
from newslake.models.registry import load_entity_model

ARTICLES = Path(__file__).resolve().parents[1] / "../shared/datasets/polnear/articles.jsonl"
SETTINGS = ((126, 32), (126, 16), (126, 0), (254, 32), (510, 32))  # (max_tokens, overlap); the first is the default


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(2)
    with ARTICLES.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.articles), lines)]
    runners = {setting: load_entity_model(EntitiesConfig(max_tokens=setting[0], overlap=setting[1])).runner
               for setting in SETTINGS}
    seconds: dict[tuple[int, int], list[float]] = {setting: [] for setting in SETTINGS}
    spans, pieces = {}, {}
    for _ in range(args.repeats):
        for setting, runner in runners.items():
            pieces[setting] = sum(int(batch["attention_mask"].sum()) for batch in runner.preprocess(texts).model_inputs)
            started = time.perf_counter()
            found = runner(texts)
            seconds[setting].append(time.perf_counter() - started)
            spans[setting] = {(i, s.start, s.end, s.label) for i, article in enumerate(found) for s in article}
    default = SETTINGS[0]
    print(f"{args.articles} PolNeAR articles, 2 torch threads, medians of {args.repeats}; the default entity model "
          f"(quantize {EntitiesConfig().quantize})\n")
    print("| max_tokens | overlap | wordpieces forwarded | seconds | speed-up | default's spans kept | its spans in the default |")
    print("|---|---|---|---|---|---|---|")
    for setting in SETTINGS:
        same = len(spans[default] & spans[setting])
        speed = statistics.median(seconds[default]) / statistics.median(seconds[setting])
        print(f"| {setting[0]} | {setting[1]} | {pieces[setting]:,} | {statistics.median(seconds[setting]):.1f} | "
              f"{speed:.2f}x | {same / len(spans[default]):.3f} | {same / len(spans[setting]):.3f} |")


if __name__ == "__main__":
    main()

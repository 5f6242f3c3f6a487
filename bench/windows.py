"""What the entity model's windows and precision cost: wordpieces forwarded, seconds, span agreement
and CoNLL dev F1 read as whole documents, by window length, overlap and quantisation.

    .venv/bin/python bench/windows.py [--articles 60] [--repeats 3]

The runtime cuts an article into windows of `max_tokens` content tokens that start at sentence
starts and share at least `overlap` tokens with the window before (models/runtime/windows.py).
Each setting runs on the same first N PolNeAR articles, interleaved with the others in every repeat
(so that other work on the cores hits all of them alike); the table gives the wordpieces forwarded
(under the attention mask), the median seconds of the whole call, the speed-up over the first row
(int8, 126 tokens, overlap 32: the default until this benchmark), how many of that row's spans each
setting reproduces exactly (agreement, both ways), and entity F1 on CoNLL-2003 dev with each
document tagged as one text, a line per sentence (`newslake eval entities --documents`): CoNLL dev
scored a sentence at a time fits in one window whatever the setting, so only whole documents show
what windows cost on articles.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import torch

from newslake.config import EntitiesConfig
from newslake.models.evaluation import evaluate_entities
from newslake.models.registry import load_entity_model

ARTICLES = Path(__file__).resolve().parents[1] / "../shared/datasets/polnear/articles.jsonl"
CONLL_DEV = Path(__file__).resolve().parents[1] / "../shared/datasets/conll2003/valid.txt"
# (quantize, max_tokens, overlap); the first is the default this benchmark replaced, the third the default now
SETTINGS = (("int8", 126, 32), ("none", 126, 32), ("none", 126, 0), ("int8", 126, 0), ("none", 126, 16),
            ("none", 254, 32), ("none", 510, 32))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(2)
    with ARTICLES.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.articles), lines)]
    models = {setting: load_entity_model(EntitiesConfig(quantize=setting[0], max_tokens=setting[1], overlap=setting[2]))
              for setting in SETTINGS}
    runners = {setting: model.runner for setting, model in models.items()}
    f1 = {setting: evaluate_entities(model, CONLL_DEV, documents=True)["f1"] for setting, model in models.items()}
    seconds: dict[tuple[str, int, int], list[float]] = {setting: [] for setting in SETTINGS}
    spans, pieces = {}, {}
    for _ in range(args.repeats):
        for setting, runner in runners.items():
            pieces[setting] = sum(int(batch["attention_mask"].sum()) for batch in runner.preprocess(texts).model_inputs)
            started = time.perf_counter()
            found = runner(texts)
            seconds[setting].append(time.perf_counter() - started)
            spans[setting] = {(i, s.start, s.end, s.label) for i, article in enumerate(found) for s in article}
    default = SETTINGS[0]
    print(f"{args.articles} PolNeAR articles, 2 torch threads, medians of {args.repeats}; the entity model "
          f"{EntitiesConfig().model}; F1: CoNLL-2003 dev, whole documents\n")
    print("| quantize | max_tokens | overlap | wordpieces forwarded | seconds | speed-up | first row's spans kept "
          "| its spans in the first row's | CoNLL dev F1, documents |")
    print("|---|---|---|---|---|---|---|---|---|")
    for setting in SETTINGS:
        same = len(spans[default] & spans[setting])
        speed = statistics.median(seconds[default]) / statistics.median(seconds[setting])
        print(f"| {setting[0]} | {setting[1]} | {setting[2]} | {pieces[setting]:,} | {statistics.median(seconds[setting]):.1f} | "
              f"{speed:.2f}x | {same / len(spans[default]):.3f} | {same / len(spans[setting]):.3f} | {f1[setting]:.4f} |")


if __name__ == "__main__":
    main()

"""Language identification with py3langid (its numpy model ships inside the wheel: offline, no pickle)."""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# The first thousand characters (a paragraph or two) decide; py3langid costs
# about 1 ms per thousand characters, and reading more rarely changes the answer.
SAMPLE_CHARS = 1000


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and its probability."""
    language, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return language, float(probability)

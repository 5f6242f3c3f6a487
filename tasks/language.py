"""Language identification with py3langid (its numpy model ships inside the wheel: offline, no pickle)."""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# The first few thousand characters decide; reading a 300k-character article
# gives the same answer, much later.
SAMPLE_CHARS = 3000


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and its probability."""
    language, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return language, float(probability)

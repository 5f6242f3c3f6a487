"""Event-trigger tagger: BIO over the 17 event categories (16 PLOVER + STATEMENT), the cased MiniLM token
classifier of the entity model fine-tuned on NGEC stories weakly labelled by the CAMEO lexicon.

`data.py` builds training and dev data, `network.py` the artifact, `train.py` the recipe, `runtime.py`
the TokenClassifier the pipeline runs (scores calibrated by the artifact's temperature), `evaluate.py`
and `calibration.py` the dev figures of the model card. Load the shipped model with
`newslake.models.registry.load_event_model`.
"""

from pathlib import Path

# The shipped model; its MODEL_CARD.md says how it was made.
DEFAULT_ARTIFACT = Path(__file__).resolve().parents[1] / "artifacts" / "events-minilm"

"""Event arguments: for an event word in a sentence, the spans of its AGENT, TARGET, PLACE and TIME.

A MiniLM token tagger fine-tuned on QA-SRL (roles.py maps its questions to the four roles) and, when the
trainer is given them, hand-annotated news events (annotated.py);
the shipped artifact's MODEL_CARD.md says how it was made and how well it does.
Nothing is imported here, so that the registry can import the query type without loading torch models.
"""

from pathlib import Path

# The shipped model.
DEFAULT_ARTIFACT = Path(__file__).resolve().parents[1] / "artifacts" / "event-arguments-minilm"

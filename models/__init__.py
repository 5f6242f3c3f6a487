"""Model adapters behind a small Protocol, and the trained artifacts with their cards.

The ingest stage needs no model; the entity, attribution and stance adapters join here.
"""

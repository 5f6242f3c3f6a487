"""Ingest: dumps in any supported format -> candidate articles and reject rows, deduplicated."""

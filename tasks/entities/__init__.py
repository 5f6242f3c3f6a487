"""Entities: the entity model's spans -> keyed `entities` rows."""

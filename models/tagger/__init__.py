"""The news tagger: one encoder pass over an article, two heads: entities and event words.

network.py  the artifact (one CasedTokenClassifier whose output columns are the heads' labels side by side)
train.py    how it is trained: from the entity model, on CoNLL and the event-trigger recipe's sentences at once
"""

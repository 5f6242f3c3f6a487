"""Character-offset utilities over plain text (spans, sentences, words), shared by `tasks` and `models`."""

"""Stories: event mentions across articles -> `stories` clustered incrementally, run after run."""

"""Runs: what one run read and wrote (report, dump ledger) and how two releases differ."""

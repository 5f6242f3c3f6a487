"""The events stage writes every event it reads, but only asserted ones become story mentions: a denied,
hypothetical or future event is no occurrence to corroborate. The reader is replaced by hand-made rows."""

from collections import Counter
from contextlib import nullcontext
from types import SimpleNamespace

import newslake.flows.events as stage

from lake_rows import article, event

TEXT = "Russia denied that it struck the station. Officials said talks could resume. Police detained two men."
TALKS, ARREST = TEXT.index("Officials"), TEXT.index("Police")


class Done:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def test_only_asserted_events_become_story_mentions(monkeypatch):
    rows = [
        event("e1", "id1", modality="denied"),  # "denied that it struck"
        {**event("e2", "id1", "CONSULT", modality="hypothetical"), "sentence_start": TALKS, "sentence_end": ARREST - 1},
        {**event("e3", "id1", "COERCE"), "sentence_start": ARREST, "sentence_end": len(TEXT)},
    ]
    monkeypatch.setattr(stage, "load_event_reader", lambda config: SimpleNamespace(models=()))
    monkeypatch.setattr(stage, "events_shard_task", SimpleNamespace(submit=lambda *args: Done(rows)))
    written = []
    context = SimpleNamespace(
        config=SimpleNamespace(events=None), timed=lambda name: nullcontext(), logger=SimpleNamespace(info=lambda *a: None),
        report=SimpleNamespace(release="next", run_id="r2", models=[], rows=Counter()),
        staging=SimpleNamespace(write=lambda table, batch: written.extend(batch) or len(batch)),
    )
    mentions = []
    articles = [{**article(1), "text": TEXT}]
    assert [out[2] for out in stage.events_stage(context, [(articles, [])], mentions)] == [rows]
    assert [(r["event_id"], r["category"], r["modality"], r["release"]) for r in written] == [
        ("e1", "ASSAULT", "denied", "next"), ("e2", "CONSULT", "hypothetical", "next"), ("e3", "COERCE", "asserted", "next")]
    assert context.report.rows["events"] == 3
    assert [(m.event["event_id"], m.sentence) for m in mentions] == [("e3", "Police detained two men.")]

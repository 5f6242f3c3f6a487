"""Valid rows of the lake's tables for lake tests (local and object storage)."""

from datetime import UTC, datetime

from newslake.tasks.events.ontology import load_ontology

NOW = datetime(2026, 11, 25, tzinfo=UTC)


def article(n, date="2024-11-19", run_id="r1"):
    return {
        "article_id": f"id{n}",
        "source": "example.com",
        "url": None,
        "title": f"title {n}",
        "published_at": None if date == "unknown" else datetime.fromisoformat(date).replace(tzinfo=UTC),
        "language": "en",
        "text": f"text {n}",
        "text_sha256": "0" * 64,
        "dump": "d.jsonl",
        "dump_record": str(n),
        "ingested_at": NOW,
        "run_id": run_id,
        "publisher": "example.com",
        "copy_of": None,
        "wire": None,
        "date": date,
    }


def reject(n, run_id="r1"):
    return {
        "dump": "d.jsonl",
        "dump_record": str(n),
        "reason_code": "empty_text",
        "detail": "no text",
        "duplicate_of": None,
        "raw_excerpt": "",
        "rejected_at": NOW,
        "run_id": run_id,
        "date": "2026-11-25",
    }


def mention(n, article_id, key, label="LOC", start=0, release="base", date="2024-11-19"):
    return {
        "mention_id": f"m{n}",
        "article_id": article_id,
        "start": start,
        "end": start + len(key),
        "text": key.title(),
        "label": label,
        "score": 1.0,
        "entity_key": key,
        "model": "test",
        "run_id": "r1",
        "release": release,
        "date": date,
    }


def claim(n, article_id, speaker_key, stance, event_id=None, cue="said", cue_class="assertive", target_kind=None,
          content_start=10, release="base", date="2024-11-19"):
    """A claim whose cue starts at 5 * n: claims of one article never share a cue span."""
    return {
        "claim_id": f"c{n}",
        "article_id": article_id,
        "speaker": None if speaker_key is None else speaker_key.title(),
        "speaker_start": None if speaker_key is None else 0,
        "speaker_end": None if speaker_key is None else len(speaker_key),
        "speaker_key": speaker_key,
        "speaker_kind": "unknown" if speaker_key is None else "person",
        "speaker_resolution": "none" if speaker_key is None else "entity",
        "speaker_affiliation": None,
        "cue": cue,
        "cue_start": 5 * n,
        "cue_end": 5 * n + len(cue),
        "cue_class": cue_class,
        "content": "something happened",
        "content_start": content_start,
        "content_end": content_start + 18,
        "quote_type": "indirect",
        "via": None,
        "via_start": None,
        "via_end": None,
        "via_key": None,
        "event_id": event_id,
        "target_kind": target_kind or ("event" if event_id else "title"),
        "stance": stance,
        "stance_scores": None,
        "stance_rule": "model",
        "in_title": False,
        "score": 1.0,
        "models": ["test"],
        "run_id": "r1",
        "release": release,
        "date": date,
    }


def kind(category, mode=None, modality="asserted"):
    """An event's kind as the events stage writes it: category, mode, CAMEO root, modality and the legacy type."""
    ontology = load_ontology()
    cameo = ontology.categories[category].default_cameo
    return {"category": category, "mode": mode, "cameo": cameo, "cameo_code": None, "modality": modality,
            "event_type": ontology.legacy_type(category, cameo, mode)}


def event(event_id, article_id, category="ASSAULT", release="base", date="2024-11-19", modality="asserted"):
    return {
        "event_id": event_id,
        "article_id": article_id,
        **kind(category, modality=modality),
        "trigger": "struck",
        "trigger_start": 0,
        "trigger_end": 6,
        "mentions": [{"start": 0, "end": 6}],
        "description": f"{category.lower()} {event_id}",
        "event_date": None,
        "date_precision": "unknown",
        "date_text": None,
        "location": "Kramatorsk",
        "location_start": 10,
        "location_end": 20,
        "location_key": "kramatorsk",
        "actors": [],
        "weapon": None,
        "weapon_class": None,
        "quantities": [],
        "sentence_start": 0,
        "sentence_end": 30,
        "score": 0.5,
        "run_id": "r1",
        "release": release,
        "date": date,
    }


def story(story_id, event_ids, n_articles, event_date=None, first_seen=None, category="ASSAULT", location_key="kramatorsk",
          release="base", date="2024-11-19"):
    founding = kind(category)
    return {
        "story_id": story_id,
        "category": category,
        "event_type": founding["event_type"],
        "cameo": founding["cameo"],
        "description": f"story {story_id}",
        "event_date": event_date,
        "date_precision": "unknown" if event_date is None else "day",
        "location": location_key.title(),
        "location_key": location_key,
        "actors": [],
        "weapon": None,
        "weapon_class": None,
        "event_ids": event_ids,
        "members": [],
        "n_articles": n_articles,
        "n_publishers": n_articles,
        "n_independent": n_articles,
        "speakers": [],
        "n_supporting": 0,
        "n_refuting": 0,
        "n_neutral": 0,
        "first_seen": first_seen,
        "last_seen": first_seen,
        "terms": [],
        "run_id": "r1",
        "release": release,
        "date": date,
    }

"""The run flow on the worked example with the shipped models: entities, claims, events and stories."""

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest

from newslake.flows import run
from newslake.lake import scan

pytestmark = pytest.mark.usefixtures("prefect")
ROOT = Path(__file__).resolve().parents[2]
WORKED = ROOT / "data" / "samples" / "worked-example"
PROPOSITIONS = ROOT / "configs" / "examples" / "ukraine-propositions.yaml"


@pytest.fixture(scope="module")
def lake(tmp_path_factory, prefect):
    lake = tmp_path_factory.mktemp("run") / "lake"
    dumps = tmp_path_factory.mktemp("dumps")
    shutil.copytree(WORKED, dumps / "worked-example")
    summary = run([str(dumps)], lake=str(lake), config_path=str(PROPOSITIONS))
    assert summary["rows"]["articles"] == 1
    return lake


def test_worked_example_entities(lake):
    text = scan("articles", lake).collect()["text"][0]
    entities = scan("entities", lake).collect()
    assert (entities["release"] == "base").all() and (entities["date"] == "2024-11-19").all()
    # Offsets are the truth: every copy matches the article text.
    assert all(text[s:e] == t for s, e, t in zip(entities["start"], entities["end"], entities["text"]))

    labels = {(t, label) for t, label in zip(entities["text"], entities["label"])}
    expected = {
        "PER": ["Volodymyr Zelensky", "Mette Frederiksen", "Joe Biden", "Matthew Miller", "Sergey Lavrov", "Yuriy Butusov"],
        "ORG": ["AFU", "RBC-Ukraine", "Censor.net", "New York Times", "Kremlin", "State Department"],
        "LOC": ["Bryansk region", "Russia", "Ukraine"],
        "MISC": ["ATACMS", "Neptune"],
    }
    for label, names in expected.items():
        for name in names:
            assert any(name in t and lab == label for t, lab in labels), (name, label)

    keys = dict(zip(entities["text"], entities["entity_key"]))
    assert keys["AFU"] == keys["Armed Forces of Ukraine"] == "armed forces of ukraine"
    ministry = entities.filter(pl.col("text") == "the ministry")
    assert ministry["model"].to_list() == ["rules:description"]
    assert ministry["entity_key"][0] == keys["Ministry of Defense"]

    runs = scan("runs", lake).collect()
    models = runs["models"][0]
    assert [(m["stage"], m["name"]) for m in models] == [
        ("entities", "cased-minilm.v1+onnx-int8"), ("events", "events-minilm.v1+onnx-fp32"),
        ("events", "event-arguments-minilm.v1+onnx-int8"),
        ("claims", "attribution-minilm.v1+onnx-int8"), ("claims", "stance-minilm.v1+onnx-int8")]
    assert all(len(m["sha256"]) == 64 for m in models)
    assert {r["name"]: r["rows"] for r in runs["rows"][0]}["entities"] == entities.height


def claim_of(claims, speaker_key, cue_word):
    found = [c for c in claims.iter_rows(named=True) if c["speaker_key"] == speaker_key and cue_word in c["cue"]]
    assert len(found) == 1, (speaker_key, cue_word, claims.select("speaker_key", "cue").rows())
    return found[0]


def test_worked_example_claims(lake):
    text = scan("articles", lake).collect()["text"][0]
    claims = scan("claims", lake).collect()
    assert (claims["release"] == "base").all() and (claims["date"] == "2024-11-19").all()
    for part in ("speaker", "cue", "content", "via"):  # offsets are the truth: every copy matches the text
        for copy, start, end in zip(claims[part], claims[f"{part}_start"], claims[f"{part}_end"]):
            assert copy is None or text[start:end] == copy

    # Who said what, and their stance toward the event they are about (the title when none).
    expected = [
        ("volodymyr zelensky", "refrained from confirming", "person", "neutral"),
        ("rbc-ukraine", "reported", "media", "supports"),
        ("yuriy butusov", "mentioned", "person", "supports"),
        ("afu general staff", "did not confirm", "military", "neutral"),
        ("ministry of defense", "claimed", "government", "supports"),
        ("ministry of defense", "According to", "government", "supports"),
        ("new york times", "reported", "media", "supports"),
        ("matthew miller", "neither confirmed nor denied", "person", "neutral"),
        ("kremlin", "stated", "government", "neutral"),
    ]
    for speaker_key, cue, kind, stance in expected:
        claim = claim_of(claims, speaker_key, cue)
        assert (claim["speaker_kind"], claim["stance"]) == (kind, stance), claim

    rbc = claim_of(claims, "rbc-ukraine", "reported")
    assert (rbc["via"], rbc["via_key"]) == ("a defense source", "anonymous")
    assert rbc["content"] == "that the AFU used American long-range missiles to target sites in Russia"
    claimed = claim_of(claims, "ministry of defense", "claimed")
    assert claimed["speaker"] == "Russia's Ministry of Defense"
    assert claimed["content"] == (
        "that on the night of November 19, the AFU launched six ATACMS missiles at a facility in the Bryansk region")
    according = claim_of(claims, "ministry of defense", "According to")
    assert (according["speaker"], according["content"]) == ("the ministry", "five missiles were intercepted, while one was damaged")
    assert claim_of(claims, "new york times", "reported")["content"] == (
        "that U.S. President Joe Biden authorized Ukraine to conduct strikes on Russian territory using ATACMS missiles")
    assert claim_of(claims, "volodymyr zelensky", "refrained")["content"] == "the use of ATACMS"
    assert claim_of(claims, "matthew miller", "neither")["stance_rule"] == "cue:noncommittal"
    assert claim_of(claims, "kremlin", "stated")["stance_rule"] == "content:noncommittal"  # "if the U.S. indeed ..."
    # "he noted that he could not confirm the media reports": one attribution (the tagger does not split
    # nested ones), neutral whether "could not confirm" is its cue or in its content.
    [lavrov] = [c for c in claims.iter_rows(named=True) if c["speaker_key"] == "sergey lavrov"
                and "could not confirm" in f"{c['cue']} {c['content']}"]
    assert lavrov["stance"] == "neutral" and lavrov["stance_rule"] in ("cue:noncommittal", "content:noncommittal")


def test_worked_example_claims_against_propositions(lake):
    claims = scan("claims", lake).collect()
    stances = scan("claim_stances", lake).collect()
    assert stances.height == 2 * claims.height  # every claim x both propositions
    assert set(stances["claim_id"]) == set(claims["claim_id"])
    by_claim = {(row["claim_id"], row["proposition_id"]): row["stance"] for row in stances.iter_rows(named=True)}
    nyt = claim_of(claims, "new york times", "reported")["claim_id"]
    miller = claim_of(claims, "matthew miller", "neither")["claim_id"]
    ministry = claim_of(claims, "ministry of defense", "claimed")["claim_id"]
    assert by_claim[(nyt, "us-authorized-atacms")] == "supports"
    assert by_claim[(miller, "us-authorized-atacms")] == "neutral"
    assert by_claim[(ministry, "atacms-strike-on-russia")] == "supports"


def asserted_by_type(events):
    """The asserted events with a type of releases before categories, by that type."""
    rows = events.filter((pl.col("modality") == "asserted") & pl.col("event_type").is_not_null()).iter_rows(named=True)
    found = {}
    for row in rows:
        assert row["event_type"] not in found, row
        found[row["event_type"]] = row
    return found


def test_worked_example_events(lake):
    text = scan("articles", lake).collect()["text"][0]
    events = scan("events", lake).collect()
    by_type = asserted_by_type(events)
    assert sorted(by_type) == ["attack", "authorization"]
    attack, authorization = by_type["attack"], by_type["authorization"]
    # Beside them, what is no occurrence of its own: the press conference (STATEMENT), the casualties the
    # ministry says there were none of (denied), and the strikes Biden authorized (hypothetical; its trigger is
    # the noun that names the assault, "to conduct strikes", and the conference is a "press conference", as the
    # annotation guidelines mark them).
    others = events.filter(~pl.col("event_id").is_in([attack["event_id"], authorization["event_id"]]))
    assert sorted(zip(others["category"], others["modality"], others["trigger"])) == [
        ("ASSAULT", "denied", "casualties"), ("ASSAULT", "hypothetical", "strikes"), ("STATEMENT", "asserted", "press conference")]

    assert (attack["category"], attack["trigger"], attack["cameo"], attack["event_date"]) == ("ASSAULT", "struck", "19", date(2024, 11, 19))
    assert attack["date_precision"] == "day" and attack["date_text"] == "November 19"
    assert (attack["location"], attack["location_key"]) == ("Russia's Bryansk region", "bryansk region")
    assert text[attack["location_start"] : attack["location_end"]] == attack["location"]
    assert [(a["role"], a["entity_key"], a["text"]) for a in attack["actors"]] == [
        ("agent", "armed forces of ukraine", "Armed Forces of Ukraine"), ("target", None, "military facility")]
    assert [(a["country"], a["sector"]) for a in attack["actors"]][:2] == [("UKR", "MIL"), (None, "MIL")]
    assert (attack["weapon"], attack["weapon_class"]) == ("ATACMS", "missile")
    assert [(q["action"], q["value"]) for q in attack["quantities"]] == [("launched", 6), ("intercepted", 5), ("damaged", 1)]
    # One event for every mention of the strike: "struck", the General Staff's "ATACMS strikes", "launched",
    # "intercepted", Lavrov's "strikes". The trigger model misses RBC-Ukraine's "to target sites" (so "sites" is
    # no target), an error its card lists; "causing a fire" (an effect, no mention by the guidelines) is no mention.
    # It also reads "using" in the strike's sentence as an attack word: a mention of its own, joined to the strike.
    mentions = [text[m["start"] : m["end"]] for m in attack["mentions"]]
    assert mentions == ["struck", "using", "strikes", "launched", "intercepted", "strikes"]
    assert text[attack["sentence_start"] : attack["sentence_end"]].startswith("On the night of November 19, the Armed Forces")
    assert attack["description"] == "Armed Forces of Ukraine struck military facility in Russia's Bryansk region with ATACMS"
    assert 0.5 < attack["score"] <= 1

    assert (authorization["category"], authorization["mode"], authorization["cameo"]) == ("SUPPORT", "approve", "05")
    assert (authorization["trigger"], authorization["event_date"]) == ("authorized", date(2024, 11, 17))
    assert [(a["role"], a["entity_key"]) for a in authorization["actors"]] == [("agent", "joe biden"), ("target", "ukraine")]
    # "conduct strikes" is what was authorized: a hypothetical event of its own, not a mention of the attack.
    assert authorization["quantities"] == [] and authorization["weapon"] is None


def test_worked_example_claims_are_linked_to_their_events(lake):
    events = {kind: row["event_id"] for kind, row in asserted_by_type(scan("events", lake).collect()).items()}
    claims = scan("claims", lake).collect()
    linked = {
        ("rbc-ukraine", "reported"): ("attack", "supports"),
        ("yuriy butusov", "mentioned"): ("attack", "supports"),  # "this information": RBC-Ukraine's report
        ("ministry of defense", "claimed"): ("attack", "supports"),
        ("ministry of defense", "According to"): ("attack", "supports"),
        ("volodymyr zelensky", "refrained from confirming"): ("attack", "neutral"),  # "the use of ATACMS"
        ("afu general staff", "did not confirm"): ("attack", "neutral"),  # "the reports"
        ("new york times", "reported"): ("authorization", "supports"),
        ("matthew miller", "neither confirmed nor denied"): ("authorization", "neutral"),  # "the report"
    }
    for (speaker_key, cue), (event_type, stance) in linked.items():
        claim = claim_of(claims, speaker_key, cue)
        assert (claim["event_id"], claim["target_kind"], claim["stance"]) == (events[event_type], "event", stance), claim
    assert claim_of(claims, "kremlin", "stated")["event_id"] is None  # "if the U.S. indeed made such a decision"


def test_worked_example_stories_count_who_backs_each_event(lake):
    claims = scan("claims", lake).collect()
    events = scan("events", lake).collect()
    stories = scan("stories", lake).collect().sort("category")
    # Asserted events only: the denied casualties and the authorized strikes are no occurrences to corroborate.
    assert stories["category"].to_list() == ["ASSAULT", "STATEMENT", "SUPPORT"]
    stories = stories.filter(pl.col("event_type").is_not_null()).sort("event_type")
    assert stories["event_type"].to_list() == ["attack", "authorization"]
    by_type = asserted_by_type(events)
    for story in stories.iter_rows(named=True):
        event_id = by_type[story["event_type"]]["event_id"]
        about = claims.filter(pl.col("event_id") == event_id)
        assert story["event_ids"] == [event_id]
        assert (story["n_articles"], story["n_publishers"], story["n_independent"]) == (1, 1, 1)
        assert story["first_seen"] == story["last_seen"] == datetime(2024, 11, 19, tzinfo=UTC)
        # Each speaker once, with the stance of its last claim in the article (anonymous sources: one per article).
        latest = {}
        for claim in about.sort("cue_start").iter_rows(named=True):
            speaker = claim["speaker_key"] if claim["speaker_key"] not in (None, "anonymous") else f"anonymous:{claim['article_id']}"
            latest[speaker] = claim["stance"]
        assert [(s["speaker_key"], s["stance"]) for s in story["speakers"]] == sorted(latest.items())
        for column, stance in (("n_supporting", "supports"), ("n_refuting", "refutes"), ("n_neutral", "neutral")):
            assert story[column] == list(latest.values()).count(stance), (story["event_type"], column)

    attack = claims.filter(pl.col("event_id") == by_type["attack"]["event_id"])
    backers = set(attack.filter(pl.col("stance") == "supports")["speaker_key"])
    assert {"rbc-ukraine", "yuriy butusov", "ministry of defense"} <= backers
    assert {"volodymyr zelensky", "afu general staff"} <= set(attack.filter(pl.col("stance") == "neutral")["speaker_key"])
    assert stories["n_refuting"].to_list() == [0, 0]
    assert stories["date"].to_list() == ["2024-11-19", "2024-11-17"]  # the event's own date, not the article's


def test_worked_example_entity_index_and_speaker_columns(lake):
    index = scan("entity_index", lake).collect()
    entities = scan("entities", lake).collect()
    assert index["key"].n_unique() == index.height
    assert set(entities["entity_key"]) == set(index["merged_keys"].explode())  # every key belongs to one entity
    zelensky = index.filter(pl.col("key") == "volodymyr zelensky").row(0, named=True)
    assert (zelensky["name"], zelensky["label"]) == ("Volodymyr Zelensky", "PER")
    assert zelensky["first_seen"] == zelensky["last_seen"] == date(2024, 11, 19)
    assert zelensky["n_mentions"] == entities.filter(pl.col("entity_key").is_in(zelensky["merged_keys"])).height
    # All mentions of an entity with one join.
    joined = entities.join(index.explode("merged_keys"), left_on="entity_key", right_on="merged_keys")
    assert joined.height == entities.height
    claims = scan("claims", lake).collect()
    assert claims.filter(pl.col("speaker").is_not_null())["speaker_resolution"].is_in(
        ["entity", "role", "description", "pronoun", "author", "anonymous", "unlinked"]).all()
    assert set(claims.filter(pl.col("content").is_not_null())["quote_type"]) <= {"direct", "indirect", "mixed"}

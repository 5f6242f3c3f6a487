"""The corroboration ledger on hand-made members: copies, origins, distinct speakers, publish dates."""

from datetime import UTC, date, datetime

from newslake.tasks.stories.ledger import attach_copies, latest_stances, member_row, with_totals, without_members
from newslake.tasks.stories.clustering import StoryMember


def day(d):
    return datetime(2022, 4, d, tzinfo=UTC)


def event(event_id, article_id, **slots):
    return {"event_id": event_id, "article_id": article_id, "event_date": None, "date_precision": "unknown",
            "location": None, "location_key": None, "actors": [], "weapon": None, "weapon_class": None, "quantities": [],
            **slots}


def member(event_id, article_id, publisher, published, origin=None, claims=(), article_date=None, **slots):
    claims = [{"claim_id": f"{article_id}-{i}", "event_id": event_id, "speaker_key": speaker, "stance": stance,
               "content": content, "cue_start": i} for i, (speaker, stance, content) in enumerate(claims)]
    mention = StoryMember(event(event_id, article_id, **slots), publisher, published,
                          article_date or (published.date().isoformat() if published else "unknown"), frozenset(), {},
                          publisher=publisher, origin=origin or publisher, claims=claims)
    return member_row(mention)


def story(*members):
    return with_totals({"story_id": "s1", "date": "2022-04-08", "members": list(members)})


def copy(article_id, of, publisher, published):
    return {"article_id": article_id, "copy_of": of, "source": publisher, "publisher": publisher, "published_at": published,
            "date": published.date().isoformat()}


def test_an_original_and_three_copies_are_four_articles_four_publishers_one_origin():
    stories = [story(member("e1", "ap1", "apnews.com", day(8), claims=[("kyrylenko", "supports", "57 killed")]))]
    changed = attach_copies(stories, [copy("c1", "ap1", "nytimes.com", day(8)), copy("c2", "ap1", "washingtonpost.com", day(9)),
                                      copy("c3", "ap1", "latimes.com", day(10)), copy("x", "other", "cnn.com", day(9))])
    [s] = stories
    assert changed == {0}
    assert (s["n_articles"], s["n_publishers"], s["n_independent"]) == (4, 4, 1)
    assert s["event_ids"] == ["e1"]
    assert [(m["article_id"], m["copy_of"], m["origin"]) for m in s["members"]] == [
        ("ap1", None, "apnews.com"), ("c1", "ap1", "apnews.com"), ("c2", "ap1", "apnews.com"), ("c3", "ap1", "apnews.com")]
    # the copies repeat the original's claims: they add no speaker
    assert (s["n_supporting"], s["first_seen"], s["last_seen"]) == (1, day(8), day(10))
    # a copy seen again replaces itself
    attach_copies(stories, [copy("c1", "ap1", "nytimes.com", day(8))])
    assert stories[0]["n_articles"] == 4


def test_articles_credited_to_one_wire_service_are_one_origin():
    s = story(member("e1", "a1", "reuters.com", day(8), origin="reuters.com"),
              member("e2", "a2", "yahoo.com", day(8), origin="reuters.com"),
              member("e3", "a3", "ukrinform.net", day(9)),
              member("e4", "a4", "ukrinform.net", day(9)))
    assert (s["n_articles"], s["n_publishers"], s["n_independent"]) == (4, 3, 2)


def test_each_speaker_counts_once_with_its_latest_stance():
    s = story(
        member("e1", "a1", "rt.com", day(9), claims=[("russian defense ministry", "refutes", "not true")]),
        member("e2", "a2", "tass.com", day(8), claims=[("russian defense ministry", "neutral", "no comment"),
                                                       ("anonymous", "supports", "a strike"), ("anonymous", "supports", "b")]),
        member("e3", "a3", "cnn.com", day(10), claims=[("pentagon", "supports", "Tochka-U"), ("anonymous", "refutes", "no")]),
    )
    assert [(sp["speaker_key"], sp["stance"]) for sp in s["speakers"]] == [
        ("anonymous:a2", "supports"), ("anonymous:a3", "refutes"), ("pentagon", "supports"), ("russian defense ministry", "refutes")]
    assert (s["n_supporting"], s["n_refuting"], s["n_neutral"]) == (2, 2, 0)
    assert latest_stances([]) == []


def test_a_story_of_undated_events_keeps_its_publish_dates():
    s = story(member("e1", "a1", "x.com", day(9)), member("e2", "a2", "y.com", None), member("e3", "a3", "z.com", day(8)))
    assert (s["first_seen"], s["last_seen"]) == (day(8), day(9))
    assert story(member("e1", "a1", "x.com", None))["first_seen"] is None


def test_a_reprocess_takes_out_the_copies_of_the_originals_it_takes_out():
    members = [member("e1", "a1", "apnews.com", day(8)), member("e2", "a2", "cnn.com", day(9))]
    s = story(*members)
    attach_copies([s], [copy("c1", "a1", "nytimes.com", day(9)), copy("c2", "a2", "bbc.com", day(8))])
    kept = without_members(s["members"], {"2022-04-08"})
    assert [(m["article_id"], m["copy_of"]) for m in kept] == [("a2", None)]


def test_members_state_their_slot_values_and_the_speakers_naming_them():
    m = member("e1", "a1", "censor.net", day(10), quantities=[{"what": "people", "action": "killed", "value": 57}],
               weapon="Iskander", weapon_class="missile", location="Kramatorsk", location_key="kramatorsk",
               event_date=date(2022, 4, 8), date_precision="day", date_text="April 8",
               actors=[{"role": "agent", "entity_key": "russia", "text": "Russian"}],
               claims=[("kyrylenko", "supports", "57 people were killed in Kramatorsk on April 8"),
                       ("anonymous", "supports", "a source said 157 were hurt")])
    assert m["details"] == [
        {"slot": "quantity", "what": "people", "action": "killed", "value": "57", "speakers": ["kyrylenko"]},
        {"slot": "weapon", "what": "missile", "action": None, "value": "Iskander", "speakers": []},
        {"slot": "place", "what": None, "action": None, "value": "kramatorsk", "speakers": ["kyrylenko"]},
        {"slot": "date", "what": "day", "action": None, "value": "2022-04-08", "speakers": ["kyrylenko"]},
        {"slot": "agent", "what": None, "action": None, "value": "russia", "speakers": []},
    ]


def test_members_written_before_claims_were_kept_count_as_they_were():
    legacy = {"event_id": "e0", "article_id": "old", "article_date": "2022-04-08", "source": "rt.com", "published_at": day(8),
              "n_supporting": 0, "n_refuting": 2, "n_neutral": 0}
    s = story(legacy, member("e1", "a1", "cnn.com", day(9), claims=[("pentagon", "supports", "a strike")]))
    assert (s["n_publishers"], s["n_independent"], s["n_supporting"], s["n_refuting"]) == (2, 2, 1, 2)

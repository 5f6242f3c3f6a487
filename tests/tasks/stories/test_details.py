"""`story_details`: every value of every slot, with the articles, publishers and speakers stating it."""

from datetime import UTC, datetime

from newslake.tasks.stories.details import detail_rows, member_details


def day(d):
    return datetime(2022, 4, d, tzinfo=UTC)


def member(article_id, publisher, published, details, copy_of=None):
    return {"article_id": article_id, "publisher": publisher, "published_at": published, "copy_of": copy_of,
            "details": [{"slot": slot, "what": what, "action": action, "value": value, "speakers": speakers}
                        for slot, what, action, value, speakers in details]}


def killed(n, *speakers):
    return ("quantity", "people", "killed", str(n), list(speakers))


def weapon(name):
    return ("weapon", "missile", None, name, [])


def test_disputed_values_stay_apart_with_who_states_them():
    story = {"story_id": "s1", "date": "2022-04-08", "members": [
        member("u1", "ukrinform.net", day(9), [killed(50), weapon("Tochka-U")]),
        member("c1", "censor.net", day(8), [weapon("Iskander")]),
        member("c2", "censor.net", day(10), [killed(57, "kyrylenko")]),
        member("m1", "msnbc.com", day(8), [killed(30, "ukrainian railways")]),
        member("m2", "yahoo.com", day(9), [killed(30, "ukrainian railways")], copy_of="m1"),
        member("m3", "msnbc.com", day(9), [killed(50)]),
    ]}
    rows = detail_rows(story)
    assert [(r["slot"], r["what"], r["action"], r["value"], r["n_articles"], r["n_publishers"],
             [a["article_id"] for a in r["articles"]], r["speakers"]) for r in rows] == [
        ("quantity", "people", "killed", "30", 2, 2, ["m1", "m2"], ["ukrainian railways"]),
        ("quantity", "people", "killed", "50", 2, 2, ["m3", "u1"], []),  # same day: by id
        ("quantity", "people", "killed", "57", 1, 1, ["c2"], ["kyrylenko"]),
        ("weapon", "missile", None, "Iskander", 1, 1, ["c1"], []),
        ("weapon", "missile", None, "Tochka-U", 1, 1, ["u1"], []),
    ]
    assert rows[0]["articles"][1] == {"article_id": "m2", "publisher": "yahoo.com", "published_at": day(9), "copy_of": "m1"}
    assert (rows[1]["first_seen"], rows[1]["last_seen"], rows[1]["story_id"], rows[1]["date"]) == (day(9), day(9), "s1", "2022-04-08")


def test_a_story_without_slot_values_has_no_detail_rows():
    assert detail_rows({"story_id": "s1", "date": "unknown", "members": [member("a", "x.com", None, [])]}) == []


def test_a_speaker_states_a_value_its_claim_names_as_a_whole_word_case_aside():
    event = {"event_id": "e1", "quantities": [{"value": 3, "what": "people", "action": "killed"}], "weapon": "Tochka-U",
             "weapon_class": "missile", "location_key": "kramatorsk", "location": "Kramatorsk", "event_date": None, "actors": []}
    claims = [
        {"event_id": "e1", "speaker_key": "kyrylenko", "content": "THREE people died when a TOCHKA-U hit KRAMATORSK"},
        {"event_id": "e1", "speaker_key": "railways", "content": "300 people were at the Tochka-Us' station"},
        {"event_id": None, "speaker_key": None, "content": "a strike on Kramatorſk"},  # IGNORECASE: "ſ" is "s"
        {"event_id": "e2", "speaker_key": "other", "content": "3 killed in Kramatorsk"},  # another event's claim
    ]
    assert [(r["slot"], r["value"], r["speakers"]) for r in member_details(event, claims)] == [
        ("quantity", "3", ["kyrylenko"]),
        ("weapon", "Tochka-U", ["kyrylenko"]),
        ("place", "kramatorsk", ["anonymous", "kyrylenko"]),
    ]

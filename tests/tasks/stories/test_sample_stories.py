"""The multi-article stories of the demo lake, with the default config.

`data/sample_mentions.jsonl` holds the 187 event mentions that `newslake run data/samples` finds in
77 articles (the RUWA Kramatorsk sample included): each with its sentence, its article's lead and
its slots, and the story it belongs to, decided by reading the articles. When the events stage
changes, `bench/stories.py mentions --lake LAKE` rewrites it from a new demo lake, keeping the
labels; label the mentions it adds by reading them.

Read, the articles hold three occurrences that several of them report; every other mention is an
occurrence of its own (the undated 2014 Ukraine articles included: no two of them report the same
clash, meeting or death toll in words that say so):

- the strike on the Kramatorsk railway station of 2022-04-08: nine RUWA reports of six outlets,
  Russia's denial among them (the Censor.NET live page has two mentions: "The shelling of the
  station" and "struck with the Iskander"); the reports disagree on the weapon and the toll, which
  are details, not occurrences.
  "Enemy opens fire on train station in eastern Ukraine last night" (April 11) is another strike;
- the protests in Charlotte after police shot Keith Lamont Scott on 2016-09-20 (West Journal's
  Christie article and the Washington Post's phone-video article, which dates them 09-20, 09-22 and,
  for the shooting of a demonstrator, 09-23);
- HuffPost's editor's note on Donald Trump, appended word for word to four of its articles: one
  statement, not an event at all (the events stage takes "pledged" in it for humanitarian aid).
"""

import json
from collections import defaultdict
from pathlib import Path

import pytest

from newslake.config import Config
from newslake.models.runtime.sentence_vectors import SentenceVectors
from newslake.tasks.stories.clustering import JoinRule, cluster, mention_vector

DATA = Path(__file__).parent / "data" / "sample_mentions.jsonl"
KRAMATORSK = {
    "Dozens killed in attack on Kramatorsk train station, Ukrainian officials say",
    "Dozens of people killed, 100 wounded in Russian airstrike on Kramatorsk railway station",
    "‘An abomination’: World reacts to deadly Kramatorsk attack",
    # Russia's denial has no title: its sentence stands for it
    "Ukrainian claims that a Russian missile hit Kramatorsk are not true, the Russian defense ministry said",
    "The shelling of Kramatorsk: The shelling of the station (08.04.22 11:41) « War in Ukraine | Censor.NET",
    "Pentagon confirms Russians fired Tochka-U missile at Kramatorsk train station",
    "Russia intensifies violent campaign in Eastern Ukraine",
    "Shelling of Kramatorsk: Kyrylenko on Kramatorsk (10.04.22 20:58) « War in Ukraine | Censor.NET",
    "Putin appoints new general to lead military action in Ukraine",
}
CHARLOTTE = {
    "Chris Christie Calls Hillary Clinton ‘A Disgrace’ Over Police Shooting Comments",
    "Phone video is first public look at Charlotte death",
}
# The note's four articles were published on 09-16, 09-22, 09-27 and 09-27: its mentions have no date of
# their own, so only the two of 09-27 are within the three-day window of each other.
EDITORS_NOTE = {
    "Hillary Clinton Goes After Donald Trump As The New Mitt Romney",
    "31 Latinos Share Their Most Honest Thoughts On Donald Trump",
}


@pytest.fixture(scope="module")
def stories():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
    from stories import as_member  # the bench reads the same file into the same members

    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    encoder = SentenceVectors()
    sentences, leads = encoder.encode([r["sentence"] for r in rows]), encoder.encode([r["lead"] for r in rows])
    members = [as_member(r, mention_vector(s, lead)) for r, s, lead in zip(rows, sentences, leads)]
    config = Config().events
    rule = JoinRule.of(config)
    return rows, cluster([], members, rule, "test")


def test_the_multi_article_stories_are_the_expected_ones(stories):
    rows, clustered = stories
    title = {r["article_id"]: r["title"] or r["sentence"] for r in rows}
    multi = [{title[m["article_id"]] for m in s["members"]} for s in clustered if len({m["article_id"] for m in s["members"]}) > 1]
    assert sorted(multi, key=len, reverse=True) == [KRAMATORSK, CHARLOTTE, EDITORS_NOTE]


def test_no_story_mixes_occurrences(stories):
    rows, clustered = stories
    gold = {r["id"]: r["story"] for r in rows}
    # The file's mentions are typed by the events stage before categories (`type`); read through the legacy mapping,
    # attack, armed_clash and casualty_report are all ASSAULT. The shooting of a demonstrator "during a clash between
    # protesters and police" is one occurrence with that clash; the undated casualty report of the same article
    # ("He better not f---ing be dead", of the shooting of 09-20) now joins them, being an ASSAULT at Charlotte
    # within the window.
    assert [s["event_ids"] for s in clustered if len({gold[e] for e in s["event_ids"]}) > 1] == [
        ["33fbf017f4e1e969", "0aa66da0ce6c35da", "4b7db5e596b234b5"]]
    by_gold = defaultdict(set)
    for s in clustered:
        for e in s["event_ids"]:
            by_gold[gold[e]].add(s["story_id"])
    # the occurrences the clustering splits: the editor's note (above), and the Charlotte protests, whose
    # mentions of 09-22 and 09-23 in the Post's article are more than a day from the story's 09-20
    assert {story: len(ids) for story, ids in by_gold.items() if len(ids) > 1} == {
        "huffpost-editors-note": 3, "charlotte-protests": 2}

import re

from newslake.config import EntitiesConfig
from newslake.tasks.entities.keys import EntityMention, alias_index, assign_keys, canonical_surface, unify_person_keys

ALIASES = alias_index(EntitiesConfig().aliases)
TEXT = (
    "On the night of November 19, the Armed Forces of Ukraine (AFU) struck a site. Volodymyr Zelensky "
    "declined to comment. Russia's Ministry of Defense claimed that the AFU launched six missiles. "
    "According to the ministry, five were intercepted. Zelensky later spoke to the Kremlin's critics."
)


def mention(surface, label, nth=0):
    start = [m.start() for m in re.finditer(re.escape(surface), TEXT)][nth]
    return EntityMention(start, start + len(surface), surface, label, 0.9)


def keys(mentions, text=TEXT, aliases=ALIASES):
    return [(m.text, m.label, m.entity_key, m.source) for m in assign_keys(text, mentions, aliases)]


def test_acronym_name_parts_and_descriptions_share_keys():
    found = keys(
        [
            mention("Armed Forces of Ukraine", "ORG"),
            mention("AFU", "ORG"),
            mention("AFU", "ORG", 1),
            mention("Volodymyr Zelensky", "PER"),
            mention("Russia's Ministry of Defense", "ORG"),
            mention("Zelensky", "PER", 1),
            mention("Kremlin's", "ORG"),
        ]
    )
    assert found == [
        ("Armed Forces of Ukraine", "ORG", "armed forces of ukraine", "model"),
        ("AFU", "ORG", "armed forces of ukraine", "model"),
        ("Volodymyr Zelensky", "PER", "volodymyr zelensky", "model"),
        ("Russia's Ministry of Defense", "ORG", "russia's ministry of defense", "model"),
        ("AFU", "ORG", "armed forces of ukraine", "model"),
        ("the ministry", "ORG", "russia's ministry of defense", "description"),
        ("Zelensky", "PER", "volodymyr zelensky", "model"),
        ("Kremlin's", "ORG", "kremlin", "model"),
    ]


def test_acronym_by_initials_without_alias_or_definition():
    text = "The Security Service of Ukraine said on Monday. Later the SSU denied it."
    found = keys([EntityMention(4, 31, "Security Service of Ukraine", "ORG", 0.9), EntityMention(58, 61, "SSU", "ORG", 0.9)], text, {})
    assert [k for _, _, k, _ in found] == ["security service of ukraine", "security service of ukraine"]


def test_alias_table_links_across_articles_and_ambiguous_parts_stay_apart():
    text = "Joe Biden and Hunter Biden met. Biden said the U.S. would help."
    found = keys(
        [
            EntityMention(0, 9, "Joe Biden", "PER", 0.9),
            EntityMention(14, 26, "Hunter Biden", "PER", 0.9),
            EntityMention(32, 37, "Biden", "PER", 0.9),
            EntityMention(47, 51, "U.S.", "LOC", 0.9),
        ],
        text,
    )
    assert [k for _, _, k, _ in found] == ["joe biden", "hunter biden", "biden", "united states"]


def test_canonical_surface():
    assert canonical_surface('"The New York Times"') == "New York Times"
    assert canonical_surface("the Kremlin’s") == "Kremlin"


def test_unify_person_keys_across_articles():
    pairs = [("zelensky", "PER"), ("volodymyr zelensky", "PER"), ("miller", "PER"), ("matthew miller", "PER"),
             ("stephen miller", "PER"), ("kyiv", "LOC")]  # fmt: skip
    assert unify_person_keys(pairs) == {"zelensky": "volodymyr zelensky"}


def test_a_shared_surname_is_the_person_the_article_introduces_first():
    text = "Keith Lamont Scott was shot on Tuesday. His wife, Rakeyia Scott, filmed it. Scott was unarmed."
    found = keys(
        [
            EntityMention(0, 18, "Keith Lamont Scott", "PER", 0.9),
            EntityMention(50, 63, "Rakeyia Scott", "PER", 0.9),
            EntityMention(text.rindex("Scott"), len(text) - len(" was unarmed."), "Scott", "PER", 0.9),
        ],
        text,
    )
    assert [k for _, _, k, _ in found] == ["keith lamont scott", "rakeyia scott", "keith lamont scott"]

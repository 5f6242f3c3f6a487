"""The cue layer: what a cue commits the speaker to, whatever the stance model reads in the content."""

import pytest

from newslake.tasks.claims.cues import classify_cue, content_commits, is_anaphoric, reports_statement


@pytest.mark.parametrize(
    ("cue", "following", "expected"),
    [
        ("refrained from confirming", "the use of ATACMS", "noncommittal"),
        ("neither confirmed nor denied", "the report", "noncommittal"),
        ("could not confirm", "the media reports", "noncommittal"),
        ("did not confirm", "the reports", "noncommittal"),
        ("did", "not confirm the reports", "noncommittal"),  # a tagger cut the cue; the next words complete it
        ("declined to comment", "", "noncommittal"),
        ("said", "it did not have data on the strikes", "assertive"),  # only the first words after the cue count
        ("denied", "that its forces struck the village", "denial"),
        ("rejected as fake", "reports of", "denial"),
        ("dismissed", "the claims", "denial"),
        ("claimed", "that the AFU launched six missiles", "assertive"),
        ("reported", "that the AFU used American missiles", "assertive"),
        ("According to", "the ministry, five missiles", "assertive"),
        ("confirmed", "the strike", "assertive"),
    ],
)
def test_classify_cue(cue, following, expected):
    assert classify_cue(cue, following) == expected


@pytest.mark.parametrize(
    ("content", "commits"),
    [
        ("that if the U.S. indeed made such a decision, the conflict would escalate", False),
        ("whether the missiles were American", False),
        ("they did not have data on ATACMS strikes on Russian territory", False),
        ("that on the night of November 19, the AFU launched six ATACMS missiles", True),
        ("five missiles were intercepted, while one was damaged", True),
    ],
)
def test_content_commits(content, commits):
    assert content_commits(content) is commits


@pytest.mark.parametrize(
    ("content", "anaphoric"),
    [("this information", True), ("the reports", True), ("the media reports", True), ("it", True),
     ("the use of ATACMS", False), ("that the AFU used American long-range missiles", False)],
)
def test_is_anaphoric(content, anaphoric):
    assert is_anaphoric(content) is anaphoric


@pytest.mark.parametrize(
    ("cue", "source", "expected"),
    [
        ("said", "", True),
        ("According to", "", True),
        ("reportedly", "", True),
        ("had no immediate comment", "", True),
        ("did not rule out", "", True),
        ("had refrained from giving", "", True),
        ("characterized", "he", True),
        ("made this statement", "Trump", True),
        ("went on to explain", "", True),
        ("made it clear", "", True),
        ("is not expected", "", True),
        ("shows", "A Bloomberg poll", True),
        (":", "Kremlin", True),
        ("voted", "parliament", False),
        ("offered", "Yanukovych", False),
        ("believes", "he", False),
        ("expects", "Okuyeva", False),
        ("conference", "Yatsenyuk", False),
        ("phone interview", "Peredruk", False),
        ("published", "Ukrainian journalist Roman Bochkala", False),
        ("have investigated reports of", "many journalists", False),
        ("have attempted to find", "journalists", False),
        ("were admitted", "29 others", False),
        ("asked", "", True),
        ("When asked", "", False),
        ("showed", "Video posted on YouTube", False),
        ("Asked about", "the senator", False),
        ("Asked", "Bone", False),
        ("showing", "a tape", False),
        ("showed", "the recording", False),
        ("told", "All", False),  # "All told, ...": in all
        ("told", "Allen", True),
    ],
)
def test_reports_statement(cue, source, expected):
    assert reports_statement(cue, source) is expected


def test_a_request_for_anonymity_is_no_statement():
    assert reports_statement("asked", "who", "not to be named") is False
    assert reports_statement("spoke", "the official", "on condition of anonymity because talks continue") is False
    assert reports_statement("asked", "the senator", "the court to reconsider") is True


def test_a_colon_with_no_words_after_it_is_no_statement():
    assert reports_statement(":", "Yermak", "") is False
    assert reports_statement(":", "Kremlin", "U.S. decision would escalate war") is True

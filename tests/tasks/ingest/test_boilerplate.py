from newslake.config import BoilerplateConfig
from newslake.tasks.ingest.boilerplate import BoilerplateRemover

BODY = "Russia's Ministry of Defense claimed six missiles were launched.\n\nNo casualties were reported."


def test_worked_example_tail_is_removed_without_learning():
    text = BODY + "\n\nLeave a review\n\nIn World\n\nFollow us on social networks\n\nNews Line"
    remover = BoilerplateRemover.learn(BoilerplateConfig(), {})
    assert remover.strip(text, "newslake-sample") == BODY


def test_configured_pattern_removed_at_head_but_kept_inside_sentences():
    text = "Advertisement\n\nOfficials said readers should follow us on nothing.\n\n" + BODY
    remover = BoilerplateRemover.learn(BoilerplateConfig(), {})
    assert remover.strip(text, "x") == "Officials said readers should follow us on nothing.\n\n" + BODY


def test_repeated_lines_are_learned_per_publisher():
    plug = "Get the Morning Brief delivered to your inbox every weekday, free of charge, with all the top stories."
    texts = [f"Story number {i} begins here with a full sentence.\n\n{plug}\n\nIt ends on day {i}." for i in range(6)]
    config = BoilerplateConfig()
    remover = BoilerplateRemover.learn(config, {"daily.example": texts, "other.example": texts[:2]})
    assert remover.strip(texts[0], "daily.example") == (
        "Story number 0 begins here with a full sentence.\n\nIt ends on day 0."
    )
    # Too few articles from this publisher to learn from: the plug stays.
    assert plug in remover.strip(texts[0], "other.example")


def test_a_body_ending_in_a_sentence_keeps_its_last_line():
    remover = BoilerplateRemover.learn(BoilerplateConfig(), {})
    assert remover.strip("One sentence here.\n\n\"A quote,\" he said.", "x") == "One sentence here.\n\n\"A quote,\" he said."

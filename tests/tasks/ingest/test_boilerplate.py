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


def test_copies_of_one_article_do_not_make_its_paragraphs_boilerplate():
    article = "A council approved the budget on Tuesday.\n\nCritics said it cuts roads.\n\nThe mayor will review it."
    others = [f"Ferry {i} opened on Monday.\n\nIt carried {i} passengers.\n\nShops hope for visitors." for i in range(2)]
    remover = BoilerplateRemover.learn(BoilerplateConfig(), {"daily.example": [article, *others, article, article]})
    # Five records but three distinct texts: too few to learn from, and nothing repeats across them.
    assert remover.learned == {}
    assert remover.strip(article, "daily.example") == article


def test_learned_lines_never_take_most_of_an_article():
    plug = "Get the Morning Brief delivered to your inbox every weekday, free of charge."
    promo = "Listen to our daily podcast wherever you get your podcasts."
    texts = [f"Story {i} begins here.\n\n{plug}\n\n{promo}\n\nIt ends on day {i}." for i in range(6)]
    remover = BoilerplateRemover.learn(BoilerplateConfig(), {"daily.example": texts})
    # Half of the paragraphs go: still within `max_learned_share`.
    assert remover.strip(texts[0], "daily.example") == "Story 0 begins here.\n\nIt ends on day 0."
    # A text that is mostly learned lines is body, not chrome: it stays whole.
    mostly_learned = f"{plug}\n\n{promo}\n\nOne line of its own."
    assert remover.strip(mostly_learned, "daily.example") == mostly_learned

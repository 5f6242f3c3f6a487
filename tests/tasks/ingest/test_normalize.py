from newslake.tasks.ingest.normalize import dedupe_key, drop_repeated_title, normalize_text, normalize_title


def test_normalize_text_collapses_spaces_and_keeps_paragraphs():
    raw = "  First\u00a0 line\u200b of\ttext.\r\nSecond line.\r\n\r\n\r\n\r\nNew  paragraph.\x07  "
    assert normalize_text(raw) == "First line of text.\nSecond line.\n\nNew paragraph."


def test_normalize_text_composes_unicode():
    assert normalize_text("Zelenskyi\u0306") == "Zelenskyĭ"


def test_normalize_title_is_one_line_or_none():
    assert normalize_title("  Kyiv\n strikes ") == "Kyiv strikes"
    assert normalize_title("   ") is None
    assert normalize_title(None) is None


def test_drop_repeated_title_removes_a_headline_echo_only():
    text = "Activists Brick Up Entrance.\n\nLocal youth activists in Saxony."
    assert drop_repeated_title("Activists brick up entrance", text) == "Local youth activists in Saxony."
    assert drop_repeated_title("Something else", text) == text
    assert drop_repeated_title(None, text) == text


def test_dedupe_key_ignores_case_and_spacing():
    assert dedupe_key("The  AFU\nstruck") == dedupe_key("the afu struck") == "the afu struck"

from newslake.models.runtime.windows import Window, plan_windows, token_budget_batches


def test_windows_cut_at_sentences_overlap_and_own_each_token_once():
    starts = list(range(400))
    sentences = [(s, s + 1) for s in range(0, 400, 37)]
    windows = plan_windows(7, starts, sentences, max_tokens=100, overlap=20)
    assert windows[0] == Window(7, 0, 74, 0, 55)
    assert windows[1] == Window(7, 37, 111, 55, 92)
    assert all(w.length <= 100 for w in windows)
    assert all(w.start % 37 == 0 for w in windows)
    owned = [t for w in windows for t in range(w.own_start, w.own_stop)]
    assert owned == list(range(400))


def test_a_sentence_longer_than_a_window_is_cut_inside():
    windows = plan_windows(0, list(range(250)), [(0, 1)], max_tokens=100, overlap=20)
    assert [(w.start, w.stop) for w in windows] == [(0, 100), (80, 180), (160, 250)]
    assert [t for w in windows for t in range(w.own_start, w.own_stop)] == list(range(250))


def test_short_text_is_one_window_and_empty_text_none():
    assert plan_windows(0, [0, 4, 9], [(0, 12)], 100, 20) == [Window(0, 0, 3, 0, 3)]
    assert plan_windows(0, [], [], 100, 20) == []


def test_batches_hold_one_article_each_sort_by_length_and_respect_the_token_budget():
    lengths = {0: [10, 120, 30], 1: [126, 8], 2: [60, 60, 60, 60]}
    windows = [Window(article, start, start + n, start, start + n)
               for article, ns in lengths.items() for start, n in enumerate(ns)]
    batches = token_budget_batches(windows[::-1], budget=256)  # the order windows come in does not matter
    assert [[(w.article, w.length) for w in b] for b in batches] == [
        [(0, 10), (0, 30)], [(0, 120)], [(1, 8), (1, 126)], [(2, 60)] * 4]
    assert all(len(b) * (max(w.length for w in b) + 2) <= 256 for b in batches)


def test_batches_may_group_windows_by_another_key():
    windows = [Window(i, 0, 20, 0, 20) for i in range(4)]
    text_of = {0: "a", 1: "b", 2: "a", 3: "b"}  # e.g. queries about two texts
    batches = token_budget_batches(windows, budget=8192, group=lambda w: text_of[w.article])
    assert [[w.article for w in b] for b in batches] == [[0, 2], [1, 3]]

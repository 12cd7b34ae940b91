"""The set-based longest-match word finder (kg.extract.wordmatch) against the trie regex."""

from __future__ import annotations

import random

from kg.extract.trie import trie_regex
from kg.extract.wordmatch import WordMatcher

WORDS = ["甘肃", "甘肃省", "甘肃省委", "兰州", "兰州市", "省委", "中国", "中国共产党", "国家", "和县"]
TEXTS = ["甘肃省委和兰州市人民政府", "中国共产党甘肃省委员会", "国家发展改革委", "安徽和县", "", "无关"]


def _span(m) -> tuple[int, int] | None:
    return None if m is None else m.span()


def test_match_takes_the_longest_word_within_endpos() -> None:
    wm = WordMatcher(WORDS)
    assert wm.match("甘肃省委书记").group() == "甘肃省委"
    assert wm.match("甘肃省委书记", 0, 3).group() == "甘肃省"
    assert wm.match("甘肃省委书记", 0, 1) is None
    assert wm.match("书记甘肃", 2).span() == (2, 4)
    assert wm.match("书记甘肃") is None


def test_search_and_finditer_find_what_the_trie_regex_finds() -> None:
    wm, rx = WordMatcher(WORDS), trie_regex(WORDS)
    rng = random.Random(7)
    chars = "".join(WORDS) + "的了和与"
    texts = TEXTS + ["".join(rng.choice(chars) for _ in range(rng.randint(0, 30))) for _ in range(300)]
    for text in texts:
        assert [m.span() for m in wm.finditer(text)] == [m.span() for m in rx.finditer(text)]
        for pos in range(len(text) + 1):
            end = rng.randint(pos, len(text))
            assert _span(wm.match(text, pos, end)) == _span(rx.match(text, pos, end))
            assert _span(wm.search(text, pos, end)) == _span(rx.search(text, pos, end))
            assert _span(wm.search(text, pos)) == _span(rx.search(text, pos))


def test_one_character_words_and_an_empty_list() -> None:
    wm = WordMatcher(["省", "省委"])
    assert [m.group() for m in wm.finditer("省委和省")] == ["省委", "省"]
    assert WordMatcher([]).search("任何文字") is None

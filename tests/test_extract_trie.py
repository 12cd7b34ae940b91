"""Trie-shaped patterns from word lists (kg.extract.trie)."""

from __future__ import annotations

import re

from kg.extract.trie import trie_branches, trie_pattern, trie_regex

WORDS = ["甘肃", "甘肃省", "甘肃省委", "兰州", "兰州市", "省委", "和县", "住房和城乡建设"]
TEXTS = ["甘肃省委和兰州市住房和城乡建设局", "甘肃省政府", "安徽和县", "省委省政府", "", "无关的文字"]


def test_trie_regex_takes_the_longest_word_at_each_position() -> None:
    rx = trie_regex(WORDS)
    assert [m.group() for m in rx.finditer("甘肃省委和兰州市")] == ["甘肃省委", "兰州市"]
    assert [m.group() for m in rx.finditer("甘肃省政府")] == ["甘肃省"]


def test_branches_joined_match_like_the_trie() -> None:
    whole = trie_regex(WORDS)
    flat = re.compile("|".join(trie_branches(WORDS)))
    for text in TEXTS:
        assert [m.span() for m in flat.finditer(text)] == [m.span() for m in whole.finditer(text)]


def test_branches_with_a_tail_match_like_the_grouped_trie() -> None:
    grouped = re.compile("(?:" + trie_pattern(WORDS) + ")和")
    flat = re.compile("|".join(b + "和" for b in trie_branches(WORDS)))
    for text in TEXTS:
        assert [m.span() for m in flat.finditer(text)] == [m.span() for m in grouped.finditer(text)]


def test_each_branch_starts_with_its_own_literal_character() -> None:
    branches = trie_branches(WORDS)
    firsts = [b[0] for b in branches]
    assert sorted(firsts) == sorted({w[0] for w in WORDS})
    assert trie_branches([]) == []


def test_guarded_trie_regex_matches_like_the_plain_one() -> None:
    from kg.extract.trie import guarded_trie_regex

    long_words = [w for w in WORDS if len(w) >= 2]
    plain, guarded = trie_regex(long_words), guarded_trie_regex(long_words)
    assert guarded.pattern.startswith("(?=[")
    for text in TEXTS + ["省委甘肃省委兰州市", "和县和县"]:
        assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)]
    one_char = guarded_trie_regex(["省", "省委"])  # a one-character word: no guard
    assert [m.group() for m in one_char.finditer("省委和省")] == ["省委", "省"]

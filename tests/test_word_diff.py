"""The word diff reads like a reviewer's redline, gives both texts back, and its similarity is the
documented measure (checked against a plain longest-common-subsequence count)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from cyber_plugin.core.word_diff import (
    RunKind,
    WordRun,
    normalised,
    similarity,
    text_of_runs,
    tokens,
    word_diff,
)
from cyber_plugin.core.words import redline_text

from .support.paths import REPO

KEPT, DELETED, INSERTED = RunKind.KEPT, RunKind.DELETED, RunKind.INSERTED


def redline(before: str, after: str) -> str:
    return redline_text(word_diff(before, after))


def test_a_changed_word_is_deleted_then_inserted_between_the_words_kept() -> None:
    runs = word_diff("We maintain a robust program.", "We maintain a comprehensive program.")

    assert runs == (
        WordRun(KEPT, "We maintain a", True),
        WordRun(DELETED, "robust", True),
        WordRun(INSERTED, "comprehensive", True),
        WordRun(KEPT, "program.", True),
    )
    assert redline_text(runs) == "We maintain a [-robust-] {+comprehensive+} program."


def test_punctuation_stays_attached_to_its_word() -> None:
    assert (
        redline(
            "Our CISO leads the program. It reports to the board.",
            "Our CISO leads the program, which reports to the board.",
        )
        == "Our CISO leads the program[-. It-]{+, which+} reports to the board."
    )
    assert (
        redline("the Chief Information Officer (CIO)", "the CIO")
        == "the [-Chief Information Officer (CIO)-] {+CIO+}"
    )


def test_words_with_inner_hyphens_apostrophes_and_separators_are_one_word() -> None:
    assert tokens("third-party Company’s 1,000 12/31/2024 U.S.") == (
        " third-party",
        " Company’s",
        " 1,000",
        " 12/31/2024",
        " U",
        ".",
        "S",
        ".",
    )
    assert redline("fees of $1,000 to third-party assessors", "fees of $1,500 to outside assessors") == (
        "fees of $[-1,000-]{+1,500+} to [-third-party-] {+outside+} assessors"
    )


def test_white_space_is_normalised_and_never_a_change() -> None:
    before = "Our  program\nis reviewed\u00a0annually.\n\nThe board oversees it."
    after = " Our program is reviewed annually. The board\toversees it. "

    assert (
        normalised(before) == normalised(after) == "Our program is reviewed annually. The board oversees it."
    )
    assert similarity(before, after) == 1.0
    assert word_diff(before, after) == (WordRun(KEPT, normalised(after), True),)


def test_a_rewritten_passage_is_one_change_without_stray_common_words() -> None:
    """A real rewrite (a 10-K's management text block, two years): the words the two wordings
    share by chance ("the", "cybersecurity", "risk", "in") are not shown as kept between changes."""
    before = (
        "The IT Director leads the cybersecurity risk management program with over 25 years of experience "
        "in managing cybersecurity programs, auditing, and IT operations within the US mining and "
        "manufacturing sectors."
    )
    after = (
        "One way in which the Senior Management Team fulfills that requirement is by receiving regular "
        "reports from the IT Director on not only known cybersecurity threats or incidents (including "
        "related risk assessments), but the landscape more generally. Management regularly reviews cyber "
        "security planning, including development and management of the program, budgeting, and "
        "participation in the incident response plan."
    )
    runs = word_diff(before, after)

    assert [run.text for run in runs if run.kind is KEPT] == [",", ", and", "."]
    assert redline_text(runs).endswith(
        "[-auditing-] {+budgeting+}, and [-IT operations within the US mining and manufacturing sectors-] "
        "{+participation in the incident response plan+}."
    )
    assert text_of_runs(runs, DELETED) == before
    assert text_of_runs(runs, INSERTED) == after


def test_a_small_edit_keeps_the_words_around_it() -> None:
    assert redline("reports to the CEO and the board", "reports to the CFO and the board") == (
        "reports to the [-CEO-] {+CFO+} and the board"
    )


def test_added_and_removed_text_and_empty_texts() -> None:
    assert word_diff("", "") == ()
    assert similarity("", "") == 1.0
    assert word_diff("", "New text.") == (WordRun(INSERTED, "New text.", True),)
    assert word_diff("Old text.", " ") == (WordRun(DELETED, "Old text.", True),)
    assert similarity("Old text.", "") == 0.0
    assert redline("Old sentence.", "Old sentence. New one.") == "Old sentence. {+New one.+}"
    assert redline("First. Old one.", "First.") == "First. [-Old one.-]"


def test_similarity_is_twice_the_common_words_over_all_words() -> None:
    # 6 tokens and 6 tokens, 5 in common: 2 x 5 / 12
    assert similarity("We maintain a robust program.", "We maintain a comprehensive program.") == round(
        10 / 12, 4
    )
    assert similarity("alpha beta", "gamma delta") == 0.0


def test_an_edit_never_rounds_up_to_the_same_text() -> None:
    long_text = " ".join(f"word{number}" for number in range(30_000))
    edited = long_text.replace("word15000", "changed")

    assert similarity(long_text, edited) == 0.9999
    assert similarity(long_text, long_text + " ") == 1.0


def lcs_length(first: Sequence[str], second: Sequence[str]) -> int:
    """The longest common subsequence's length, by the textbook dynamic programme."""
    previous = [0] * (len(second) + 1)
    for item in first:
        current = [0]
        for index, other in enumerate(second):
            current.append(previous[index] + 1 if item == other else max(previous[index + 1], current[-1]))
        previous = current
    return previous[-1]


WORDS = st.sampled_from(
    ["the", "board", "CISO", "risk", "of", "program", ".", ",", "(NIST)", "third-party", "1,000"]
)
TEXTS = st.lists(WORDS, max_size=40).map(" ".join)
SPACES = st.sampled_from([" ", "  ", "\n", "\u00a0", "\t "])


@settings(max_examples=300, deadline=None)
@given(before=TEXTS, after=TEXTS, space=SPACES)
def test_the_diff_gives_both_texts_back_and_the_similarity_is_the_lcs_ratio(
    before: str, after: str, space: str
) -> None:
    runs = word_diff(before, after.replace(" ", space))

    assert text_of_runs(runs, DELETED) == normalised(before)
    assert text_of_runs(runs, INSERTED) == normalised(after)
    assert all(run.text and run.text == run.text.strip() for run in runs)
    assert all(a.kind is not b.kind for a, b in pairwise(runs))
    old, new = tokens(before), tokens(after)
    expected = 1.0 if old == new else round(2 * lcs_length(old, new) / (len(old) + len(new)), 4)
    assert similarity(before, after.replace(" ", space)) == expected == similarity(after, before)
    assert (expected == 1.0) == (normalised(before) == normalised(after))


def test_the_redline_shown_in_the_rules_page_is_the_one_the_code_gives() -> None:
    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    before = "We maintain a robust program. It reports to the board."
    after = "We maintain a comprehensive program, which reports to the board."

    assert f"`{redline(before, after)}`" in page

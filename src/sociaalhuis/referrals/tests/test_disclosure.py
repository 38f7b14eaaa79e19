"""The reader's arithmetic: what the shown figures and their sums give away."""

from __future__ import annotations

from sociaalhuis.referrals.metrics.disclosure import Disclosure, State


def _sum_of(total: int, **parts: int) -> Disclosure:
    page = Disclosure()
    page.count("total", total)
    for name, value in parts.items():
        page.count(name, value)
    page.add_sum(["total"], list(parts))
    return page


def test_a_small_count_beside_shown_ones_is_found_by_subtraction() -> None:
    page = _sum_of(40, big=37, small=3)
    assert page.bounds()["small"] == (3, 3)
    assert page.pinned() == ["small"]


def test_two_small_counts_with_room_between_them_stay_unknown() -> None:
    page = _sum_of(40, big=34, first=3, second=3)
    assert page.bounds()["first"] == (2, 4)
    assert page.pinned() == []


def test_two_small_counts_that_must_both_be_one_are_found() -> None:
    page = _sum_of(40, big=38, first=1, second=1)
    assert page.pinned() == ["first", "second"]


def test_a_hidden_count_is_known_to_be_five_or_more() -> None:
    page = _sum_of(46, big=40, small=1, other=5)
    page.cells["other"].state = State.HIDDEN
    # 6 = small + other, other >= 5: small is 1.
    assert page.bounds()["small"] == (1, 1)


def test_protecting_hides_the_smallest_count_that_sets_it_free() -> None:
    page = _sum_of(60, big=40, middle=17, small=3)
    page.protect()
    assert page.state("middle") == State.HIDDEN
    assert page.state("big") == State.SHOWN
    assert page.pinned() == []


def test_an_upper_limit_can_give_a_small_count_away() -> None:
    page = Disclosure()
    page.count("completed", 1)
    page.count("got_help", 1)
    page.add_at_most("got_help", "completed")
    page.cells["completed"].state = State.SHOWN  # say it were shown
    assert page.bounds()["got_help"] == (1, 1)


def test_a_figure_given_away_by_a_rate_counts_as_shown() -> None:
    def page(rate_shown: bool) -> Disclosure:
        figures = Disclosure()
        figures.count("sent", 20)
        figures.derived("closed", 17, shown=rate_shown)  # the closure rate: 85 %
        figures.count("open", 3)
        figures.add_sum(["sent"], ["closed", "open"])
        return figures

    # With the rate, 20 - 17 gives the open ones; without it, closed is 0 or more.
    assert page(rate_shown=True).bounds()["open"] == (3, 3)
    assert page(rate_shown=False).bounds()["open"] == (1, 4)

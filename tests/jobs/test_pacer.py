"""The outbox pacer against Telegram's windows, on a virtual clock with a busy machine's
late wake-ups and stalls (issue 18). Telegram counts sends per second on its clock; a
request the network holds back lands later, and a second that ends up holding more than
the limit answers 429 and pauses everything for a second."""

from __future__ import annotations

import random
from collections import deque

import pytest

from bot.jobs.outbox import WINDOW_MARGIN, Pacer


class BusyClock:
    """Virtual time. Each sleep wakes up late (0-3 ms; about once a second 20-60 ms, as a
    loaded event loop or a collector's pass does: bench/README.md measured that), and
    the work between two turns now and then stalls too. Seeded: the same run every time."""

    def __init__(self, seed: int) -> None:
        self.now = 0.0
        self.random = random.Random(seed)

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds + self.late()

    def late(self) -> float:
        if self.random.random() < 0.0005:
            return self.random.uniform(0.02, 0.06)
        return self.random.uniform(0.0, 0.003)


def most_in_any(times: list[float], span: float) -> int:
    """The largest number of `times` in any window [t, t + span)."""
    ordered, start, best = sorted(times), 0, 0
    for end, moment in enumerate(ordered):
        while ordered[start] <= moment - span + 1e-9:  # (float rounding at the edge)
            start += 1
        best = max(best, end - start + 1)
    return best


async def run(pacer: Pacer, clock: BusyClock, sends: int) -> list[float]:
    handed = []
    for _ in range(sends):  # bounded
        await pacer.turn()
        handed.append(clock.now)
        clock.now += clock.late() / 4  # the work of handing one over
    return handed


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_paid_broadcasts_near_the_limit_and_room_for_late_arrivals(seed: int) -> None:
    clock = BusyClock(seed)
    pacer = Pacer(1000.0, clock.monotonic, clock.sleep)
    handed = await run(pacer, clock, 8000)
    # Telegram's second holds at most 1,000 even if some requests arrive WINDOW_MARGIN
    # late and the rest on time: no window of 1 + WINDOW_MARGIN seconds holds more here.
    # (The pacer before issue 18's last change counted planned slots, so a made-up
    # delay put up to 1,036 sends in such a window, and 1,001 in one second.)
    assert most_in_any(handed, 1.0 + WINDOW_MARGIN) <= 1000
    # Stalls are made up within the window: the rate stays above 95% of the limit.
    rate = (len(handed) - 1) / (handed[-1] - handed[0])
    assert rate >= 950, rate


async def test_a_made_up_delay_never_crowds_one_second() -> None:
    """A wake-up 80 ms late is made up (up to PACER_SLACK), but the sends it lets out at
    once still fit the window with the ones before them."""
    clock = BusyClock(7)
    pacer = Pacer(1000.0, clock.monotonic, clock.sleep)
    handed = deque(await run(pacer, clock, 1500))
    clock.now += 0.08  # the loop stalls
    handed.extend(await run(pacer, clock, 1500))
    assert most_in_any(list(handed), 1.0 + WINDOW_MARGIN) <= 1000


async def test_free_rates_below_the_limit_keep_their_rate_and_their_second() -> None:
    clock = BusyClock(11)
    pacer = Pacer(28.0, clock.monotonic, clock.sleep)
    handed = await run(pacer, clock, 600)
    assert most_in_any(handed, 1.0) <= 28
    assert (len(handed) - 1) / (handed[-1] - handed[0]) >= 27.5


async def test_at_the_free_limit_the_margin_applies() -> None:
    clock = BusyClock(5)
    pacer = Pacer(30.0, clock.monotonic, clock.sleep)
    handed = await run(pacer, clock, 600)
    assert most_in_any(handed, 1.0 + WINDOW_MARGIN) <= 30

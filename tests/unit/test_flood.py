"""The flood policy: a burst, then a steady rate; one notice; silence until the user slows down."""

from __future__ import annotations

from bot.core.flood import FloodGuard, FloodPolicy, Verdict

POLICY = FloodPolicy(rate=1.0, burst=5)


def verdicts(guard: FloodGuard, user: int, times: list[float]) -> list[Verdict]:
    return [guard.check(user, t) for t in times]


def test_burst_then_one_notice_then_silence() -> None:
    guard = FloodGuard(POLICY)
    got = verdicts(guard, 1, [i / 50 for i in range(50)])  # 50 in one second
    assert got[:5] == [Verdict.ADMIT] * 5
    assert got[5] == Verdict.NOTICE
    assert got[6:] == [Verdict.DROP] * 44


def test_flooding_on_stays_silenced() -> None:
    guard = FloodGuard(POLICY)
    got = verdicts(guard, 1, [i / 10 for i in range(300)])  # 10 a second for 30 seconds
    assert got.count(Verdict.NOTICE) == 1
    assert Verdict.ADMIT not in got[6:]


def test_slowing_down_restores_service() -> None:
    guard = FloodGuard(POLICY)
    verdicts(guard, 1, [i / 50 for i in range(50)])
    assert guard.check(1, 1.0 + POLICY.cooldown) == Verdict.DROP
    assert guard.check(1, 2.0 + POLICY.cooldown * 2 + 1) == Verdict.ADMIT
    # A new flood later gets a new notice.
    later = verdicts(guard, 1, [100 + i / 50 for i in range(50)])
    assert later.count(Verdict.NOTICE) == 1


def test_users_are_independent() -> None:
    guard = FloodGuard(POLICY)
    verdicts(guard, 1, [i / 50 for i in range(50)])
    assert verdicts(guard, 2, [0.5, 0.6, 0.7]) == [Verdict.ADMIT] * 3


def test_steady_human_pace_is_never_throttled() -> None:
    guard = FloodGuard(POLICY)
    assert set(verdicts(guard, 1, [i * 1.0 for i in range(200)])) == {Verdict.ADMIT}


def test_full_buckets_are_forgotten() -> None:
    guard = FloodGuard(POLICY, max_tracked=10)
    for user in range(100):
        guard.check(user, float(user) * 10)
    assert len(guard.buckets) <= 11

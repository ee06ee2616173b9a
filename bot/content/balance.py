"""Surface cues that give answers away: the longest option, true/false balance."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bot.content.validate_base import Problem
from bot.core.content import Question

CHOICE_KINDS = ("single", "scenario", "red_flag")
LONGEST_MAX_BANK, LONGEST_MAX_TYPE = 0.35, 0.50
TRUE_SHARE = (0.40, 0.60)
TRUE_TEXT, FALSE_TEXT = "正确", "错误"
LANGS = ("zh-Hans", "en")


def correct_is_longest(q: Question, loc: str) -> bool:
    """Whether the correct option is strictly longer than every other option."""
    right = len(q.options[q.correct_index].text.get(loc, ""))
    return all(right > len(o.text.get(loc, "")) for o in q.options if not o.correct)


@dataclass(frozen=True)
class Cues:
    """How far the answer can be guessed from the form of the options."""

    choice: int
    longest: dict[str, int]
    positions: dict[int, int]
    true_false: int
    true_right: int

    def share(self, n: int, of: int) -> float:
        """A share, zero when there is nothing to count."""
        return n / of if of else 0.0


def cues(questions: Iterable[Question]) -> Cues:
    """Count option-length and position cues over published questions."""
    qs = [q for q in questions if q.status == "published"]
    choice = [q for q in qs if q.kind in CHOICE_KINDS]
    tf = [q for q in qs if q.kind == "true_false"]
    return Cues(
        choice=len(choice),
        longest={loc: sum(correct_is_longest(q, loc) for q in choice) for loc in LANGS},
        positions=dict(sorted(Counter(q.correct_index for q in choice).items())),
        true_false=len(tf),
        true_right=sum(q.options[q.correct_index].text.get("zh-Hans") == TRUE_TEXT for q in tf),
    )


def _true_false_labels(q: Question) -> Iterator[Problem]:
    labels = [o.text.get("zh-Hans") for o in q.options]
    if labels != [TRUE_TEXT, FALSE_TEXT]:
        yield Problem(f"questions/{q.scam_type}.yaml", q.id,
                      f"true/false options must be {TRUE_TEXT} then {FALSE_TEXT}")


def surface_cues(questions: Iterable[Question]) -> Iterator[Problem]:
    """The bank-wide rules: the longest option is rarely right, 正确/错误 are balanced."""
    qs = [q for q in questions if q.status == "published"]
    for q in qs:
        if q.kind == "true_false":
            yield from _true_false_labels(q)
    c = cues(qs)
    for loc, n in c.longest.items():
        if c.share(n, c.choice) > LONGEST_MAX_BANK:
            yield Problem("questions", "-", f"the correct option is strictly the longest in "
                          f"{n}/{c.choice} questions ({loc}); at most {LONGEST_MAX_BANK:.0%}")
    by_type: dict[str, list[Question]] = defaultdict(list)
    for q in qs:
        if q.kind in CHOICE_KINDS:
            by_type[q.scam_type].append(q)
    for topic, group in sorted(by_type.items()):
        for loc in LANGS:
            n = sum(correct_is_longest(q, loc) for q in group)
            if n / len(group) > LONGEST_MAX_TYPE:
                yield Problem(f"questions/{topic}.yaml", "-",
                              f"the correct option is strictly the longest in {n}/{len(group)} "
                              f"({loc}); at most {LONGEST_MAX_TYPE:.0%}")
    low, high = TRUE_SHARE
    if c.true_false and not low <= c.share(c.true_right, c.true_false) <= high:
        yield Problem("questions", "-", f"{TRUE_TEXT} is right in {c.true_right}/{c.true_false} "
                      f"true/false questions; keep it between {low:.0%} and {high:.0%}")

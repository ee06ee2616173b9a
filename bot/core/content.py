"""Content bank models: scam types, questions, sources, cases, tips and figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

AUDIENCES = ("elderly", "student", "finance", "merchant", "living_alone", "other")
SCAM_OR_GENUINE = "scam_or_genuine"
KINDS = ("single", "true_false", "scenario", "red_flag", SCAM_OR_GENUINE)
#: How a scam-or-genuine message arrived.
CHANNELS = ("sms", "chat", "call", "email")
#: The fixed answers of a scam-or-genuine item, in stored order; "unsure" is never correct.
RESPONSES = ("scam", "genuine", "unsure")
VERDICTS = RESPONSES[:2]
STATUSES = ("draft", "published", "retired")

Text = Mapping[str, str]
TextList = Mapping[str, tuple[str, ...]]


def pick(text: Mapping[str, object], locale: str) -> str:
    """Return the text in a locale, falling back to Simplified Chinese."""
    value = text.get(locale) or text.get("zh-Hans") or ""
    return str(value)


def pick_list(text: Mapping[str, tuple[str, ...]], locale: str) -> tuple[str, ...]:
    """Return a localized list, falling back to Simplified Chinese."""
    return text.get(locale) or text.get("zh-Hans") or ()


@dataclass(frozen=True)
class Citation:
    """Where an item comes from: an article and a verbatim quote, or general knowledge."""

    article: str | None = None
    quote: str | None = None

    @property
    def is_general(self) -> bool:
        """Say whether the item is common knowledge rather than quoted from an article."""
        return self.article is None


@dataclass(frozen=True)
class Source:
    """A news article the content is drawn from."""

    id: str
    title: Text
    publisher: Text
    date: str | None
    region: Text
    text: str


@dataclass(frozen=True)
class Technique:
    """A manipulation technique scams use (安全账户, 索要验证码…), from one small vocabulary."""

    id: str
    name: Text
    summary: Text
    status: str = "published"


@dataclass(frozen=True)
class ScamType:
    """A scam script with its red flags and advice."""

    id: str
    name: Text
    summary: Text
    script: TextList
    red_flags: TextList
    what_to_do: TextList
    audiences: tuple[str, ...]
    sources: tuple[str, ...]
    status: str = "published"
    techniques: tuple[str, ...] = ()


@dataclass(frozen=True)
class Option:
    """One answer option."""

    text: Text
    correct: bool


@dataclass(frozen=True)
class Sample:
    """The message a scam-or-genuine item shows: its channel, who it is from, what it says."""

    channel: str
    sender: Text
    text: Text


@dataclass(frozen=True)
class Question:
    """A quiz question about one scam type."""

    id: str
    scam_type: str
    kind: str
    difficulty: int
    audiences: tuple[str, ...]
    question: Text
    options: tuple[Option, ...]
    explanation: Text
    detail: Text
    source: Citation
    status: str = "published"
    techniques: tuple[str, ...] = ()
    # Audiences the question must never be served to (e.g. "your 70-year-old mother" to elderly).
    not_for: tuple[str, ...] = ()
    # Scam-or-genuine items: the message shown and the cue that decides it.
    message: Sample | None = None
    cue: Text = field(default_factory=dict)

    @property
    def correct_index(self) -> int:
        """Index of the correct option in content order."""
        return next(i for i, o in enumerate(self.options) if o.correct)

    @property
    def verdict(self) -> str | None:
        """For a scam-or-genuine item, "scam" or "genuine"; None for other kinds."""
        return RESPONSES[self.correct_index] if self.kind == SCAM_OR_GENUINE else None

    def response(self, chosen: int) -> str | None:
        """What a stored option index means on a scam-or-genuine item (scam/genuine/unsure)."""
        if self.kind != SCAM_OR_GENUINE or not 0 <= chosen < len(RESPONSES):
            return None
        return RESPONSES[chosen]

    def suits(self, audience: str | None) -> bool:
        """Whether the question may be served to a user of this audience."""
        return audience is None or audience not in self.not_for


@dataclass(frozen=True)
class Case:
    """A real case reported in an article."""

    id: str
    scam_type: str
    title: Text
    who: Text
    what_happened: Text
    what_stopped_it: Text
    lesson: Text
    audiences: tuple[str, ...]
    source: Citation
    status: str = "published"


@dataclass(frozen=True)
class Tip:
    """A tip or slogan."""

    id: str
    kind: str
    text: Text
    scam_types: tuple[str, ...]
    audiences: tuple[str, ...]
    source: Citation
    status: str = "published"
    techniques: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A statistic from an article."""

    id: str
    region: Text
    year: int | None
    text: Text
    source: Citation
    status: str = "published"


@dataclass(frozen=True)
class Bank:
    """The whole content bank."""

    sources: Mapping[str, Source] = field(default_factory=dict)
    scam_types: Mapping[str, ScamType] = field(default_factory=dict)
    questions: Mapping[str, Question] = field(default_factory=dict)
    cases: Mapping[str, Case] = field(default_factory=dict)
    tips: Mapping[str, Tip] = field(default_factory=dict)
    figures: Mapping[str, Figure] = field(default_factory=dict)
    techniques: Mapping[str, Technique] = field(default_factory=dict)

    def published(self) -> Bank:
        """Return the bank restricted to published items, as the bot serves it."""
        def keep(items: Mapping[str, object]) -> dict[str, object]:
            return {k: v for k, v in items.items() if getattr(v, "status", "") == "published"}

        return Bank(
            sources=self.sources,
            scam_types=keep(self.scam_types),  # type: ignore[arg-type]
            questions=keep(self.questions),  # type: ignore[arg-type]
            cases=keep(self.cases),  # type: ignore[arg-type]
            tips=keep(self.tips),  # type: ignore[arg-type]
            figures=keep(self.figures),  # type: ignore[arg-type]
            techniques=keep(self.techniques),  # type: ignore[arg-type]
        )

    def pool(self, topic: str | None, audience: str | None = None) -> list[Question]:
        """Questions of one scam type (or all), leaving out those not for the user's audience."""
        return [q for q in self.questions.values()
                if (topic is None or q.scam_type == topic) and q.suits(audience)]

    def find_topic(self, word: str) -> str | None:
        """Resolve a topic typed by a user: its id or name in any language, or a part of one
        (`刷单` for 刷单返利, `job` for Fake job) when that part names one topic only."""
        needle = " ".join(word.replace("_", " ").split()).lower()
        if not needle:
            return None
        names = {st.id: {st.id.lower(), st.id.replace("_", " ").lower(),
                         *(" ".join(n.split()).lower() for n in st.name.values())}
                 for st in self.scam_types.values()}
        exact = [t for t, ns in names.items() if needle in ns]
        if exact:
            return exact[0]
        partial = [t for t, ns in names.items() if any(needle in n for n in ns)]
        return partial[0] if len(partial) == 1 else None

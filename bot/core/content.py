"""Content bank models: scam types, questions, sources, cases, tips and figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

LOCALES = ("zh-Hans", "zh-Hant", "en")
AUDIENCES = ("elderly", "student", "finance", "merchant", "living_alone", "other")
KINDS = ("single", "true_false", "scenario", "red_flag")
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


@dataclass(frozen=True)
class Option:
    """One answer option."""

    text: Text
    correct: bool


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

    @property
    def correct_index(self) -> int:
        """Index of the correct option in content order."""
        return next(i for i, o in enumerate(self.options) if o.correct)


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
        )

    def pool(self, topic: str | None) -> list[Question]:
        """Questions of one scam type, or all of them."""
        return [q for q in self.questions.values() if topic is None or q.scam_type == topic]

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

"""The variant radar: near-duplicate clusters of reports (exact hash, then MinHash LSH over
character shingles), with what staff need to judge a cluster and a "new" mark."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from datasketch import MinHash, MinHashLSH

from bot.core.reports import PLACEHOLDER, ReportRecord, normalize

SHINGLE = 3
NUM_PERM = 64
THRESHOLD = 0.45  # estimated Jaccard similarity of shingle sets to join a cluster
INDEX_CAP = 8  # a report matching this many indexed ones is not indexed itself
NEW_MIN_SIZE = 3  # a cluster this size or larger may be marked new
UNSURE_SHARE = 0.5  # ... when the checker recognised at most half of it
FAST_FACTOR = 3.0  # ... or when the last day brought this many times the daily average
_HOST = re.compile(r"(?:https?://|www\.)([A-Za-z0-9.-]+\.[A-Za-z]{2,})", re.I)


def shingles(text: str) -> set[bytes]:
    """Character n-grams of the normalized text (placeholders, punctuation, case removed)."""
    norm = normalize(text)
    if len(norm) <= SHINGLE:
        return {norm.encode()}
    return {norm[i:i + SHINGLE].encode() for i in range(len(norm) - SHINGLE + 1)}


class Radar:
    """Clusters reports as they arrive; a cluster's id is the id of its first report."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.num_perm = num_perm
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.parent: list[int] = []
        self.reports: list[ReportRecord] = []
        self.exact: dict[str, int] = {}

    def _root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _join(self, a: int, b: int) -> None:
        ra, rb = self._root(a), self._root(b)
        if ra != rb:  # the older report stays the root, so cluster ids are stable
            self.parent[max(ra, rb)] = min(ra, rb)

    def add(self, report: ReportRecord, minhash: MinHash | None = None) -> int:
        """Place one report; the index of its cluster's first report."""
        i = len(self.reports)
        self.reports.append(report)
        self.parent.append(i)
        first = self.exact.get(report.fingerprint)
        if first is not None:
            self._join(first, i)
            return self._root(i)
        self.exact[report.fingerprint] = i
        m = minhash if minhash is not None else minhash_of(report.text, self.num_perm)
        found = self.lsh.query(m)
        for j in found:
            self._join(int(j), i)
        # A report with many near twins adds nothing to the index: buckets stay small, so a
        # query costs the same for the 100,000th report as for the first.
        if len(found) < INDEX_CAP:
            self.lsh.insert(str(i), m)
        return self._root(i)

    def add_all(self, reports: Iterable[ReportRecord]) -> None:
        """Place many reports, hashing them in bulk (the fast path for the CLI)."""
        batch = list(reports)
        texts = [[*shingles(r.text)] for r in batch]
        for report, m in zip(batch, MinHash.bulk(texts, num_perm=self.num_perm), strict=True):
            self.add(report, m)

    def members(self, i: int) -> list[ReportRecord]:
        """The reports in the cluster of report index i."""
        root = self._root(i)
        return [r for k, r in enumerate(self.reports) if self._root(k) == root]

    def clusters(self) -> list[list[ReportRecord]]:
        """Every cluster's reports, oldest first; clusters in order of their first report."""
        groups: dict[int, list[ReportRecord]] = {}
        for k, r in enumerate(self.reports):
            groups.setdefault(self._root(k), []).append(r)
        return [groups[k] for k in sorted(groups)]


def minhash_of(text: str, num_perm: int = NUM_PERM) -> MinHash:
    """The MinHash of a text's shingles."""
    m = MinHash(num_perm=num_perm)
    m.update_batch(list(shingles(text)))
    return m


@dataclass(frozen=True)
class ClusterView:
    """What staff see of one cluster."""

    id: int
    size: int
    first_seen: str
    last_seen: str
    per_day: dict[str, int]
    growth_24h: int
    verdicts: dict[str, int]
    scam_types: dict[str, int]
    confidence: float
    domains: dict[str, int]
    numbers: dict[str, int]
    sample: str
    new: bool
    why_new: str

    def as_dict(self) -> dict[str, object]:
        """JSON-ready."""
        return dict(self.__dict__)


def view(members: list[ReportRecord], now: datetime, days: int = 7) -> ClusterView:
    """A cluster's figures over the last `days` days, and whether it is new."""
    per_day = Counter((m.created_at.date().isoformat()) for m in members)
    start = (now - timedelta(days=days - 1)).date()
    window = {(start + timedelta(days=d)).isoformat(): 0 for d in range(days)}
    window.update({d: n for d, n in per_day.items() if d in window})
    last_24h = sum(1 for m in members if now - m.created_at <= timedelta(days=1))
    earlier = [m for m in members if timedelta(days=1) < now - m.created_at <= timedelta(days=7)]
    daily = len(earlier) / 6
    unsure = sum(1 for m in members if m.kind != "scam") / len(members)
    why = ""
    if len(members) >= NEW_MIN_SIZE and unsure >= UNSURE_SHARE:
        why = "unsure"
    elif last_24h >= NEW_MIN_SIZE and last_24h >= FAST_FACTOR * max(daily, 1.0):
        why = "fast"
    text = " ".join(m.text for m in members)
    return ClusterView(
        id=members[0].id or 0, size=len(members),
        first_seen=members[0].created_at.isoformat(), last_seen=members[-1].created_at.isoformat(),
        per_day=window, growth_24h=last_24h,
        verdicts=dict(Counter(m.kind for m in members).most_common()),
        scam_types=dict(Counter(m.scam_type for m in members).most_common(3)),
        confidence=round(sum(m.confidence for m in members) / len(members), 2),
        domains=dict(Counter(h.lower() for h in _HOST.findall(text)).most_common(5)),
        numbers=dict(Counter(PLACEHOLDER.findall(text)).most_common()),
        sample=members[-1].text[:300], new=bool(why), why_new=why)


def radar_views(reports: list[ReportRecord], now: datetime, days: int = 7,
                min_size: int = 2) -> list[ClusterView]:
    """Clusters of the reports with at least min_size members, new ones first, then largest."""
    radar = Radar()
    radar.add_all(reports)
    views = [view(c, now, days) for c in radar.clusters() if len(c) >= min_size]
    return sorted(views, key=lambda v: (not v.new, -v.size, v.id))


def radar_report(reports: list[ReportRecord], now: datetime, days: int = 7,
                 min_size: int = 2) -> dict[str, Any]:
    """What `reports clusters --json` prints and the stats chart draws: one source for both."""
    views = radar_views(reports, now, days, min_size)
    return {"reports": len(reports), "days": days, "min_size": min_size,
            "clusters": [v.as_dict() for v in views]}

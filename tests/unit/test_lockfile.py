"""The lock files cover pyproject.toml: every dependency pinned to a version it allows, each pin
with hashes, and the image's pins the same as the developers' (scripts/lock --check in CI also
re-resolves them)."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from bot.config import ROOT

PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)")


def locked(name: str) -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) from a lock file."""
    pins: dict[str, tuple[str, int]] = {}
    current = None
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            current = canonicalize_name(match[1])
            pins[current] = (match[2], 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
    return pins


def project() -> dict[str, list[Requirement]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {"requirements.lock": [Requirement(r) for r in data["dependencies"]],
            "requirements-dev.lock": [Requirement(r) for r in data["dependencies"]
                                      + data["optional-dependencies"]["dev"]]}


def test_every_dependency_is_pinned_within_its_range_with_hashes() -> None:
    for lock, requirements in project().items():
        pins = locked(lock)
        for req in requirements:
            version = pins[canonicalize_name(req.name)][0]
            assert req.specifier.contains(version, prereleases=True), (lock, req, version)
        assert all(hashes >= 1 for _, hashes in pins.values()), lock


def test_the_image_pins_what_the_developers_test() -> None:
    runtime, dev = locked("requirements.lock"), locked("requirements-dev.lock")
    assert {name: pin[0] for name, pin in runtime.items()} == {
        name: dev[name][0] for name in runtime}

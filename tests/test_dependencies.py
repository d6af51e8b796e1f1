"""Dependencies: every requirement bounded below its next major version, and the lock files
that `make run` / `make test` install from agree with pyproject.toml (`make lock`)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
RUN_LOCK = ROOT / "requirements" / "run.lock"
TEST_LOCK = ROOT / "requirements" / "test.lock"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def runtime() -> list[Requirement]:
    return [Requirement(line) for line in PYPROJECT["project"]["dependencies"]]


def for_tests() -> list[Requirement]:
    return [Requirement(line) for line in PYPROJECT["project"]["optional-dependencies"]["test"]]


def pins(lock: Path) -> dict[str, list[tuple[Version, str | None]]]:
    """name -> [(version, environment marker or None)]; a universal lock may hold one
    version per Python range (numpy for 3.11, another for 3.12+)."""
    found: dict[str, list[tuple[Version, str | None]]] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            name, version, marker = match.groups()
            found.setdefault(canonicalize_name(name), []).append((Version(version), marker))
    return found


def hashed_pins(lock: Path) -> dict[str, int]:
    """How many hashes follow each pin."""
    counts: dict[str, int] = {}
    current = None
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            current = f"{canonicalize_name(match.group(1))}=={match.group(2)}"
            counts[current] = 0
        elif current and line.strip().startswith("--hash=sha256:"):
            counts[current] += 1
    return counts


def upper_bound(requirement: Requirement) -> Version | None:
    bounds = [
        Version(spec.version)
        for spec in requirement.specifier
        if spec.operator in ("<", "<=", "==", "~=")
    ]
    return min(bounds) if bounds else None


@pytest.mark.parametrize("requirement", runtime() + for_tests(), ids=str)
def test_every_dependency_is_bounded_below_the_next_major_of_its_locked_version(
    requirement: Requirement,
) -> None:
    bound = upper_bound(requirement)
    assert bound is not None, f"{requirement.name} has no upper bound"
    locked = max(version for version, _ in pins(TEST_LOCK)[canonicalize_name(requirement.name)])
    # A new major is a decision, not an update. tzdata is calendar-versioned data without
    # an API: its bound lets next year's time zone rules in.
    allowed = Version(str(locked.major + (2 if requirement.name == "tzdata" else 1)))
    assert bound <= allowed, f"{requirement} allows a major version after {locked}"


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [(RUN_LOCK, runtime), (TEST_LOCK, lambda: runtime() + for_tests())],
    ids=["run.lock", "test.lock"],
)
def test_every_direct_dependency_is_pinned_within_its_bounds(lock: Path, requirements) -> None:  # type: ignore[no-untyped-def]
    pinned = pins(lock)
    for requirement in requirements():
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} is missing from {lock.name}: run make lock"
        for version, _marker in pinned[name]:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{lock.name} pins {name}=={version}, outside {requirement.specifier}: run make lock"
            )


def test_the_runtime_lock_has_the_same_versions_as_the_test_lock() -> None:
    run, test = pins(RUN_LOCK), pins(TEST_LOCK)
    assert set(run) <= set(test)
    for name, versions in run.items():
        assert versions == test[name], name
    assert canonicalize_name("pytest") not in run  # the runtime lock is the runtime's only


@pytest.mark.parametrize("lock", [RUN_LOCK, TEST_LOCK], ids=lambda p: p.name)
def test_every_pin_carries_hashes(lock: Path) -> None:
    counts = hashed_pins(lock)
    assert counts, f"{lock.name} pins nothing"
    assert [pin for pin, n in counts.items() if n == 0] == []


def test_make_installs_from_the_locks_with_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for lock in ("$(TEST_LOCK)", "$(RUN_LOCK)"):
        assert f"--require-hashes --no-deps -r {lock}" in makefile
    assert re.search(r"^\$\(STAMP\):.*\$\(TEST_LOCK\).*pyproject\.toml", makefile, re.M)
    assert re.search(r"^\$\(RUN_STAMP\):.*\$\(RUN_LOCK\).*pyproject\.toml", makefile, re.M)


def test_openpyxl_parses_through_defusedxml() -> None:
    from openpyxl import xml

    assert xml.DEFUSEDXML

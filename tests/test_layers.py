"""The arrows of the house: handlers -> bot.services -> models, one way.

- `handlers/` imports no `sqlalchemy` and no `models` (the closed vocabularies of
  `models.enums` aside, and imports only for type checking), and opens no session: the
  route decorators open the update's unit of work;
- nothing in `bot/` but the wiring (`bot/app.py`) imports `handlers`;
- `bot/services/` imports no `telegram`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every runtime import (not those under `if TYPE_CHECKING:`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            guarded |= {id(n) for child in node.body for n in ast.walk(child)}
    found = []
    for node in ast.walk(tree):
        if id(node) in guarded:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _top(module: str) -> str:
    return module.split(".")[0]


def _violations(folder: str, forbidden: object, skip: tuple[str, ...] = ()) -> list[str]:
    out = []
    for path in _modules(folder):
        rel = path.relative_to(ROOT).as_posix()
        if rel in skip:
            continue
        out += [f"{rel}:{line} imports {module}" for line, module in _imports(path)
                if forbidden(module)]  # type: ignore[operator]
    return out


def test_handlers_import_no_sqlalchemy_and_no_models() -> None:
    def forbidden(module: str) -> bool:
        return _top(module) == "sqlalchemy" or (_top(module) == "models" and module != "models.enums")

    assert _violations("handlers", forbidden) == []


def _session_openings(folder: str, allowed: tuple[str, ...]) -> list[str]:
    calls = []
    for path in _modules(folder):
        if path.relative_to(ROOT).as_posix() in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("reading", "writing", "transaction", "sessionmaker")):
                calls.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.func.attr}()")
    return calls


def test_handlers_open_no_sessions() -> None:
    assert _session_openings("handlers", ("handlers/core/routes.py",)) == []  # the unit of work


def test_services_receive_their_session() -> None:
    """The outbox sender's per-row commits are the one exception (see there why)."""
    assert _session_openings("bot/services", ("bot/services/outbox/delivery.py",)) == []


def test_only_the_wiring_in_bot_imports_handlers() -> None:
    assert _violations("bot", lambda m: _top(m) == "handlers", skip=("bot/app.py",)) == []


def test_services_import_no_telegram() -> None:
    assert _violations("bot/services", lambda m: _top(m) == "telegram") == []


@pytest.mark.parametrize("source", ["import sqlalchemy\n", "from models import Program\n"])
def test_the_check_sees_an_import(tmp_path: Path, source: str) -> None:
    path = tmp_path / "x.py"
    path.write_text(source)
    assert _imports(path)
    guarded = tmp_path / "y.py"
    guarded.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    " + source)
    assert [m for _, m in _imports(guarded) if m != "typing"] == []

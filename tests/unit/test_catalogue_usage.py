"""Every catalogue key is used somewhere, and every key the code asks for exists, in
both languages (read from the source: literal keys, and the families built with an
f-string such as f"refusal.{reason}")."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.i18n import CATALOGUES

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [p for folder in ("bot", "handlers", "models") for p in (ROOT / folder).rglob("*.py")
           if "locales" not in p.parts]
# Calls whose literal argument is a catalogue key: (function or method name, argument index).
KEY_CALLS = {"t": 1, "text": 0, "say": 0, "warn": 0, "menu": 0, "all_translations": 0, "tn": 1,
             "plural_key": 1}


def _base(key: str) -> str:
    return key.split("#", 1)[0]


def _source_facts() -> tuple[set[str], set[str], set[tuple[str, str]]]:
    """(every string literal, every f-string's literal head, (file:line, key) of every
    literal passed to a catalogue call)."""
    literals: set[str] = set()
    prefixes: set[str] = set()
    asked: set[tuple[str, str]] = set()
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
                if isinstance(head, ast.Constant) and isinstance(head.value, str):
                    prefixes.add(head.value)
            elif isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                index = KEY_CALLS.get(name)
                if index is not None and len(node.args) > index:
                    arg = node.args[index]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        asked.add((f"{path.relative_to(ROOT)}:{node.lineno}", arg.value))
    return literals, {p for p in prefixes if "." in p and " " not in p}, asked


def _used(key: str, literals: set[str], prefixes: set[str]) -> bool:
    """A literal key, or a family's head followed by a value the code spells somewhere
    (f"enroll.{outcome.value}" with EnrollOutcome.ENROLLED = "enrolled")."""
    return key in literals or any(
        key.startswith(p) and key[len(p):] in literals for p in prefixes)


def test_every_key_the_code_asks_for_exists_in_both_languages() -> None:
    _, _, asked = _source_facts()
    for language, catalogue in CATALOGUES.items():
        bases = {_base(k) for k in catalogue}
        missing = sorted((where, key) for where, key in asked
                         if key not in catalogue and key not in bases and "." in key)
        assert missing == [], (language, missing)


def test_every_key_in_both_languages_is_used_somewhere() -> None:
    literals, prefixes, _ = _source_facts()
    for language, catalogue in CATALOGUES.items():
        unused = sorted(key for key in catalogue if not _used(_base(key), literals, prefixes))
        assert unused == [], (language, unused)

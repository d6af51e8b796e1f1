"""Typed inline-button data: one class per button kind, which builds, parses and matches it.

A button kind is a frozen dataclass deriving from `Button` with a readable `prefix` and
typed fields. `encode()` writes `prefix:field:field…` (at most 64 bytes, Telegram's
limit); `parse()` reads it back or returns None; `pattern()` is the regular expression
PTB's `CallbackQueryHandler` routes on. Field types say exactly what a field may hold:

- `int` (a database id, page or count: 1–9 digits),
- a `StrEnum` (its values) or a `Literal[...]` of strings,
- `bool` (`1` / `0`),
- `Annotated[str, Match(regex)]` for other short tokens,
- `X | None` of any of these (`-` on the wire).

Anything else (old buttons, forged or hand-made data) matches no kind and gets a polite
"no longer available". Ids inside valid data are still only hints: the service that acts
on them checks that they belong to the presser.

Kinds are frozen dataclasses *without* `slots=True` (a slotted dataclass is a copy of
the class made after it registered itself). `Audience` says who a kind is meant for; the authorisation test presses every admin kind
as someone who may not, so a new admin button is tested the day it is written.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
import types
import typing
from enum import Enum, StrEnum
from typing import Annotated, Any, ClassVar, Literal, Self, get_args, get_origin, get_type_hints

MAX_BYTES = 64
SEPARATOR = ":"
NONE = "-"


class Audience(StrEnum):
    """Who may press a kind of button (what the services enforce)."""

    ANYONE = "anyone"  # any private-chat user (linked or not)
    EMPLOYEE = "employee"  # a linked employee
    ADMIN = "admin"  # superadmins and OPD admins (narrowed to their OPD)
    SUPERADMIN = "superadmin"  # BPSDM superadmins only


@dataclasses.dataclass(frozen=True, slots=True)
class Match:
    """`Annotated[str, Match(r"[a-z]{1,8}")]`: a string field of that shape."""

    regex: str


@dataclasses.dataclass(frozen=True, slots=True)
class _Field:
    name: str
    regex: str
    optional: bool
    decode: Any  # str -> value
    encode: Any  # value -> str


def _field(name: str, hint: Any) -> _Field:
    optional = False
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"{name}: only `X | None` unions are supported")
        hint, optional = args[0], True
        origin = get_origin(hint)
    if origin is Annotated:
        base, *extras = get_args(hint)
        match = next((e for e in extras if isinstance(e, Match)), None)
        if base is not str or match is None:
            raise TypeError(f"{name}: Annotated needs str and Match(regex)")
        return _Field(name, match.regex, optional, str, str)
    if origin is Literal:
        values = [str(v) for v in get_args(hint)]
        return _Field(name, "|".join(map(re.escape, values)), optional, str, str)
    if hint is bool:
        return _Field(name, "[01]", optional, lambda raw: raw == "1", lambda v: "1" if v else "0")
    if hint is int:
        return _Field(name, r"\d{1,9}", optional, int, str)
    if isinstance(hint, type) and issubclass(hint, Enum):
        values = [str(m.value) for m in hint]
        return _Field(name, "|".join(map(re.escape, values)), optional, hint, lambda v: str(hint(v).value))
    raise TypeError(f"{name}: unsupported button field type {hint!r}")


class Button:
    """Base of every kind; subclasses are `@dataclass(frozen=True)` with typed fields."""

    prefix: ClassVar[str] = ""
    audience: ClassVar[Audience] = Audience.ANYONE
    KINDS: ClassVar[dict[str, type[Button]]] = {}
    _fields: ClassVar[tuple[_Field, ...]]
    _pattern: ClassVar[re.Pattern[str]]

    def __init_subclass__(cls, *, prefix: str = "", audience: Audience | None = None,
                          **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not prefix:
            return  # an abstract intermediate class
        if not re.fullmatch(r"[a-z][a-z0-9_.]{0,15}", prefix):
            raise ValueError(f"button prefix {prefix!r}: lowercase, short, readable")
        if prefix in Button.KINDS:
            raise ValueError(f"two button kinds share the prefix {prefix!r}")
        cls.prefix = prefix
        if audience is not None:
            cls.audience = audience
        Button.KINDS[prefix] = cls

    @classmethod
    def _compile(cls) -> None:
        if "_pattern" in cls.__dict__:
            return
        if not dataclasses.is_dataclass(cls):
            raise TypeError(f"{cls.__name__} must be a dataclass")
        hints = get_type_hints(cls, include_extras=True)
        fields = tuple(_field(f.name, hints[f.name]) for f in dataclasses.fields(cls))
        parts = [re.escape(cls.prefix)]
        for f in fields:
            regex = f"(?:{f.regex})"
            parts.append(f"({regex}|{NONE})" if f.optional else f"({regex})")
        cls._fields = fields
        cls._pattern = re.compile("^" + re.escape(SEPARATOR).join(parts) + "$")

    @classmethod
    def pattern(cls) -> re.Pattern[str]:
        cls._compile()
        return cls._pattern

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        cls._compile()
        return tuple(f.name for f in cls._fields)

    def encode(self) -> str:
        cls = type(self)
        cls._compile()
        parts = [cls.prefix]
        for f in cls._fields:
            value = getattr(self, f.name)
            parts.append(NONE if value is None else f.encode(value))
        data = SEPARATOR.join(parts)
        if len(data.encode()) > MAX_BYTES or not cls._pattern.match(data):
            raise ValueError(f"{cls.__name__} does not fit its own pattern: {data!r}")
        return data

    @classmethod
    def parse(cls, data: str | None) -> Self | None:
        if not data or len(data.encode()) > MAX_BYTES:
            return None
        cls._compile()
        match = cls._pattern.match(data)
        if match is None:
            return None
        values = {
            f.name: None if (f.optional and raw == NONE) else f.decode(raw)
            for f, raw in zip(cls._fields, match.groups())
        }
        return cls(**values)


def all_kinds() -> dict[str, type[Button]]:
    """Every kind of every feature (imports the feature modules of this package)."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return dict(Button.KINDS)


def parse_any(data: str | None) -> Button | None:
    """The button this data belongs to, of whatever kind; None for unknown data."""
    if not data:
        return None
    kind = Button.KINDS.get(data.split(SEPARATOR, 1)[0])
    return kind.parse(data) if kind is not None else None

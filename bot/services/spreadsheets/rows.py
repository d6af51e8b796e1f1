"""One framework for every import: a row model declares its columns once.

A row model is a pydantic model whose fields are annotated with `Col`: the canonical
column name first, then the other headers accepted for it (Indonesian and English, in
order of preference), the cell parser (bot/services/spreadsheets/cells.py) and whether
the file must have the column. `Sheet(Model)` then

- finds the columns in the file (a missing required column, or one header twice, is a
  `TableError` naming them),
- parses every cell of every row with its column's parser, collecting every problem as
  `RowError(row, column, code)` — a row shows all its problems at once,
- runs the model's rules between columns (`@rule("a", "b")`: run when those fields
  parsed, even if others did not, so a row shows all its problems at once; a rule
  raises `RowProblem(column, code)` or returns values it settles, e.g. an end date
  that defaults to the start),
- and builds the typed row model (pydantic) for a row without problems.

`Sheet.error_codes()` lists every code an import can produce (each parser declares its
codes), so one test checks that each has a message in both languages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, get_type_hints

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.services.spreadsheets.cells import CellError, Parser, text
from bot.services.spreadsheets.reader import RowError, Table, resolve_columns

R = TypeVar("R", bound="Row")
TABLE_CODES = frozenset({"file_type", "file_too_large", "file_unreadable", "file_empty",
                         "missing_columns", "ambiguous_columns", "file_unpacked_too_large",
                         "sheet_too_wide", "sheet_too_many_cells"})


@dataclass(frozen=True, slots=True)
class Col:
    """Where a field comes from: `names[0]` is the canonical column, the rest aliases."""

    names: tuple[str, ...]
    parse: Parser
    required: bool = False  # the file must have this column

    @property
    def canonical(self) -> str:
        return self.names[0]


def col(*names: str, parse: Parser | None = None, required: bool = False) -> Col:
    return Col(names, parse or text(200), required)


class RowProblem(Exception):
    """A rule between columns is broken: `code` is shown on `column`."""

    def __init__(self, column: str, code: str) -> None:
        super().__init__(code)
        self.column, self.code = column, code


Rule = Callable[[dict[str, Any], Mapping[str, Any]], "dict[str, Any] | None"]


def rule(*needs: str) -> Callable[[Rule], Rule]:
    """A rule between the fields `needs` of one row (see the module docstring)."""

    def mark(function: Rule) -> Rule:
        function.needs = needs  # type: ignore[attr-defined]
        return function

    return mark


class Row(BaseModel):
    """Base of row models: frozen; `row` is the spreadsheet row number (header = 1)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    row: int

    @classmethod
    def rules(cls) -> list[Rule]:
        found = []
        for name in dir(cls):
            member = getattr(cls, name, None)
            if callable(member) and hasattr(member, "needs"):
                found.append(member)
        return found


@dataclass(frozen=True, slots=True)
class Parsed(Generic[R]):
    """One data row: its number, the cells that parsed (by field), the row model when
    every cell and rule held, and its problems."""

    number: int
    values: dict[str, Any]
    row: R | None
    errors: list[RowError]


@dataclass(slots=True)
class SheetRows(Generic[R]):
    rows: list[Parsed[R]]
    # canonical column -> the header as the file spells it (for messages)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def valid(self) -> list[R]:
        return [p.row for p in self.rows if p.row is not None]

    @property
    def errors(self) -> list[RowError]:
        return [e for p in self.rows for e in p.errors]

    def has(self, canonical: str) -> bool:
        """Whether the file has the (optional) column."""
        return canonical in self.labels


class Sheet(Generic[R]):
    """The columns of one import, read from its row model."""

    def __init__(self, model: type[R], *, extra_codes: tuple[str, ...] = ()) -> None:
        self.model = model
        hints = get_type_hints(model, include_extras=True)
        self.fields: dict[str, Col] = {}
        for name in model.model_fields:
            found = [m for m in getattr(hints[name], "__metadata__", ()) if isinstance(m, Col)]
            if found:
                self.fields[name] = found[0]
        self.extra_codes = frozenset(extra_codes)
        self.rules = model.rules()

    @property
    def columns(self) -> dict[str, tuple[str, ...]]:
        """canonical -> the other accepted headers (the reader's alias table)."""
        return {c.canonical: c.names[1:] for c in self.fields.values()}

    @property
    def required(self) -> set[str]:
        return {c.canonical for c in self.fields.values() if c.required}

    def order(self, column: str) -> int:
        names = [c.canonical for c in self.fields.values()]
        return names.index(column) if column in names else len(names)

    def error_codes(self) -> frozenset[str]:
        codes = set(TABLE_CODES | self.extra_codes)
        for column in self.fields.values():
            codes |= column.parse.codes
        return frozenset(codes)

    def parse(self, table: Table, context: Mapping[str, Any] | None = None) -> SheetRows[R]:
        """Every row of `table`, parsed; raises TableError for missing/ambiguous columns."""
        found = resolve_columns(table, self.columns, self.required)
        context = dict(context or {})
        # Resolved once per file: (field, canonical column, the file's header, parser).
        plan = [(name, c.canonical, found.get(c.canonical), c.parse.parse)
                for name, c in self.fields.items()]
        rows = [self._row(number, cells, plan, context) for number, cells in table.rows]
        return SheetRows(rows, {c: table.label(h) for c, h in found.items()})

    def _row(self, number: int, cells: dict[str, object],
             plan: list[tuple[str, str, str | None, Any]], context: dict[str, Any]) -> Parsed[R]:
        values: dict[str, Any] = {}
        errors: list[RowError] = []
        for name, canonical, header, parse in plan:
            try:
                values[name] = parse(cells.get(header) if header is not None else None, context)
            except CellError as exc:
                errors.append(RowError(number, canonical, exc.code))
        for check in self.rules:
            if all(name in values for name in check.needs):  # type: ignore[attr-defined]
                try:
                    values.update(check(values, context) or {})
                except RowProblem as problem:
                    errors.append(RowError(number, problem.column, problem.code))
        if errors:
            return Parsed(number, values, None, errors)
        try:
            row = self.model.model_validate({"row": number, **values})
        except ValidationError:
            # A value the parser did not guarantee: a bug of this import, not of the file.
            return Parsed(number, values, None, [RowError(number, "row", "invalid")])
        return Parsed(number, values, row, [])


@dataclass(slots=True)
class UpsertReport:
    """What an import that upserts by key found and did (holidays, conversion rules):
    counts are what was (or, for a dry run, would be) written; zero when errors stopped
    the import."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False
    dry_run: bool = False
    columns: dict[str, str] = field(default_factory=dict)


def duplicates(rows: list[Parsed[R]], key: str, column: str, code: str) -> Iterator[RowError]:
    """Every row whose `key` value another row has too (`code` on each): we cannot know
    which of them is the right one."""
    seen: dict[Any, list[int]] = {}
    for parsed in rows:
        value = parsed.values.get(key)
        if value is not None:
            seen.setdefault(value, []).append(parsed.number)
    for numbers in seen.values():
        if len(numbers) > 1:
            yield from (RowError(n, column, code) for n in numbers)

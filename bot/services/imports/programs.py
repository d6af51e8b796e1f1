"""Program import: programs and their sessions from a spreadsheet, upserted by code.

One row per session. The program's own columns are read from the first row of a code;
later rows of the same code may leave them empty, and a different non-empty value is an
error (`program_conflict`). Importing a file replaces the sessions and audience of the
programs it names; programs not in the file are not touched. All or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from collections.abc import Mapping
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.imports.roster import opd_key
from bot.services.needs.catalogue import CODE_MAX as COMPETENCY_CODE_MAX
from bot.services.needs.catalogue import (
    codes_to_ids,
    normalise_code,
    program_competency_errors,
    set_program_competencies,
)
from bot.services.programs.enrollment import promote_waitlist
from bot.services.spreadsheets.cells import (
    CATEGORY,
    JP,
    MOMENT,
    RAW_TEXT,
    YES_NO,
    bounded_number,
    choice,
    listed,
    optional,
    parse_datetime_cell,
    text,
    url,
)
from bot.services.spreadsheets.reader import RowError, Table, table_of
from bot.services.spreadsheets.rows import Row, RowProblem, Sheet, SheetRows, col, rule
from models import Opd, Program, ProgramOpd, ProgramPositionType, ProgramSession, SessionCheckin
from models.enums import PositionType, ProgramMethod, ProgramStatus

_METHODS = {
    "klasikal": ProgramMethod.KLASIKAL,
    "tatap_muka": ProgramMethod.KLASIKAL,
    "classroom": ProgramMethod.KLASIKAL,
    "e_learning": ProgramMethod.E_LEARNING,
    "elearning": ProgramMethod.E_LEARNING,
    "daring": ProgramMethod.E_LEARNING,
    "online": ProgramMethod.E_LEARNING,
    "blended": ProgramMethod.BLENDED,
    "campuran": ProgramMethod.BLENDED,
    "nonklasikal": ProgramMethod.NONKLASIKAL,
    "non_klasikal": ProgramMethod.NONKLASIKAL,
}
_STATUSES = {
    "draft": ProgramStatus.DRAFT,
    "draf": ProgramStatus.DRAFT,
    "published": ProgramStatus.PUBLISHED,
    "terbit": ProgramStatus.PUBLISHED,
    "diterbitkan": ProgramStatus.PUBLISHED,
}
CODE_MAX, TITLE_MAX, PLACE_MAX, URL_MAX, ORGANISER_MAX = 40, 300, 300, 500, 200
QUOTA_MAX = 100_000


@dataclass(slots=True)
class _Draft:
    """A program as its code's first row describes it, with every row's session."""

    first: ProgramRow
    sessions: list[tuple[datetime, datetime]] = field(default_factory=list)

    @property
    def row(self) -> int:
        return self.first.row

    @property
    def position_types(self) -> list[str]:
        return sorted(set(self.first.position_types))


@dataclass(frozen=True, slots=True)
class ProgramImportReport:
    rows: int
    created: int
    updated: int
    unchanged: int
    errors: list[RowError]
    applied: bool
    dry_run: bool
    columns: dict[str, str] = field(default_factory=dict)


class ProgramRow(Row):
    """One session of a program; the program's own columns may be left empty on the
    later rows of its code."""

    code: Annotated[str, col("kode", "kode_program", "program_code", "code",
                             parse=text(CODE_MAX, empty="program_code_empty"), required=True)]
    start: Annotated[Any, col("mulai", "waktu_mulai", "start", "tanggal_mulai", parse=MOMENT, required=True)]
    end: Annotated[Any, col("selesai", "waktu_selesai", "end", "tanggal_selesai", parse=MOMENT,
                            required=True)]
    title: Annotated[str | None, col("judul", "nama_program", "title", "nama_pelatihan",
                                     parse=text(TITLE_MAX), required=True)]
    category: Annotated[str | None, col("kategori", "category", "jenis_kegiatan",
                                        parse=optional(CATEGORY), required=True)]
    method: Annotated[str | None, col("metode", "method", "metode_pembelajaran",
                                      parse=choice(_METHODS, "method_unknown"), required=True)]
    jp: Annotated[Decimal | None, col("jp", "jam_pelajaran", "jumlah_jp", parse=optional(JP), required=True)]
    quota: Annotated[int | None, col("kuota", "quota", "jumlah_peserta",
                                     parse=bounded_number(0, QUOTA_MAX, "quota_invalid"), required=True)]
    opens: Annotated[Any, col("pendaftaran_dibuka", "registration_opens", "buka_pendaftaran", parse=MOMENT)]
    closes: Annotated[Any, col("pendaftaran_ditutup", "registration_closes", "batas_pendaftaran",
                               "tutup_pendaftaran", parse=MOMENT)]
    place: Annotated[str | None, col("tempat", "lokasi", "place", "location", parse=text(PLACE_MAX))]
    url: Annotated[str | None, col("tautan", "link", "online_url", "url", "tautan_daring", parse=url(URL_MAX))]
    organiser: Annotated[str | None, col("penyelenggara", "organiser", "organizer", parse=text(ORGANISER_MAX))]
    description: Annotated[str | None, col("deskripsi", "description", "keterangan", parse=RAW_TEXT)]
    opd_refs: Annotated[list[str], col("opd_sasaran", "sasaran_opd", "audience_opd", parse=listed(text(200)))]
    position_types: Annotated[list[str], col(
        "jenis_jabatan_sasaran", "sasaran_jabatan", "audience_position",
        parse=listed(choice({p.value: p.value for p in PositionType}, "position_type_unknown")))]
    status: Annotated[str | None, col("status", parse=choice(_STATUSES, "program_status_unknown"))]
    # Issue 14 (planning from needs): competency codes, `;`-separated.
    competencies: Annotated[list[str], col("kompetensi", "kode_kompetensi", "competencies",
                                           parse=listed(text(COMPETENCY_CODE_MAX)))]
    # Share of the sessions to check in to for completion, in percent (default 100).
    min_attendance: Annotated[int | None, col(
        "minimal_kehadiran", "min_kehadiran", "kehadiran_minimal", "minimum_attendance",
        parse=bounded_number(0, 100, "min_attendance_invalid"))]
    # Whether the certificate waits for the participant's evaluation (ya/tidak; default ya).
    evaluation_required: Annotated[bool | None, col(
        "wajib_evaluasi", "evaluasi_wajib", "evaluation_required", parse=YES_NO)]

    @staticmethod
    @rule("start", "end")
    def _session(values: dict[str, Any], context: Mapping[str, Any]) -> dict[str, Any]:
        """A start is a date with a time; the end may be a bare time on the start's day."""
        start = _on_its_own(values["start"], "mulai", context["tz"])
        if start is None:
            raise RowProblem("mulai", "date_empty")
        end = _on_its_own(values["end"], "selesai", context["tz"], day=start)
        if end is None:
            raise RowProblem("selesai", "date_empty")
        if end <= start:
            raise RowProblem("selesai", "session_order")
        return {"start": start, "end": end}

    @staticmethod
    @rule("opens", "closes")
    def _registration(values: dict[str, Any], context: Mapping[str, Any]) -> dict[str, Any]:
        tz = context["tz"]
        return {"opens": _on_its_own(values["opens"], "pendaftaran_dibuka", tz),
                "closes": _on_its_own(values["closes"], "pendaftaran_ditutup", tz)}


def _on_its_own(value: Any, column: str, tz: ZoneInfo, *, day: datetime | None = None) -> datetime | None:
    """A moment cell as an aware datetime; a bare time only where `day` gives its date."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, (str, time)):
        if day is None:
            raise RowProblem(column, "date_format")
        moment, error = parse_datetime_cell(value, tz, day=day)
        if error or moment is None:
            raise RowProblem(column, error or "date_format")
        return moment
    return datetime.combine(value, time(), tz)  # a date


# Field -> column of the program's own values: they must agree between the rows of a code.
_PROGRAM_LEVEL = {
    "title": "judul", "category": "kategori", "method": "metode", "jp": "jp", "quota": "kuota",
    "opens": "pendaftaran_dibuka", "closes": "pendaftaran_ditutup", "place": "tempat",
    "url": "tautan", "organiser": "penyelenggara", "description": "deskripsi",
    "opd_refs": "opd_sasaran", "position_types": "jenis_jabatan_sasaran", "status": "status",
    "competencies": "kompetensi",
    "min_attendance": "minimal_kehadiran",
    "evaluation_required": "wajib_evaluasi",
}
# What the first row of a code must give, and the code when it does not.
_FIRST_ROW_NEEDS = {"title": ("judul", "title_empty"), "category": ("kategori", "category_empty"),
                    "method": ("metode", "method_unknown"), "jp": ("jp", "jp_empty"),
                    "quota": ("kuota", "quota_invalid")}
PROGRAMS = Sheet(ProgramRow, extra_codes=(
    "program_conflict", "title_empty", "category_empty", "jp_empty", "date_empty", "date_format",
    "session_order", "opd_unknown", "date_order", "registration_after_start", "quota_below_taken",
    "program_closed", "competency_unknown", "competency_retired", "session_has_checkins",
))


def _drafts(sheet: SheetRows[ProgramRow]) -> tuple[dict[str, _Draft], list[RowError]]:
    """One draft per code: the first row's program columns, every row's session. The
    first row of a code must give the program's columns; later rows may repeat them,
    never contradict them (checked on every row that has a code, so a row shows all
    its problems at once)."""
    drafts: dict[str, _Draft] = {}
    firsts: dict[str, dict[str, Any]] = {}
    errors: list[RowError] = []
    for parsed in sheet.rows:
        code, values = parsed.values.get("code"), parsed.values
        if code is None:
            continue
        first = firsts.get(code)
        if first is None:
            firsts[code] = values
            errors += [RowError(parsed.number, column, problem)
                       for name, (column, problem) in _FIRST_ROW_NEEDS.items()
                       if name in values and values[name] is None]
        else:
            errors += [RowError(parsed.number, column, "program_conflict")
                       for name, column in _PROGRAM_LEVEL.items()
                       if values.get(name) not in (None, []) and name in first
                       and values[name] != first[name]]
        if parsed.row is not None:
            draft = drafts.setdefault(code, _Draft(parsed.row))
            draft.sessions.append((parsed.row.start, parsed.row.end))
    return drafts, errors


async def import_programs(
    session: AsyncSession,
    source: Path | Table,
    clock: Clock,
    tz: ZoneInfo,
    *,
    dry_run: bool = False,
) -> ProgramImportReport:
    """Validate and upsert programs by code. Raises TableError for an unusable file."""
    table = await table_of(source)
    sheet = PROGRAMS.parse(table, {"tz": tz})
    labels = sheet.labels
    drafts, errors = _drafts(sheet)
    errors = sheet.errors + errors
    opd_ids = await _opd_lookup(session)
    for draft in drafts.values():
        for ref in draft.first.opd_refs:
            if opd_key(ref) not in opd_ids:
                errors.append(RowError(draft.row, "opd_sasaran", "opd_unknown"))
        if draft.first.closes and draft.first.opens and draft.first.closes <= draft.first.opens:
            errors.append(RowError(draft.row, "pendaftaran_ditutup", "date_order"))
        if draft.sessions and draft.first.closes and draft.first.closes > min(s for s, _ in draft.sessions):
            errors.append(RowError(draft.row, "pendaftaran_ditutup", "registration_after_start"))
    found = (
        (await session.scalars(select(Program).where(Program.code.in_(list(drafts))))).all()
        if drafts
        else []
    )
    existing = {p.code: p for p in found}
    for draft in drafts.values():
        program = existing.get(draft.first.code)
        if program is not None and draft.first.quota is not None and draft.first.quota < program.seats_taken:
            errors.append(RowError(draft.row, "kuota", "quota_below_taken"))
        if program is not None and program.status in (ProgramStatus.CANCELLED, ProgramStatus.COMPLETED):
            errors.append(RowError(draft.row, "kode", "program_closed"))
    for draft in drafts.values():
        program = existing.get(draft.first.code)
        if program is not None and program.status not in (ProgramStatus.CANCELLED,
                                                          ProgramStatus.COMPLETED):
            plan = plan_sessions(await _sessions_of(session, program.id), sorted(draft.sessions), tz)
            if plan.refused:
                errors.append(RowError(draft.row, "mulai", "session_has_checkins"))
    competency_ids = await codes_to_ids(
        session, [c for d in drafts.values() for c in d.first.competencies])
    for draft in drafts.values():
        errors += program_competency_errors(draft.row, draft.first.competencies, competency_ids)
    errors.sort(key=lambda e: (e.row, e.column))
    if errors:
        return ProgramImportReport(len(table.rows), 0, 0, 0, errors, False, dry_run, labels)

    counts = {"created": 0, "updated": 0, "unchanged": 0}
    nested = await session.begin_nested()
    now = clock.now()
    for draft in drafts.values():
        outcome = await _upsert(session, draft, existing.get(draft.first.code), opd_ids, now, tz)
        if sheet.has("kompetensi") and await _tag(session, draft, competency_ids) and outcome == "unchanged":
            outcome = "updated"
        counts[outcome] += 1
    if dry_run:
        await nested.rollback()
    else:
        await nested.commit()
    return ProgramImportReport(
        len(table.rows), counts["created"], counts["updated"], counts["unchanged"], [],
        not dry_run, dry_run, labels,
    )


async def _tag(session: AsyncSession, draft: _Draft, known: dict[str, tuple[int, bool]]) -> bool:
    """The program's competencies as the `kompetensi` column says (only when the file has
    that column: an absent column leaves them alone); True when they changed."""
    program_id = await session.scalar(select(Program.id).where(Program.code == draft.first.code))
    assert program_id is not None
    ids = [known[normalise_code(c)][0] for c in draft.first.competencies]
    return await set_program_competencies(session, program_id, ids)


async def _opd_lookup(session: AsyncSession) -> dict[str, int]:
    """OPDs by normalised name and by code."""
    found: dict[str, int] = {}
    for opd_id, name, code in (await session.execute(select(Opd.id, Opd.name, Opd.code))).all():
        found[opd_key(name)] = opd_id
        if code:
            found[opd_key(code)] = opd_id
    return found


async def _upsert(
    session: AsyncSession,
    draft: _Draft,
    program: Program | None,
    opd_ids: dict[str, int],
    now: datetime,
    tz: ZoneInfo,
) -> str:
    sessions = sorted(draft.sessions)
    starts_at, ends_at = sessions[0][0], max(e for _, e in sessions)
    values = {
        "title": draft.first.title,
        "description": draft.first.description,
        "category": draft.first.category,
        "method": draft.first.method,
        "jp": draft.first.jp,
        "place": draft.first.place,
        "online_url": draft.first.url,
        "organiser": draft.first.organiser,
        "quota": draft.first.quota,
        "registration_opens_at": draft.first.opens or (program.registration_opens_at if program else now),
        "registration_closes_at": draft.first.closes or starts_at - timedelta(days=1),
        "starts_at": starts_at,
        "ends_at": ends_at,
    }
    if draft.first.min_attendance is not None:  # absent or empty: the stored value (100 when new)
        values["min_attendance_pct"] = draft.first.min_attendance
    if draft.first.evaluation_required is not None:  # absent or empty: stored (yes when new)
        values["evaluation_required"] = draft.first.evaluation_required
    audience_opds = sorted({opd_ids[opd_key(ref)] for ref in draft.first.opd_refs})
    if program is None:
        program = Program(
            code=draft.first.code, status=draft.first.status or ProgramStatus.DRAFT, seats_taken=0,
            queue_counter=0, created_at=now, updated_at=now, **values,
        )
        session.add(program)
        await session.flush()
        await _replace_children(session, program.id, sessions, audience_opds, draft.position_types, tz)
        return "created"

    current = await _sessions_of(session, program.id)
    current_sessions = sorted((s, e) for _, s, e, _ in current)
    current_opds = sorted(
        (await session.scalars(select(ProgramOpd.opd_id).where(ProgramOpd.program_id == program.id))).all()
    )
    current_types = sorted(
        (await session.scalars(
            select(ProgramPositionType.position_type).where(ProgramPositionType.program_id == program.id)
        )).all()
    )
    changed = any(getattr(program, key) != value for key, value in values.items())
    children_changed = (
        current_sessions != sessions
        or current_opds != audience_opds
        or current_types != draft.position_types
    )
    publish = draft.first.status == ProgramStatus.PUBLISHED and program.status == ProgramStatus.DRAFT
    if not changed and not children_changed and not publish:
        return "unchanged"
    for key, value in values.items():
        setattr(program, key, value)
    if publish:
        program.status = ProgramStatus.PUBLISHED
    program.updated_at = now
    if children_changed:
        await _replace_children(session, program.id, sessions, audience_opds, draft.position_types,
                                tz, current)
    await session.flush()
    await promote_waitlist(session, program, now, tz)  # a bigger quota frees seats
    return "updated"


async def _replace_children(
    session: AsyncSession,
    program_id: int,
    sessions: list[tuple[datetime, datetime]],
    opd_ids: list[int],
    position_types: list[str],
    tz: ZoneInfo,
    current: list[StoredSession] | None = None,
) -> None:
    """The program's audience as the file says, and its sessions (see `plan_sessions`):
    a session the file keeps as it was is not touched, so its check-in code stays too."""
    for model in (ProgramOpd, ProgramPositionType):
        await session.execute(delete(model).where(model.program_id == program_id))
    plan = plan_sessions(current or [], sessions, tz)
    assert not plan.refused, "validated before: no session with check-ins is dropped"
    if plan.dropped:
        await session.execute(delete(ProgramSession).where(ProgramSession.id.in_(plan.dropped)))
    for session_id, starts_at, ends_at in plan.moved:
        await session.execute(update(ProgramSession).where(ProgramSession.id == session_id)
                              .values(starts_at=starts_at, ends_at=ends_at))
    session.add_all(ProgramSession(program_id=program_id, starts_at=s, ends_at=e)
                    for s, e in plan.added)
    session.add_all(ProgramOpd(program_id=program_id, opd_id=o) for o in opd_ids)
    session.add_all(ProgramPositionType(program_id=program_id, position_type=p) for p in position_types)
    await session.flush()


# A stored session: id, start, end, whether anyone has checked in to it.
StoredSession = tuple[int, datetime, datetime, bool]


async def _sessions_of(session: AsyncSession, program_id: int) -> list[StoredSession]:
    checked = exists().where(SessionCheckin.session_id == ProgramSession.id)
    rows = await session.execute(
        select(ProgramSession.id, ProgramSession.starts_at, ProgramSession.ends_at, checked)
        .where(ProgramSession.program_id == program_id)
        .order_by(ProgramSession.starts_at, ProgramSession.id))
    return [(i, s, e, bool(c)) for i, s, e, c in rows.all()]


@dataclass(frozen=True)
class SessionPlan:
    moved: list[tuple[int, datetime, datetime]]  # (session id, new start, new end)
    added: list[tuple[datetime, datetime]]
    dropped: list[int]  # session ids nobody checked in to
    refused: list[int]  # sessions with check-ins the file has no place for


def plan_sessions(current: list[StoredSession], wanted: list[tuple[datetime, datetime]],
                  tz: ZoneInfo) -> SessionPlan:
    """From the stored sessions to the file's. The same times: the session stays as it is
    (its check-in code too). A session people checked in to keeps its row, check-ins and
    all, when the file has a session on the same day (its time corrected); with none that
    day it is refused: check-ins never move to another day and are never deleted. Any
    other session is replaced (deleted and added), so a moved session is reminded of
    afresh."""
    unmatched = list(sorted(wanted))
    left: list[StoredSession] = []
    for stored in sorted(current, key=lambda c: (c[1], c[0])):
        if (stored[1], stored[2]) in unmatched:
            unmatched.remove((stored[1], stored[2]))
        else:
            left.append(stored)
    moved, dropped, refused = [], [], []
    for session_id, starts_at, _, checked in left:
        if not checked:
            dropped.append(session_id)
            continue
        day = starts_at.astimezone(tz).date()
        same_day = next((w for w in unmatched if w[0].astimezone(tz).date() == day), None)
        if same_day is None:
            refused.append(session_id)
        else:
            unmatched.remove(same_day)
            moved.append((session_id, *same_day))
    return SessionPlan(moved, unmatched, dropped, refused)

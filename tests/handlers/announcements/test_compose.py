"""/umumkan through process_update: compose, audience, preview, send, schedule, the live
report, cancel and retry, the unlinked list, and every refusal."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.context import AppContext
from bot.i18n import t
from bot.jobs.outbox import OutboxSender
from bot.services.identity.roles import grant
from bot.settings import Settings
from bot.context import app_context
from bot.jobs.announcements import report_once
from bot.presentation.buttons.announcements import (
    ChooseAudience,
    ProgramPage,
    ChoosePosition,
    ManageAnnouncement,
    OpdsChosen,
    PreviewChoice,
    ToggleOpd,
)
from bot.presentation.buttons.self_service import ConfirmUnlink
from models import AdminRole, Announcement, AuditLog, Dialog, OutboxMessage
from models.db import Database
from models.enums import AdminRoleKind, OutboxStatus
from tests.factories import link_account, make_employee, make_opd, make_program
from tests.bot_harness import BotHarness

SUPER, OPD_ADMIN, STRANGER = 900, 901, 902
NOT_ALLOWED = t("id", "admin.not_allowed")
BOLD = [{"type": "bold", "offset": 0, "length": 5}]


async def _world(db: Database, clock: FixedClock) -> dict[str, int]:
    """OPD A: 3 linked and 1 unlinked employee; OPD B: 2 linked. Admins: one of each."""
    async with db.writing() as session:
        a, b = await make_opd(session, "Dinas A"), await make_opd(session, "Dinas B")
        chat = 5000
        for opd, linked, unlinked in ((a, 3, 1), (b, 2, 0)):
            for n in range(linked + unlinked):
                person = await make_employee(session, opd=opd, phone=None, name=f"{opd.name} {n}",
                                             position_type="fungsional" if n % 2 else "pelaksana")
                if n < linked:
                    chat += 1
                    await link_account(session, person, chat)
        await grant(session, SUPER, AdminRoleKind.SUPERADMIN, None, "test", clock)
        await grant(session, OPD_ADMIN, AdminRoleKind.OPD_ADMIN, a.id, "test", clock)
        return {"a": a.id, "b": b.id}


_NONCES: dict[int, str] = {}


async def _anc(db: Database, user: int, choice: str) -> str:
    """A preview button: its payload carries the draft's current nonce (remembered after
    the draft is gone, to press an old button again)."""
    async with db.reading() as session:
        data = await session.scalar(select(Dialog.data).where(Dialog.telegram_user_id == user))
    if data and "nonce" in data:
        _NONCES[user] = data["nonce"]
    return PreviewChoice(_NONCES.get(user, "000000"), choice).encode()  # type: ignore[arg-type]


async def _press(harness: BotHarness, user: int, data: str) -> None:
    harness.request.clear()
    await harness.send(harness.updates.callback(user, data))


def _alerts(harness: BotHarness) -> list[str]:
    return [str(c.params.get("text")) for c in harness.request.calls
            if c.method == "answerCallbackQuery" and c.params.get("text")]


def _ctx(harness: BotHarness) -> AppContext:
    ctx: AppContext = app_context(harness.app)
    return ctx


async def _compose(harness: BotHarness, user: int, text: str = "Rapat Senin pukul 09.00") -> str:
    await harness.text(user, "/umumkan")
    return await harness.send(harness.updates.message(user, text, entities=BOLD))


async def _count(db: Database, model: type, *where: object) -> int:
    async with db.reading() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def test_superadmin_sends_to_chosen_opds_and_gets_the_final_report(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    w = await _world(db, clock)
    assert "Kepada siapa" in await _compose(harness, SUPER)
    await _press(harness, SUPER, ChooseAudience("opd").encode())
    assert "Dinas A" in str(harness.request.calls[-1].params.get("reply_markup"))
    await _press(harness, SUPER, ToggleOpd(w['b'], 0).encode())
    await _press(harness, SUPER, ToggleOpd(w['a'], 0).encode())
    await _press(harness, SUPER, ToggleOpd(w['a'], 0).encode())  # and unselected again
    await _press(harness, SUPER, OpdsChosen().encode())
    sent = harness.request.sent()
    # The preview is the message exactly as recipients get it: plain text and entities.
    preview, summary = sent[-2], sent[-1]
    assert preview["text"] == "Rapat Senin pukul 09.00" and preview["entities"] == BOLD
    assert "parse_mode" not in preview
    assert "<b>2</b> pegawai tertaut" in summary["text"] and "0 pegawai belum" in summary["text"]
    assert "Dinas B" in summary["text"]

    await _press(harness, SUPER, await _anc(db, SUPER, "send"))
    assert "Pengumuman #1" in harness.request.sent()[-1]["text"]
    await _press(harness, SUPER, await _anc(db, SUPER, "send"))  # a second press creates nothing
    assert await _count(db, Announcement) == 1
    assert await _count(db, Dialog) == 0

    ctx = _ctx(harness)
    harness.request.clear()
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 2
    copies = harness.request.sent()
    assert sorted(c["chat_id"] for c in copies) == [5004, 5005]
    assert all(c["entities"] == BOLD and c["text"] == "Rapat Senin pukul 09.00" for c in copies)

    harness.request.clear()
    await report_once(harness.app.bot, ctx, {})
    edits = [c.params for c in harness.request.calls if c.method == "editMessageText"]
    assert edits and "selesai" in edits[-1]["text"] and "Terkirim 2" in edits[-1]["text"]
    final = harness.request.sent()[-1]["text"]
    assert "Terkirim: <b>2</b> dari 2" in final and "Gagal: 0" in final
    async with db.reading() as session:
        done = await session.scalar(select(AuditLog).where(AuditLog.action == "announcement_done"))
    assert done is not None and done.details == {"sent": 2, "failed": 0, "blocked": 0}
    harness.request.clear()
    await report_once(harness.app.bot, ctx, {})  # finished: reported once only
    assert harness.request.calls == []


async def test_opd_admin_reaches_only_their_opd_and_cannot_pick_others(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    w = await _world(db, clock)
    await harness.text(OPD_ADMIN, "/umumkan")
    assert "hanya sampai ke pegawai Dinas A" in harness.request.last_text()
    markup = str(harness.request.calls[-1].params)
    await harness.send(harness.updates.message(OPD_ADMIN, "Apel pagi"))
    assert "OPD tertentu" not in str(harness.request.calls[-1].params.get("reply_markup"))
    assert markup  # the compose prompt was sent
    await _press(harness, OPD_ADMIN, ChooseAudience("opd").encode())  # hand-made: refused
    assert _alerts(harness) == [NOT_ALLOWED]
    await _press(harness, OPD_ADMIN, ToggleOpd(w['b'], 0).encode())  # not in the OPD step: refused
    assert await _count(db, Announcement) == 0

    await _press(harness, OPD_ADMIN, ChooseAudience("all").encode())
    summary = harness.request.sent()[-1]["text"]
    assert "<b>3</b> pegawai tertaut" in summary and "1 pegawai belum" in summary
    assert "di Dinas A" in summary

    # The list of those not yet linked, for the OPD to bring on board.
    await _press(harness, OPD_ADMIN, await _anc(db, OPD_ADMIN, "unlinked"))
    document = next(c for c in harness.request.calls if c.method == "sendDocument")
    _, content = document.params["_files"]["document"]
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert rows[0] == ("NIP", "Nama", "OPD", "Unit kerja")
    assert [r[1:3] for r in rows[1:]] == [("Dinas A 3", "Dinas A")]

    await _press(harness, OPD_ADMIN, await _anc(db, OPD_ADMIN, "send"))
    async with db.reading() as session:
        chats = sorted((await session.scalars(select(OutboxMessage.chat_id))).all())
        announcement = await session.scalar(select(Announcement))
    assert chats == [5001, 5002, 5003]
    assert announcement is not None and announcement.scope_opd_id == w["a"]


async def test_strangers_get_help_and_their_forged_buttons_change_nothing(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    await _world(db, clock)
    assert "/saldo" in await harness.text(STRANGER, "/umumkan")
    for data in (ChooseAudience("all").encode(), OpdsChosen().encode(), "ann.prog:1", ChoosePosition("pelaksana").encode(), PreviewChoice("abc123", "send").encode(),
                 ManageAnnouncement(1, "cancel").encode(), ManageAnnouncement(1, "retry").encode(), ManageAnnouncement(1, "unlinked").encode()):
        await _press(harness, STRANGER, data)
        assert _alerts(harness) == [NOT_ALLOWED], data
    assert await _count(db, Dialog) == 0 and await _count(db, Announcement) == 0


async def test_opd_admin_cannot_stop_or_retry_a_superadmin_announcement(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    await _world(db, clock)
    await _compose(harness, SUPER)
    await _press(harness, SUPER, ChooseAudience("all").encode())
    await _press(harness, SUPER, await _anc(db, SUPER, "send"))
    for action in ("cancel", "retry", "unlinked"):
        await _press(harness, OPD_ADMIN, ManageAnnouncement(1, action).encode())
        assert _alerts(harness) == [NOT_ALLOWED]
    assert await _count(db, OutboxMessage, OutboxMessage.status == OutboxStatus.PENDING) == 5

    await _press(harness, SUPER, ManageAnnouncement(1, "cancel").encode())
    assert "dihentikan" in _alerts(harness)[0]
    assert await _count(db, OutboxMessage, OutboxMessage.status == OutboxStatus.SKIPPED) == 5
    assert await OutboxSender().drain_once(harness.app.bot, _ctx(harness)) == 0
    await _press(harness, SUPER, ManageAnnouncement(1, "cancel").encode())
    assert "sudah selesai" in _alerts(harness)[0]


async def test_photo_scheduled_for_later_then_sent_when_due(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    await _world(db, clock)
    await harness.text(SUPER, "/umumkan")
    await harness.send(harness.updates.photo(SUPER, "poster-1", 200_000, caption="Jadwal Latsar",
                                             caption_entities=[{"type": "italic", "offset": 0, "length": 6}]))
    await _press(harness, SUPER, ChooseAudience("position").encode())
    await _press(harness, SUPER, ChoosePosition("fungsional").encode())
    photo = next(c.params for c in harness.request.calls if c.method == "sendPhoto")
    assert photo["photo"] == "poster-1" and photo["caption"] == "Jadwal Latsar"
    send_now = await _anc(db, SUPER, "send")  # on the first preview
    await _press(harness, SUPER, await _anc(db, SUPER, "schedule"))
    assert "Kapan dikirim" in harness.request.last_text()
    assert "tidak dapat dibaca" in await harness.text(SUPER, "besok pagi")
    assert "sudah lewat" in await harness.text(SUPER, "28/11/2026 08:00")
    assert "paling lambat 60 hari" in await harness.text(SUPER, "28/11/2027 08:00")
    scheduled = await harness.text(SUPER, "28/11/2026 15:30")
    assert "Dijadwalkan: <b>Sabtu, 28 November 2026, 15.30 WITA</b>" in scheduled  # the zone once
    await _press(harness, SUPER, send_now)  # the old preview's "send now" no longer acts
    assert _alerts(harness) == [t("id", "callback.expired")]
    assert await _count(db, Announcement) == 0
    await _press(harness, SUPER, await _anc(db, SUPER, "send"))
    status = harness.request.sent()[-1]["text"]
    assert "terjadwal" in status and "15.30 WITA" in status and "WITA WITA" not in status

    ctx = _ctx(harness)
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 0  # not yet
    harness.request.clear()
    await report_once(harness.app.bot, ctx, {})
    assert harness.request.calls == []  # nothing to report before its time
    clock.set(clock.now() + timedelta(hours=5, minutes=31))
    await report_once(harness.app.bot, ctx, {})
    async with db.reading() as session:
        assert (await session.scalar(select(Announcement.status))) == "sending"
    harness.request.clear()
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 2  # both fungsional
    photos = [c.params for c in harness.request.calls if c.method == "sendPhoto"]
    assert len(photos) == 2 and all(p["caption_entities"][0]["type"] == "italic" for p in photos)
    await report_once(harness.app.bot, ctx, {})
    async with db.reading() as session:
        assert (await session.scalar(select(Announcement.status))) == "done"


async def test_a_restart_mid_draft_and_cancel(
    harness: BotHarness, db: Database, clock: FixedClock, settings: Settings
) -> None:
    await _world(db, clock)
    await _compose(harness, SUPER)
    from bot.app import build_application
    from tests.ptb_offline import RecordingRequest

    request = RecordingRequest()
    fresh = build_application(settings, db, clock, request=request, rate_limit=False)
    await fresh.initialize()
    try:
        again = BotHarness(fresh, request)
        await _press(again, SUPER, ChooseAudience("behind").encode())
        assert "Pratinjau" in request.sent()[-1]["text"]
        assert "dibatalkan" in (await again.text(SUPER, "/batal")).lower()
        await _press(again, SUPER, await _anc(db, SUPER, "send"))
        assert _alerts(again) == [t("id", "callback.expired")]
    finally:
        await fresh.shutdown()
    assert await _count(db, Announcement) == 0


async def test_failed_copies_can_be_retried(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    await _world(db, clock)
    await _compose(harness, SUPER)
    await _press(harness, SUPER, ChooseAudience("all").encode())
    await _press(harness, SUPER, await _anc(db, SUPER, "send"))
    async with db.writing() as session:
        rows = (await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all()
        rows[0].status, rows[1].status = OutboxStatus.FAILED, OutboxStatus.BLOCKED
        for row in rows[2:]:
            row.status = OutboxStatus.SENT
    harness.request.clear()
    await report_once(harness.app.bot, _ctx(harness), {})
    final = harness.request.sent()[-1]
    assert "Gagal: 1" in final["text"] and "Memblokir bot: 1" in final["text"]
    assert ManageAnnouncement(1, "retry").encode() in str(final["reply_markup"])
    await _press(harness, SUPER, ManageAnnouncement(1, "retry").encode())
    assert await _count(db, OutboxMessage, OutboxMessage.status == OutboxStatus.PENDING) == 1
    harness.request.clear()
    assert await OutboxSender().drain_once(harness.app.bot, _ctx(harness)) == 1
    await report_once(harness.app.bot, _ctx(harness), {})
    assert "Gagal: 0" in harness.request.sent()[-1]["text"]
    # A second press finds nothing to resend, and says so (not "0 pesan … dikirim ulang").
    await _press(harness, SUPER, ManageAnnouncement(1, "retry").encode())
    assert _alerts(harness) == [t("id", "announce.nothing_to_retry")]


async def test_a_stop_reaches_copies_already_claimed_and_the_cache_serves_the_rest(
    harness: BotHarness, db: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.jobs import outbox as sender_module
    from bot.services.announcements import lifecycle as ann
    from bot.services.outbox.delivery import claim_due

    await _world(db, clock)
    await _compose(harness, SUPER)
    await _press(harness, SUPER, ChooseAudience("all").encode())
    await _press(harness, SUPER, await _anc(db, SUPER, "send"))
    ctx = _ctx(harness)
    sender = OutboxSender()
    claimed = await claim_due(db, clock.now(), 2, "id")  # in the sender's hands already
    first = await sender_module.render(ctx, claimed[0], sender.announcements)
    assert first is not None and first.text == "Rapat Senin pukul 09.00"
    async with db.writing() as session:
        item = await session.get(Announcement, 1)
        assert item is not None and await ann.cancel(session, item, "tg:900", clock.now()) == 3
    # Within the recheck window the rendering is shared; after it, one reading starts
    # (the copies meanwhile go as last read, none waits for it) and then the stop is seen.
    assert await sender_module.render(ctx, claimed[1], sender.announcements) is first
    monkeypatch.setattr(sender_module, "ANNOUNCEMENT_RECHECK", 0.0)
    assert await sender_module.render(ctx, claimed[1], sender.announcements) is first
    reading = sender.announcements[1].refresh
    assert reading is not None
    assert await sender_module.render(ctx, claimed[1], sender.announcements) is first
    assert sender.announcements[1].refresh is reading  # one reading at a time
    await reading
    assert await sender_module.render(ctx, claimed[1], sender.announcements) is None


async def _schedule_all(harness: BotHarness, db: Database, user: int) -> None:
    await _compose(harness, user)
    await _press(harness, user, ChooseAudience("all").encode())
    await _press(harness, user, await _anc(db, user, "schedule"))
    await harness.text(user, "28/11/2026 15:30")
    await _press(harness, user, await _anc(db, user, "send"))


async def test_a_scheduled_announcement_is_not_sent_once_its_author_lost_the_role(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    await _world(db, clock)
    await _schedule_all(harness, db, OPD_ADMIN)
    async with db.writing() as session:
        for role in (await session.scalars(select(AdminRole).where(AdminRole.telegram_user_id == OPD_ADMIN))).all():
            await session.delete(role)
    clock.set(clock.now() + timedelta(hours=6))
    harness.request.clear()
    await report_once(harness.app.bot, _ctx(harness), {})
    told = [c["text"] for c in harness.request.sent() if c["chat_id"] == OPD_ADMIN]
    assert told and "tidak dikirim" in told[-1]
    assert await OutboxSender().drain_once(harness.app.bot, _ctx(harness)) == 0
    assert await _count(db, OutboxMessage, OutboxMessage.status == OutboxStatus.SKIPPED) == 3
    async with db.reading() as session:
        item = await session.scalar(select(Announcement))
        audit = await session.scalar(select(AuditLog).where(AuditLog.action == "announcement_cancel"))
    assert item is not None and item.status == "cancelled"
    assert audit is not None and audit.details["reason"] == "author_no_longer_admin"


async def test_a_scheduled_announcement_skips_who_unlinked_meanwhile(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    await _world(db, clock)
    await _schedule_all(harness, db, SUPER)
    await harness.text(5001, "/putus")
    await _press(harness, 5001, ConfirmUnlink(True).encode())
    clock.set(clock.now() + timedelta(hours=6))
    await report_once(harness.app.bot, _ctx(harness), {})
    harness.request.clear()
    assert await OutboxSender().drain_once(harness.app.bot, _ctx(harness)) == 4
    assert 5001 not in {c["chat_id"] for c in harness.request.sent()}


async def test_done_only_when_nothing_is_queued_and_a_lost_status_message_comes_back(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    from bot.jobs import announcements as announce_report
    from bot.services.announcements.lifecycle import Progress

    await _world(db, clock)
    await _compose(harness, SUPER)
    await _press(harness, SUPER, ChooseAudience("all").encode())
    harness.request.fail_methods["sendMessage"] = (400, "Bad Request: chat not found")
    await _press(harness, SUPER, await _anc(db, SUPER, "send"))  # the status message could not be sent
    del harness.request.fail_methods["sendMessage"]
    async with db.reading() as session:
        item = await session.scalar(select(Announcement))
    assert item is not None and item.status_message_id is None
    # Counts read while a copy was still queued must not mark it done.
    looks_done = Progress(sent=5)  # as if read before a retry re-queued
    assert not await announce_report._finish(_ctx(harness), item, looks_done, clock.now())
    harness.request.clear()
    await report_once(harness.app.bot, _ctx(harness), {})
    async with db.reading() as session:
        item = await session.scalar(select(Announcement))
    assert item is not None and item.status_message_id is not None
    assert "sedang dikirim" in harness.request.sent()[-1]["text"]


async def test_a_long_caption_and_too_many_opds_are_refused_with_the_reason(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    await _world(db, clock)
    async with db.writing() as session:
        extra = [(await make_opd(session, f"Dinas Tambahan {n:02d}")).id for n in range(40)]
    await harness.text(SUPER, "/umumkan")
    reply = await harness.send(harness.updates.photo(SUPER, "poster-2", 1000, caption="x" * 1025))
    assert "paling panjang 1024 karakter (ini 1025)" in reply
    async with db.reading() as session:
        assert await session.scalar(select(Dialog.step)) == "compose"
    await harness.send(harness.updates.photo(SUPER, "poster-2", 1000, caption="x" * 1024))
    await _press(harness, SUPER, ChooseAudience("opd").encode())
    for opd_id in extra:
        await _press(harness, SUPER, ToggleOpd(opd_id, 0).encode())
    await _press(harness, SUPER, ToggleOpd(1, 0).encode())  # the 41st
    assert _alerts(harness) == [t("id", "announce.opds_max", max=40)]
    async with db.reading() as session:
        data = await session.scalar(select(Dialog.data))
    assert data is not None and len(data["audience"]["opd_ids"]) == 40


async def test_paid_broadcasts_show_their_cost_and_go_out_paid(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    from bot.context import APP_KEY

    ctx = _ctx(harness)
    paid = AppContext(ctx.settings.model_copy(update={"paid_broadcast": True,
                                                      "send_rate_per_second": 500.0}), db, clock)
    harness.app.bot_data[APP_KEY] = paid
    await _world(db, clock)
    await _compose(harness, SUPER)
    await _press(harness, SUPER, ChooseAudience("all").encode())
    summary = harness.request.sent()[-1]["text"]
    # 5 linked recipients at 0.1 Stars each.
    assert "Siaran berbayar: 0,1 Stars per pesan, ± <b>0,5 Stars</b> untuk 5 penerima" in summary
    await _press(harness, SUPER, await _anc(db, SUPER, "send"))
    harness.request.clear()
    assert await OutboxSender().drain_once(harness.app.bot, paid) == 5
    assert all(c["allow_paid_broadcast"] is True for c in harness.request.sent())


async def test_the_time_left_comes_from_the_rate_the_sender_measured(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    from bot.jobs.outbox import DEAD_AFTER
    from bot.services.outbox.delivery import beat

    await _world(db, clock)
    await _compose(harness, SUPER)
    await _press(harness, SUPER, ChooseAudience("all").encode())
    await _press(harness, SUPER, await _anc(db, SUPER, "send"))
    harness.request.clear()
    await report_once(harness.app.bot, _ctx(harness), {})  # the configured 25/s: seconds
    assert "± 1 detik" in harness.request.calls[-1].params["text"]
    # The sender measured 0.05 messages/s (flood control, a slow network): 5 left, 100 s.
    await beat(db, "replica-a:1:1", clock.now() - DEAD_AFTER / 2, 0.05)
    harness.request.clear()
    await report_once(harness.app.bot, _ctx(harness), {})
    assert "± 2 menit" in harness.request.calls[-1].params["text"]


async def test_the_opd_and_program_choices_say_the_page_and_the_total(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    await _world(db, clock)
    async with db.writing() as session:
        for n in range(15):  # 17 OPDs in all: 3 pages of 8
            await make_opd(session, f"Dinas Tambahan {n:02d}")
        for n in range(9):  # 2 pages of 8
            await make_program(session, title=f"Program {n}")
    await _compose(harness, SUPER)
    await _press(harness, SUPER, ChooseAudience("opd").encode())
    assert "Halaman 1 dari 3." in str(harness.request.calls[-1].params["text"])
    await harness.text(SUPER, "/batal")
    await _compose(harness, SUPER)
    await _press(harness, SUPER, ChooseAudience("program").encode())
    assert "Halaman 1 dari 2." in str(harness.request.calls[-1].params["text"])
    await _press(harness, SUPER, ProgramPage(1).encode())
    assert "Halaman 2 dari 2." in str(harness.request.calls[-1].params["text"])

"""A program end to end through the real bot process and the fake Bot API: an enrolled
participant checks in with a code, the superadmin finishes the program, the participant
answers the evaluation and receives the PDF, and a second user verifies its number."""

from __future__ import annotations

import asyncio
import io
import re
from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import select, update

from bot.presentation.buttons.admin import AdminProgram, ProgramAction
from bot.presentation.buttons.attendance import Rate
from bot.services.attendance.checkin import session_code
from bot.services.programs.administration import AdminAction
from bot.services.programs.enrollment import enroll
from models import Enrollment, Program, ProgramSession
from models.db import Database
from models.schema import upgrade
from tests.e2e.harness import TOKEN, BotProcess, sqlite_url
from tests.factories import WITA, link_account, make_admin, make_employee, make_opd, make_program
from tests.fake_telegram import FakeBotApi

pytestmark = pytest.mark.slow

SUPER, ANDI, CHECKER = 7151, 7152, 7153
SECRET = "e2e-certificate-secret-0123456789abcdef"


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    fake = FakeBotApi(token=TOKEN, bot_username="asn_corpu_bot")
    await fake.start(port=0)
    try:
        yield fake
    finally:
        await asyncio.wait_for(fake.stop(), 10)


async def _seed(url: str) -> tuple[int, int, str]:
    """A published program whose one session runs now; Andi enrolled and linked."""
    await upgrade(url)
    db = Database(url)
    now = datetime.now(timezone.utc)
    try:
        async with db.writing() as s:
            await make_admin(s, SUPER)
            opd = await make_opd(s)
            program = await make_program(s, title="Pelatihan Ujung ke Ujung", jp="16",
                                         start=(now - timedelta(hours=1)).astimezone(WITA), hours=3,
                                         opens=now - timedelta(days=5), closes=now + timedelta(hours=1))
            andi = await make_employee(s, opd=opd, name="Andi Makkawaru", phone=None)
            await link_account(s, andi, ANDI)
            assert (await enroll(s, andi.id, program.id, now - timedelta(days=2))).outcome == "enrolled"
            sitting = await s.scalar(select(ProgramSession.id).where(ProgramSession.program_id == program.id))
            found = await session_code(s, SUPER, sitting)  # type: ignore[arg-type]
            assert found is not None
            enrollment = await s.scalar(select(Enrollment.id).where(Enrollment.employee_id == andi.id))
            return program.id, enrollment, found.code  # type: ignore[return-value]
    finally:
        await db.dispose()


async def _session_is_over(url: str, program_id: int) -> None:
    """Time passes: the session ended a minute ago."""
    db = Database(url)
    past = datetime.now(timezone.utc) - timedelta(minutes=1)
    try:
        async with db.writing() as s:
            await s.execute(update(ProgramSession).where(ProgramSession.program_id == program_id)
                            .values(ends_at=past))
            await s.execute(update(Program).where(Program.id == program_id).values(ends_at=past))
    finally:
        await db.dispose()


async def test_check_in_finish_evaluate_certificate_verify(api: FakeBotApi, tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    program_id, enrollment, code = await _seed(url)
    # Quiet hours set far from now, so the outbox sends whatever the hour of the test run.
    far = (datetime.now(WITA) + timedelta(hours=12)).strftime("%H:%M")
    far_end = (datetime.now(WITA) + timedelta(hours=12, minutes=1)).strftime("%H:%M")
    bot = BotProcess(api, tmp_path, url, extra_env={
        "CERTIFICATE_SECRET": SECRET, "LINK_CODE_SECRET": SECRET,
        "QUIET_HOURS_START": far, "QUIET_HOURS_END": far_end,
    })
    await bot.start()
    try:
        andi, admin = api.user(ANDI, first_name="Andi"), api.user(SUPER, first_name="Admin")
        checker = api.user(CHECKER, first_name="Citra")

        await andi.send_command(f"/hadir {code}")
        checked = (await andi.wait_for_reply(20))["text"]
        assert "tercatat hadir" in checked and "Pelatihan Ujung ke Ujung" in checked

        await _session_is_over(url, program_id)
        await admin.send_command("/admin")
        await admin.wait_for_reply(20)
        await admin.press(AdminProgram(program_id).encode())
        await admin.wait_for_reply(20)
        await admin.press(ProgramAction(program_id, AdminAction.FINISH).encode())
        finished = (await admin.wait_for_reply(20))["text"]
        assert "1 peserta selesai" in finished

        # Through the outbox: the JP credited, then the evaluation's first question.
        texts: list[str] = []
        for _ in range(2):
            texts.append((await andi.wait_for_reply(30))["text"])
        assert any("Evaluasi" in t for t in texts), texts
        for given, value in (("r", 4), ("r4", 5), ("r45", 4), ("r454", 5)):
            await andi.press_callback(Rate(enrollment, given, value).encode())
            await andi.wait_for_reply(20)
        await andi.send_command("/lewati")
        assert "tanpa komentar" in (await andi.wait_for_reply(20))["text"]

        certificate = await andi.wait_for_reply(60)
        assert certificate["document"] is not None, certificate
        number = re.search(r"\d{4}-\d{6}-[A-Z2-7]{8}", certificate["caption"]).group(0)  # type: ignore[union-attr]
        pdf = api.file_bytes(certificate["document"]["file_id"])
        text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert "Andi Makkawaru" in text and "16 JP" in text and number in text

        await checker.send_command(f"/cek {number}")
        verified = (await checker.wait_for_reply(20))["text"]
        assert "Sertifikat sah" in verified and "Andi Makkawaru" in verified
    finally:
        code_ = await bot.stop()
    assert code_ == 0, bot.log()
    assert "Traceback" not in bot.log()

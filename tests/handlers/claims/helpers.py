"""Driving /lapor through the real Application: press buttons by label, answer steps."""

from __future__ import annotations

from typing import Any

from tests.bot_harness import BotHarness

MB = 1024 * 1024
_SHOWN: dict[int, dict[str, str]] = {}


def track(harness: BotHarness) -> BotHarness:
    """Remember the last inline keyboard across updates (the harness forgets its calls at
    each update; the keyboard stays on the user's screen)."""
    send = harness.send

    async def send_and_remember(data: dict[str, Any]) -> str:
        text = await send(data)
        for call in reversed(harness.request.calls):
            markup = call.params.get("reply_markup")
            if isinstance(markup, dict) and "inline_keyboard" in markup:
                _SHOWN[id(harness)] = {
                    b["text"]: b.get("callback_data", "") for row in markup["inline_keyboard"] for b in row
                }
                break
        return text

    harness.send = send_and_remember  # type: ignore[method-assign]
    return harness


def buttons(harness: BotHarness) -> dict[str, str]:
    """Label → callback data of the last inline keyboard shown (see `track`)."""
    assert id(harness) in _SHOWN, "no inline keyboard was sent"
    return _SHOWN[id(harness)]


def data_of(harness: BotHarness, label_part: str) -> str:
    found = [data for text, data in buttons(harness).items() if label_part in text]
    assert len(found) == 1, (label_part, buttons(harness))
    return found[0]


async def press(harness: BotHarness, user: int, label_part: str) -> str:
    return await harness.send(harness.updates.callback(user, data_of(harness, label_part)))


def alert(harness: BotHarness) -> str:
    (answer,) = harness.request.sent("answerCallbackQuery")
    return str(answer.get("text", ""))


# The first bytes of a genuine PDF, as the offline Bot API serves the "uploaded" file.
PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"


def pdf(harness: BotHarness, user: int, size: int = MB, name: str = "sertifikat.pdf",
        mime: str = "application/pdf", file_id: str = "pdf-1",
        content: bytes = PDF_BYTES) -> dict[str, Any]:
    harness.request.files[file_id] = content
    update = harness.updates.document(user, file_id, name, size)
    update["message"]["document"]["mime_type"] = mime
    return update


async def report_seminar(
    harness: BotHarness, user: int, *, title: str = "Seminar Nasional Kebijakan Publik",
    start: str = "02/11/2026", end: str = "03/11/2026", days: str = "2", photo: str = "photo-1",
) -> str:
    """/lapor a national seminar of two days with a photo, up to the summary."""
    await harness.text(user, "/lapor")
    await press(harness, user, "Klasikal")
    await press(harness, user, "Seminar")
    await harness.text(user, title)
    await harness.text(user, "LAN RI")
    await harness.text(user, start)
    await harness.text(user, end)
    await press(harness, user, "Nasional")
    await harness.text(user, days)
    return await harness.send(harness.updates.photo(user, photo, 300_000))

"""The verifier's card of one pending claim, and its buttons."""

from __future__ import annotations

from datetime import tzinfo

from telegram import InlineKeyboardMarkup

from bot.i18n import Html, fmt_jp, fmt_short_date, t
from bot.services.claims.review import ClaimCard
from handlers.claims.views import dates_text, working
from bot.presentation.buttons.verification import Approve, ApproveOther, Evidence, NextClaim, Reject
from handlers.core.keyboards import button
from bot.presentation.text import fit


def card_text(lang: str, card: ClaimCard, tz: tzinfo, notice: str | None = None) -> str:
    scope = t(lang, "claim.scope." + ("international" if card.international else "national"))
    lines = [notice, ""] if notice else []
    lines += [
        t(lang, "verify.card.title", waiting=card.waiting, id=card.claim_id),
        t(lang, "verify.card.who", name=card.employee_name, nip=card.nip),
        t(lang, "verify.card.opd", opd=card.opd_name + (f" · {card.unit_name}" if card.unit_name else "")),
        "",
        t(lang, "verify.card.activity", title=card.title),
        t(lang, "verify.card.kind", category=t(lang, f"category.{card.category}"), scope=scope),
        t(lang, "claim.summary.organiser", organiser=card.organiser or "–"),
        t(lang, "claim.summary.dates", dates=dates_text(lang, card.start, card.end)),
        t(lang, "claim.summary.quantity", quantity=fmt_jp(lang, card.quantity),
          unit=t(lang, f"claim.unit.{card.unit}")),
        t(lang, "verify.card.proposed", jp=fmt_jp(lang, card.proposed_jp)),
        *working(lang, card.working),
        t(lang, "verify.card.submitted",
          date=fmt_short_date(lang, card.submitted_at.astimezone(tz).date())),
        t(lang, "verify.card.evidence", kind=t(lang, f"claim.evidence.{card.evidence_kind}")),
    ]
    flags: list[str] = []
    if card.duplicate is not None:
        d = card.duplicate
        flags.append(t(lang, "verify.card.duplicate", title=d.title,
                       dates=dates_text(lang, d.start, d.end),
                       status=t(lang, f"verify.status.{d.status}"), jp=fmt_jp(lang, d.jp)))
    if card.same_evidence:
        items = [
            t(lang, "verify.card.same_evidence_item", id=other.claim_id,
              who=t(lang, "verify.card.same_employee") if other.same_employee
              else t(lang, "verify.card.other_employee"),
              status=t(lang, f"verify.status.{other.status}"))
            for other in card.same_evidence
        ]
        flags.append(t(lang, "verify.card.same_evidence", claims=Html(", ".join(items))))
    if flags:
        lines += ["", *flags]
    return fit(lang, lines)


def card_buttons(lang: str, card: ClaimCard) -> InlineKeyboardMarkup:
    cid = card.claim_id
    return InlineKeyboardMarkup([
        [button(t(lang, "verify.approve", jp=fmt_jp(lang, card.proposed_jp)), Approve(cid))],
        [button(t(lang, "verify.adjust"), ApproveOther(cid)), button(t(lang, "verify.reject"), Reject(cid))],
        [button(t(lang, "verify.evidence"), Evidence(cid)), button(t(lang, "verify.skip"), NextClaim(cid))],
    ])


def restart_button(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[button(t(lang, "verify.refresh"), NextClaim(0))]])

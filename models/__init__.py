"""The data layer: typed SQLAlchemy models, the engine and session, and queries."""

from models.account_link import AccountLink
from models.admin_role import AdminRole
from models.announcement import Announcement
from models.attendance import Certificate, CheckinAttempt, Evaluation, SessionCheckin
from models.audit import AuditLog
from models.base import Base
from models.calendar import Holiday, JobRun
from models.claim import JpClaim
from models.competency import Competency, LearningNeed, NeedsWindow, ProgramCompetency
from models.dialog import Dialog
from models.jp_record import JpRecord
from models.jp_rule import JpRule
from models.link import LinkAttempt, LinkCode
from models.organisation import Employee, Opd
from models.outbox import OutboxMessage, OutboxSender
from models.program import Enrollment, Program, ProgramOpd, ProgramPositionType, ProgramSession
from models.telegram_account import TelegramAccount

__all__ = [
    "AccountLink",
    "AdminRole",
    "Announcement",
    "AuditLog",
    "Base",
    "Competency",
    "Certificate",
    "CheckinAttempt",
    "Dialog",
    "Employee",
    "Enrollment",
    "Evaluation",
    "Holiday",
    "JobRun",
    "JpClaim",
    "JpRecord",
    "JpRule",
    "LearningNeed",
    "LinkAttempt",
    "LinkCode",
    "NeedsWindow",
    "Opd",
    "OutboxMessage",
    "OutboxSender",
    "Program",
    "ProgramCompetency",
    "ProgramOpd",
    "ProgramPositionType",
    "ProgramSession",
    "SessionCheckin",
    "TelegramAccount",
]

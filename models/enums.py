"""Closed vocabularies stored as strings in the database."""

from __future__ import annotations

from enum import StrEnum


class EmployeeType(StrEnum):
    PNS = "PNS"
    PPPK = "PPPK"


class JpSource(StrEnum):
    PROGRAM = "program"  # an ASN Corpu program the employee completed
    SELF_REPORT = "self_report"  # training done elsewhere, reported with a certificate
    IMPORT = "import"  # earlier records loaded from a spreadsheet


class JpStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class JpCategory(StrEnum):
    """Learning activities recognised by LAN guidance (see shared DOMAIN.md)."""

    KEPEMIMPINAN = "kepemimpinan"
    MANAJERIAL = "manajerial"
    TEKNIS = "teknis"
    FUNGSIONAL = "fungsional"
    SOSIAL_KULTURAL = "sosial_kultural"
    SEMINAR = "seminar"
    WORKSHOP = "workshop"
    KURSUS = "kursus"
    BIMTEK = "bimtek"
    SOSIALISASI = "sosialisasi"
    E_LEARNING = "e_learning"
    PELATIHAN_JARAK_JAUH = "pelatihan_jarak_jauh"
    COACHING = "coaching"
    MENTORING = "mentoring"
    MAGANG = "magang"
    DETASERING = "detasering"
    PERTUKARAN = "pertukaran"
    BENCHMARKING = "benchmarking"
    OUTBOUND = "outbound"
    BELAJAR_MANDIRI = "belajar_mandiri"
    KOMUNITAS_BELAJAR = "komunitas_belajar"
    BIMBINGAN_KERJA = "bimbingan_kerja"
    LAINNYA = "lainnya"


class AdminRoleKind(StrEnum):
    SUPERADMIN = "superadmin"
    OPD_ADMIN = "opd_admin"
    KEPALA_OPD = "kepala_opd"  # head of an OPD: read-only, receives the monthly digest


class Language(StrEnum):
    ID = "id"
    EN = "en"


class ProgramMethod(StrEnum):
    KLASIKAL = "klasikal"
    E_LEARNING = "e_learning"
    BLENDED = "blended"
    NONKLASIKAL = "nonklasikal"


class ProgramStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    COMPLETED = "completed"


class EnrollmentStatus(StrEnum):
    ENROLLED = "enrolled"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    NO_SHOW = "no_show"


class PositionType(StrEnum):
    """Jenis jabatan: structural, functional or administrative (pelaksana)."""

    STRUKTURAL = "struktural"
    FUNGSIONAL = "fungsional"
    PELAKSANA = "pelaksana"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    BLOCKED = "blocked"
    SKIPPED = "skipped"  # no longer needed when its turn came


class EvidenceKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"  # a PDF


class ClaimDecision(StrEnum):
    APPROVED = "approved"
    ADJUSTED = "adjusted"  # approved with JP the verifier typed
    REJECTED = "rejected"


class CompetencyKind(StrEnum):
    """Competency kinds of Indonesian regulations (Peraturan LAN 10/2018)."""

    MANAJERIAL = "manajerial"
    SOSIAL_KULTURAL = "sosial_kultural"
    TEKNIS = "teknis"


class LearningForm(StrEnum):
    """The form of learning an employee prefers for a declared need."""

    KLASIKAL = "klasikal"
    E_LEARNING = "e_learning"
    WEBINAR = "webinar"
    COACHING = "coaching"  # coaching / mentoring

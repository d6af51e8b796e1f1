"""Messages of the admin's downloads, both languages side by side."""

from __future__ import annotations

ID: dict[str, str] = {
    # The participant list (its headers are read back by the attendance import).
    "participants.sheet": "Peserta",
    "participants.notes_sheet": "Keterangan",
    "participants.col.code": "Kode program",
    "participants.col.nip": "NIP",
    "participants.col.name": "Nama",
    "participants.col.opd": "OPD",
    "participants.col.status": "Status",
    "participants.col.queue": "Urutan",
    "participants.col.attended": "Hadir",
    "participants.col.program": "Program",
    "participants.status.enrolled": "terdaftar",
    "participants.status.waitlisted": "daftar tunggu",
    "participants.status.completed": "selesai",
    "participants.status.no_show": "tidak hadir",
    "participants.status.cancelled": "batal",
    "participants.yes": "ya",
    "participants.no": "tidak",
    "participants.how": "Isi kolom Hadir dengan ya atau tidak, lalu kirim berkas ini ke bot.",
}

EN: dict[str, str] = {
    "participants.sheet": "Participants",
    "participants.notes_sheet": "Notes",
    "participants.col.code": "Program code",
    "participants.col.nip": "NIP",
    "participants.col.name": "Name",
    "participants.col.opd": "OPD",
    "participants.col.status": "Status",
    "participants.col.queue": "Order",
    "participants.col.attended": "Attended",
    "participants.col.program": "Program",
    "participants.status.enrolled": "enrolled",
    "participants.status.waitlisted": "waiting list",
    "participants.status.completed": "completed",
    "participants.status.no_show": "absent",
    "participants.status.cancelled": "cancelled",
    "participants.yes": "yes",
    "participants.no": "no",
    "participants.how": "Fill in the Attended column with yes or no, then send this file to the bot.",
}

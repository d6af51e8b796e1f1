"""Messages of announcements (/umumkan) and their delivery reports, both languages side by
side. HTML parse mode; values are escaped by t()."""

ID: dict[str, str] = {
    "announce.author_gone": (
        "⛔ Pengumuman #{id} yang dijadwalkan tidak dikirim: akun Anda tidak lagi memegang peran "
        "admin untuk penerimanya. Hubungi superadmin BPSDM bila Anda masih memerlukan peran "
        "itu."
    ),
    "announce.compose": (
        "📣 <b>Pengumuman baru</b>\n"
        "Kirim isi pengumuman sebagai satu pesan: teks (tebal, miring, tautan, dan format "
        "lain dipertahankan), atau satu foto atau dokumen dengan keterangannya.\n"
        "Kirim /batal untuk berhenti."
    ),
    "announce.scope_note": "Sebagai admin OPD, pengumuman Anda hanya sampai ke pegawai {opd}.",
    "announce.choose_audience": "Kepada siapa pengumuman ini dikirim?",
    "announce.kind.all": "👥 Semua pegawai",
    "announce.kind.opd": "🏢 OPD tertentu",
    "announce.kind.behind": "📉 Pegawai di bawah target JP",
    "announce.kind.program": "🎓 Peserta sebuah program",
    "announce.kind.position": "🪪 Jenis jabatan",
    "announce.choose_position": "Pilih jenis jabatan:",
    "announce.position.struktural": "Struktural",
    "announce.position.fungsional": "Fungsional",
    "announce.position.pelaksana": "Pelaksana",
    "announce.choose_opds": "Pilih satu atau beberapa OPD (tekan lagi untuk membatalkan pilihan), lalu tekan <b>Selesai</b>.",
    "announce.opds_done": "➡️ Selesai ({count} dipilih)",
    "announce.opds_none": "Pilih paling sedikit satu OPD.",
    "announce.opds_max": "Paling banyak {max} OPD. Untuk lebih banyak, pilih Semua pegawai.",
    "announce.caption_too_long": (
        "Keterangan foto atau dokumen paling panjang {max} karakter (ini {length}). "
        "Persingkat lalu kirim lagi, atau kirim teksnya saja sebagai pesan."
    ),
    "announce.choose_program": "Pilih program; pengumuman dikirim ke pesertanya (terdaftar atau sudah selesai).",
    "announce.no_programs": "Belum ada program yang terbit. Kirim /batal, atau pilih penerima lain dengan /umumkan.",
    "announce.label.all": "semua pegawai",
    "announce.label.behind": "pegawai yang JP-nya di bawah target berjalan",
    "announce.label.opd": "pegawai OPD {opds}",
    "announce.label.program": "peserta program {program}",
    "announce.label.position": "pegawai dengan jabatan {position}",
    "announce.label.within": " di {opd}",
    "announce.preview_title": "👆 <b>Pratinjau</b>: pesan di atas persis seperti yang akan diterima.",
    "announce.audience": "Penerima: {label}",
    "announce.count": "• <b>{linked}</b> pegawai tertaut akan menerimanya",
    "announce.unlinked": (
        "• {unlinked} pegawai belum menautkan akun Telegram dan tidak akan menerimanya"
    ),
    "announce.paid_cost": (
        "• Siaran berbayar: {per} Stars per pesan, ± <b>{total} Stars</b> untuk {linked} penerima"
    ),
    "announce.scheduled_for": "🕒 Dijadwalkan: <b>{when}</b>",
    "announce.nobody": (
        "\n"
        "Tidak ada pegawai tertaut dalam kelompok ini. Tekan <b>👥 Ubah penerima</b> atau <b>🗑 "
        "Buang</b>."
    ),
    "announce.send_now": "✅ Kirim sekarang",
    "announce.send_scheduled": "✅ Jadwalkan pengiriman",
    "announce.schedule": "🕒 Atur jadwal",
    "announce.unlinked_file": "📄 Daftar yang belum tertaut (XLSX)",
    "announce.change_audience": "👥 Ubah penerima",
    "announce.discard": "🗑 Buang",
    "announce.discarded": "Draf pengumuman dibuang. Tidak ada yang dikirim.",
    "announce.ask_time": (
        "Kapan dikirim? Tulis tanggal dan jam ({zone}), misalnya <code>01/12/2026 08:00</code>, "
        "atau jam saja untuk hari ini, misalnya <code>15:30</code>."
    ),
    "announce.time_invalid": (
        "Waktu itu tidak dapat dibaca. Tulis seperti <code>01/12/2026 08:00</code> ({zone}) "
        "atau <code>15:30</code> untuk hari ini."
    ),
    "announce.time_past": "Waktu itu sudah lewat. Tulis waktu yang akan datang ({zone}).",
    "announce.time_far": "Jadwal paling lambat {days} hari dari sekarang. Tulis waktu yang lebih dekat.",
    "announce.created": "Pengumuman dibuat.",
    "announce.status.scheduled": "🕒 <b>Pengumuman #{id}</b>: terjadwal",
    "announce.status.sending": "📤 <b>Pengumuman #{id}</b>: sedang dikirim",
    "announce.status.done": "✅ <b>Pengumuman #{id}</b>: selesai",
    "announce.status.cancelled": "⛔ <b>Pengumuman #{id}</b>: dihentikan",
    "announce.status.when": "Dikirim mulai {when}",
    "announce.status.counts": (
        "Terkirim {sent} · gagal {failed} · memblokir bot {blocked} · sisa {remaining} "
        "(dari {total})"
    ),
    "announce.status.not_sent#one": "{count} pesan tidak dikirim karena pengiriman dihentikan.",
    "announce.status.not_sent#other": "{count} pesan tidak dikirim karena pengiriman dihentikan.",
    "announce.status.eta": "Perkiraan selesai dalam ± {eta}.",
    "announce.status.quiet": "Dijeda selama jam tenang; dilanjutkan pukul {time}.",
    "announce.status.unlinked#one": (
        "{count} pegawai dalam kelompok ini belum menautkan akun Telegram."
    ),
    "announce.status.unlinked#other": (
        "{count} pegawai dalam kelompok ini belum menautkan akun Telegram."
    ),
    "announce.stop": "⛔ Hentikan pengiriman",
    "announce.stopped": "Pengiriman dihentikan. Yang sudah terkirim tetap terkirim.",
    "announce.already_over": "Pengumuman ini sudah selesai atau sudah dihentikan.",
    "announce.retry": "🔁 Kirim ulang yang gagal ({count})",
    "announce.retrying#one": "{count} pesan yang gagal sedang dikirim ulang.",
    "announce.retrying#other": "{count} pesan yang gagal sedang dikirim ulang.",
    "announce.nothing_to_retry": "Tidak ada pesan gagal yang perlu dikirim ulang.",
    "announce.final": (
        "📣 <b>Laporan pengumuman #{id}</b>\n"
        "✅ Terkirim: <b>{sent}</b> dari {total}\n"
        "⚠️ Gagal: {failed}\n"
        "🚫 Memblokir bot: {blocked}\n"
        "📵 Belum menautkan Telegram: {unlinked}"
    ),
    "announce.sheet": "Belum tertaut",
    "announce.col.nip": "NIP",
    "announce.col.name": "Nama",
    "announce.col.opd": "OPD",
    "announce.col.unit": "Unit kerja",
    "announce.unlinked_caption#one": (
        "{count} pegawai belum menautkan akun Telegram. Teruskan daftar ini ke OPD "
        "masing-masing agar mereka membuka bot dan menekan 📱 Bagikan nomor HP."
    ),
    "announce.unlinked_caption#other": (
        "{count} pegawai belum menautkan akun Telegram. Teruskan daftar ini ke OPD "
        "masing-masing agar mereka membuka bot dan menekan 📱 Bagikan nomor HP."
    ),
}

EN: dict[str, str] = {
    "announce.author_gone": (
        "⛔ Scheduled announcement #{id} was not sent: your account no longer holds an admin "
        "role for its recipients. Contact a BPSDM superadmin if you still need that role."
    ),
    "announce.compose": (
        "📣 <b>New announcement</b>\n"
        "Send the announcement as one message: text (bold, italics, links and other "
        "formatting are kept), or one photo or document with its caption.\n"
        "Send /cancel to stop."
    ),
    "announce.scope_note": "As an OPD admin, your announcement reaches only the employees of {opd}.",
    "announce.choose_audience": "Who should receive this announcement?",
    "announce.kind.all": "👥 All employees",
    "announce.kind.opd": "🏢 Chosen OPDs",
    "announce.kind.behind": "📉 Employees behind the JP target",
    "announce.kind.program": "🎓 Participants of a program",
    "announce.kind.position": "🪪 Position type",
    "announce.choose_position": "Choose the position type:",
    "announce.position.struktural": "Structural",
    "announce.position.fungsional": "Functional",
    "announce.position.pelaksana": "Administrative",
    "announce.choose_opds": (
        "Choose one or more OPDs (tap again to unselect), then tap <b>Done</b>."
    ),
    "announce.opds_done": "➡️ Done ({count} chosen)",
    "announce.opds_none": "Choose at least one OPD.",
    "announce.opds_max": "At most {max} OPDs. For more, choose All employees.",
    "announce.caption_too_long": (
        "A photo or document caption can be at most {max} characters (this one has {length}). "
        "Shorten it and send it again, or send the text alone as a message."
    ),
    "announce.choose_program": "Choose a program; the announcement goes to its participants (enrolled or finished).",
    "announce.no_programs": "No program is published yet. Send /cancel, or choose other recipients with /announce.",
    "announce.label.all": "all employees",
    "announce.label.behind": "employees behind the pro-rated JP target",
    "announce.label.opd": "employees of {opds}",
    "announce.label.program": "participants of {program}",
    "announce.label.position": "employees in {position} positions",
    "announce.label.within": " in {opd}",
    "announce.preview_title": "👆 <b>Preview</b>: the message above is exactly what recipients will get.",
    "announce.audience": "Recipients: {label}",
    "announce.count": "• Linked employees who will receive it: <b>{linked}</b>",
    "announce.unlinked": "• Employees not linked to Telegram, who will not receive it: {unlinked}",
    "announce.paid_cost": (
        "• Paid broadcast: {per} Stars per message, about <b>{total} Stars</b> in all "
        "(recipients: {linked})"
    ),
    "announce.scheduled_for": "🕒 Scheduled: <b>{when}</b>",
    "announce.nobody": (
        "\n"
        "No linked employee is in this group. Tap <b>👥 Change recipients</b> or <b>🗑 "
        "Discard</b>."
    ),
    "announce.send_now": "✅ Send now",
    "announce.send_scheduled": "✅ Schedule it",
    "announce.schedule": "🕒 Set a time",
    "announce.unlinked_file": "📄 Not yet linked (XLSX)",
    "announce.change_audience": "👥 Change recipients",
    "announce.discard": "🗑 Discard",
    "announce.discarded": "Draft discarded. Nothing was sent.",
    "announce.ask_time": (
        "When should it go out? Write the date and time ({zone}), for example "
        "<code>01/12/2026 08:00</code>, or only a time for today, for example <code>15:30</code>."
    ),
    "announce.time_invalid": (
        "That time could not be read. Write it like <code>01/12/2026 08:00</code> ({zone}) "
        "or <code>15:30</code> for today."
    ),
    "announce.time_past": "That time has passed. Write a time in the future ({zone}).",
    "announce.time_far": "A schedule can be at most {days} days ahead. Write an earlier time.",
    "announce.created": "Announcement created.",
    "announce.status.scheduled": "🕒 <b>Announcement #{id}</b>: scheduled",
    "announce.status.sending": "📤 <b>Announcement #{id}</b>: sending",
    "announce.status.done": "✅ <b>Announcement #{id}</b>: finished",
    "announce.status.cancelled": "⛔ <b>Announcement #{id}</b>: stopped",
    "announce.status.when": "Sending starts {when}",
    "announce.status.counts": (
        "Sent {sent} · failed {failed} · blocked the bot {blocked} · left {remaining} "
        "(of {total})"
    ),
    "announce.status.not_sent#one": "{count} message was not sent because sending was stopped.",
    "announce.status.not_sent#other": "{count} messages were not sent because sending was stopped.",
    "announce.status.eta": "Expected to finish in about {eta}.",
    "announce.status.quiet": "Paused during quiet hours; resumes at {time}.",
    "announce.status.unlinked#one": (
        "{count} employee in this group has not linked a Telegram account."
    ),
    "announce.status.unlinked#other": (
        "{count} employees in this group have not linked a Telegram account."
    ),
    "announce.stop": "⛔ Stop sending",
    "announce.stopped": "Sending stopped. What was already sent stays sent.",
    "announce.already_over": "This announcement has already finished or was stopped.",
    "announce.retry": "🔁 Resend the failed ({count})",
    "announce.retrying#one": "{count} failed message is being sent again.",
    "announce.retrying#other": "{count} failed messages are being sent again.",
    "announce.nothing_to_retry": "There are no failed messages to send again.",
    "announce.final": (
        "📣 <b>Report of announcement #{id}</b>\n"
        "✅ Sent: <b>{sent}</b> of {total}\n"
        "⚠️ Failed: {failed}\n"
        "🚫 Blocked the bot: {blocked}\n"
        "📵 Not linked to Telegram: {unlinked}"
    ),
    "announce.sheet": "Not yet linked",
    "announce.col.nip": "NIP",
    "announce.col.name": "Name",
    "announce.col.opd": "OPD",
    "announce.col.unit": "Work unit",
    "announce.unlinked_caption#one": (
        "{count} employee has not linked a Telegram account. Pass this list on to their OPD so "
        "they open the bot and tap 📱 Share my phone number."
    ),
    "announce.unlinked_caption#other": (
        "{count} employees have not linked a Telegram account. Pass this list on to their OPDs "
        "so they open the bot and tap 📱 Share my phone number."
    ),
}

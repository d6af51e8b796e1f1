"""Messages shared by lists that page, the answer to an unknown command or link, and of
the user's own data (/privasi, /dataku, /hapusakun), both languages side by side. HTML
parse mode."""

ID: dict[str, str] = {
    "list.page": "Halaman {page} dari {pages}.",
    "command.unknown": "Perintah {command} tidak dikenal. Berikut perintah yang tersedia.",
    "cmd.privacy": "Data pribadi yang kami simpan",
    "privacy.text": (
        "🔒 <b>Data pribadi Anda (UU PDP No. 27/2022)</b>\n\n"
        "<b>Yang kami simpan</b>\n"
        "• Akun Telegram: ID Telegram, bahasa, pengaturan pengingat, riwayat penautan akun, "
        "dan percobaan kode tautan yang salah.\n"
        "• Data kepegawaian dari OPD Anda: NIP, nama, jabatan, unit, OPD, dan nomor HP.\n"
        "• Catatan JP, laporan pelatihan dengan berkas buktinya, pendaftaran program, "
        "kehadiran, evaluasi, sertifikat, dan kebutuhan belajar.\n"
        "Nomor HP yang Anda bagikan lewat tombol hanya dicocokkan, tidak disimpan.\n\n"
        "<b>Untuk apa</b>\n"
        "Menghitung JP Anda terhadap target tahunan, mendaftarkan Anda ke program, "
        "menerbitkan sertifikat, dan mengirim pengingat.\n\n"
        "<b>Berapa lama</b>\n"
        "Catatan JP, laporan, dan sertifikat adalah bagian dari riwayat kepegawaian Anda. "
        "Kami menyimpannya selama Anda tercatat sebagai pegawai. Data akun Telegram kami "
        "simpan sampai Anda menghapusnya.\n\n"
        "<b>Siapa yang melihat</b>\n"
        "Anda sendiri, admin OPD Anda, atasan Anda (capaian JP saja), dan admin BPSDM."
    ),
    "link.not_a_code": (
        "Tautan ini tidak berisi kode tautan yang sah. Minta kode baru kepada admin OPD Anda, "
        "atau tekan <b>Bagikan nomor HP</b>."
    ),
}

EN: dict[str, str] = {
    "list.page": "Page {page} of {pages}.",
    "command.unknown": "The command {command} is unknown. Here are the commands you can use.",
    "cmd.privacy": "The personal data we keep",
    "privacy.text": (
        "🔒 <b>Your personal data (Law 27/2022 on Personal Data Protection)</b>\n\n"
        "<b>What we keep</b>\n"
        "• Your Telegram account: Telegram ID, language, reminder settings, the history of "
        "account links, and wrong link-code attempts.\n"
        "• Your employee record from your OPD: NIP, name, position, unit, OPD and phone number.\n"
        "• JP records, training reports with their evidence files, program enrollments, "
        "attendance, evaluations, certificates and learning needs.\n"
        "A phone number you share with the button is only compared, never stored.\n\n"
        "<b>Why</b>\n"
        "To count your JP against the yearly target, enroll you in programs, issue "
        "certificates and send reminders.\n\n"
        "<b>How long</b>\n"
        "JP records, reports and certificates belong to your employment record. We keep them "
        "while you are on the staff roster. We keep your Telegram account data until you "
        "erase it.\n\n"
        "<b>Who sees it</b>\n"
        "You, your OPD admin, your supervisor (JP progress only) and the BPSDM admins."
    ),
    "link.not_a_code": (
        "This link holds no valid link code. Ask your OPD admin for a new code, "
        "or tap <b>Share my phone number</b>."
    ),
}

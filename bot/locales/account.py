"""Messages shared by lists that page, the answer to an unknown command or link, and of
the user's own data (/privasi, /dataku, /hapusakun), both languages side by side. HTML
parse mode."""

ID: dict[str, str] = {
    "list.page": "Halaman {page} dari {pages}.",
    "command.unknown": "Perintah {command} tidak dikenal. Berikut perintah yang tersedia.",
    "cmd.privacy": "Data pribadi yang kami simpan",
    "cmd.mydata": "Unduh semua data Anda",
    "cmd.erase": "Hapus data akun Telegram Anda",
    "mydata.caption_json": "📦 Semua data yang kami simpan tentang Anda dan akun Telegram Anda ({rows} baris), dalam format JSON.",
    "mydata.caption_xlsx": "📊 Data yang sama dalam bentuk tabel, satu lembar per jenis data.",
    "mydata.filename": "data-saya",
    "mydata.sheet.telegram_account": "Akun Telegram",
    "mydata.sheet.account_links": "Riwayat tautan",
    "mydata.sheet.link_attempts": "Percobaan kode",
    "mydata.sheet.checkin_attempts": "Percobaan presensi",
    "mydata.sheet.admin_roles": "Peran admin",
    "mydata.sheet.open_form": "Isian terbuka",
    "mydata.sheet.employee": "Data pegawai",
    "mydata.sheet.jp_records": "Catatan JP",
    "mydata.sheet.training_reports": "Laporan pelatihan",
    "mydata.sheet.enrollments": "Pendaftaran",
    "mydata.sheet.checkins": "Kehadiran",
    "mydata.sheet.evaluations": "Evaluasi",
    "mydata.sheet.certificates": "Sertifikat",
    "mydata.sheet.learning_needs": "Kebutuhan belajar",
    "erase.confirm": (
        "Hapus akun Telegram Anda dari layanan ini?\n\n"
        "Kami akan memutus tautan akun, lalu menghapus ID Telegram, bahasa, pengaturan "
        "pengingat, dan percobaan kode tautan Anda.\n\n"
        "Catatan JP, laporan pelatihan, pendaftaran, dan sertifikat tetap tersimpan. "
        "Data itu bagian dari riwayat kepegawaian Anda."
    ),
    "erase.yes": "🗑 Ya, hapus",
    "erase.no": "Batal",
    "erase.done": (
        "Data akun Telegram Anda sudah kami hapus. Catatan JP Anda tetap tersimpan dalam "
        "riwayat kepegawaian. Untuk memakai layanan ini lagi, kirim /start."
    ),
    "erase.cancelled": "Dibatalkan. Tidak ada data yang dihapus.",
    "erase.nothing": "Kami tidak menyimpan data akun Telegram Anda. Tidak ada yang perlu dihapus.",
    "privacy.text": (
        "🔒 <b>Data pribadi Anda (UU PDP No. 27/2022)</b>\n\n"
        "<b>Yang kami simpan</b>\n"
        "• Akun Telegram: ID Telegram, bahasa, pengaturan pengingat, riwayat penautan akun, dan "
        "percobaan kode tautan yang salah.\n"
        "• Data kepegawaian dari OPD Anda: NIP, nama, jabatan, unit, OPD, dan nomor HP.\n"
        "• Catatan JP, laporan pelatihan dengan berkas buktinya, pendaftaran program, "
        "kehadiran, evaluasi, sertifikat, dan kebutuhan belajar.\n"
        "Nomor HP yang Anda bagikan melalui tombol hanya dicocokkan, tidak disimpan.\n\n"
        "<b>Untuk apa</b>\n"
        "Menghitung JP Anda terhadap target tahunan, mendaftarkan Anda ke program, menerbitkan "
        "sertifikat, dan mengirim pengingat.\n\n"
        "<b>Berapa lama</b>\n"
        "Catatan JP, laporan, dan sertifikat adalah bagian dari riwayat kepegawaian Anda. Kami "
        "menyimpannya selama Anda tercatat sebagai pegawai. Data akun Telegram kami simpan "
        "sampai Anda menghapusnya dengan /hapusakun. Percobaan kode yang salah kami hapus "
        "setelah 30 hari.\n\n"
        "<b>Siapa yang melihat</b>\n"
        "Anda sendiri, admin OPD Anda, atasan Anda (capaian JP saja), dan admin BPSDM."
    ),
    "link.not_a_code": (
        "Tautan ini tidak berisi kode tautan yang sah. Minta kode baru kepada admin OPD Anda, "
        "atau tekan <b>📱 Bagikan nomor HP</b>."
    ),
}

EN: dict[str, str] = {
    "list.page": "Page {page} of {pages}.",
    "command.unknown": "The command {command} is unknown. Here are the commands you can use.",
    "cmd.privacy": "The personal data we keep",
    "cmd.mydata": "Download all your data",
    "cmd.erase": "Erase your Telegram account data",
    "mydata.caption_json": (
        "📦 Everything we keep about you and your Telegram account, as JSON (rows: {rows})."
    ),
    "mydata.caption_xlsx": "📊 The same data as tables, one sheet for each kind of data.",
    "mydata.filename": "my-data",
    "mydata.sheet.telegram_account": "Telegram account",
    "mydata.sheet.account_links": "Link history",
    "mydata.sheet.link_attempts": "Link-code attempts",
    "mydata.sheet.checkin_attempts": "Check-in attempts",
    "mydata.sheet.admin_roles": "Admin roles",
    "mydata.sheet.open_form": "Open form",
    "mydata.sheet.employee": "Employee record",
    "mydata.sheet.jp_records": "JP records",
    "mydata.sheet.training_reports": "Training reports",
    "mydata.sheet.enrollments": "Enrollments",
    "mydata.sheet.checkins": "Attendance",
    "mydata.sheet.evaluations": "Evaluations",
    "mydata.sheet.certificates": "Certificates",
    "mydata.sheet.learning_needs": "Learning needs",
    "erase.confirm": (
        "Erase your Telegram account from this service?\n\n"
        "We will unlink your account, then erase your Telegram ID, language, reminder "
        "settings and link-code attempts.\n\n"
        "Your JP records, training reports, enrollments and certificates stay. They belong "
        "to your employment record."
    ),
    "erase.yes": "🗑 Yes, erase",
    "erase.no": "Cancel",
    "erase.done": (
        "We have erased your Telegram account data. Your JP records stay in your "
        "employment record. To use this service again, send /start."
    ),
    "erase.cancelled": "Cancelled. Nothing was erased.",
    "erase.nothing": "We keep no Telegram account data of yours. There is nothing to erase.",
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
        "To count your JP against the yearly target, enroll you in programs, issue certificates "
        "and send reminders.\n\n"
        "<b>How long</b>\n"
        "JP records, reports and certificates belong to your employment record. We keep them "
        "while you are on the staff roster. We keep your Telegram account data until you erase "
        "it with /deleteaccount. Wrong codes you typed are deleted after 30 days.\n\n"
        "<b>Who sees it</b>\n"
        "You, your OPD admin, your supervisor (JP progress only) and the BPSDM admins."
    ),
    "link.not_a_code": (
        "This link holds no valid link code. Ask your OPD admin for a new code, or tap <b>📱 "
        "Share my phone number</b>."
    ),
}

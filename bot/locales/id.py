"""Bahasa Indonesia: the default language. HTML parse mode; placeholders are escaped by t()."""

MESSAGES: dict[str, str] = {
    # Main menu (reply keyboard) and buttons
    "menu.balance": "📊 Saldo JP",
    "menu.history": "📜 Riwayat JP",
    "menu.language": "🌐 Bahasa",
    "menu.help": "❓ Bantuan",
    "menu.placeholder": "Pilih menu di bawah…",
    "link.share_button": "📱 Bagikan nomor HP",
    "link.placeholder": "Tekan tombol Bagikan nomor HP",
    # Commands shown by Telegram (setMyCommands)
    "cmd.start": "Mulai dan tautkan akun",
    "cmd.balance": "Saldo JP tahun ini",
    "cmd.history": "Riwayat JP tahun-tahun sebelumnya",
    "cmd.language": "Ganti bahasa",
    "cmd.help": "Bantuan",
    "cmd.unlink": "Putuskan tautan akun",
    # Start and linking
    "start.welcome": (
        "Selamat datang di <b>Bot JP ASN Corpu</b> {organisation}.\n\n"
        "Setiap ASN berhak atas pengembangan kompetensi paling sedikit <b>20 JP</b> "
        "per tahun. Di sini Anda dapat melihat saldo dan riwayat JP Anda.\n\n"
        "Untuk memulai, tautkan akun Telegram Anda dengan data kepegawaian:\n"
        "• tekan <b>📱 Bagikan nomor HP</b> di bawah (nomor harus sama dengan yang "
        "terdaftar di OPD Anda), atau\n"
        "• ketik <b>kode tautan</b> dari admin OPD Anda (contoh: ABCDE-FGH23)."
    ),
    "start.welcome_back": "Halo, {name}! Akun Anda tertaut ke data kepegawaian ({opd}).",
    "link.linked": (
        "✅ Akun berhasil ditautkan.\nHalo, <b>{name}</b>! Yang paling sering dibuka ada di "
        "menu bawah: <b>📊 Saldo JP</b>, <b>🎓 Program</b>, dan <b>📝 Lapor pelatihan</b>."
    ),
    "link.already_linked": "Akun Anda sudah tertaut ke data {name}.",
    "link.account_has_other": (
        "Akun Telegram ini sudah tertaut ke data pegawai lain. Jika Anda ingin "
        "menggantinya, kirim /putus terlebih dahulu."
    ),
    "link.employee_taken": (
        "Data pegawai untuk nomor ini sudah tertaut ke akun Telegram lain. Jika itu bukan "
        "Anda atau Anda berganti akun, minta <b>kode tautan</b> kepada admin OPD Anda."
    ),
    "link.not_own_contact": (
        "Kontak itu bukan milik akun Anda. Demi keamanan, gunakan tombol "
        "<b>📱 Bagikan nomor HP</b> agar Telegram mengirim nomor Anda sendiri."
    ),
    "link.invalid_phone": (
        "Nomor HP Anda bukan nomor Indonesia yang kami kenali. Minta <b>kode tautan</b> "
        "kepada admin OPD Anda."
    ),
    "link.not_found": (
        "Nomor HP Anda belum terdaftar di data kepegawaian. Tidak ada data yang disimpan.\n"
        "Langkah berikutnya: minta admin OPD Anda memperbarui nomor HP Anda, atau minta "
        "<b>kode tautan</b> lalu ketik kode itu di sini."
    ),
    "link.ambiguous": (
        "Nomor HP ini terdaftar untuk lebih dari satu pegawai, sehingga kami tidak "
        "dapat menautkannya. Minta <b>kode tautan</b> kepada admin OPD Anda."
    ),
    "link.code_unknown": (
        "Kode tautan tidak dikenal. Periksa kembali kode dari admin OPD Anda "
        "(sisa percobaan: {attempts_left})."
    ),
    "link.code_expired": (
        "Kode tautan ini sudah kedaluwarsa. Minta kode baru kepada admin OPD Anda "
        "(sisa percobaan: {attempts_left})."
    ),
    "link.code_used": (
        "Kode tautan ini sudah pernah dipakai. Minta kode baru kepada admin OPD Anda "
        "(sisa percobaan: {attempts_left})."
    ),
    "link.rate_limited": (
        "Terlalu banyak percobaan kode yang salah. Demi keamanan, silakan coba lagi "
        "setelah pukul {time}."
    ),
    "link.rate_limited_global": (
        "Saat ini terlalu banyak percobaan kode tautan yang salah, sehingga kode "
        "tautan untuk sementara tidak diterima. Silakan coba lagi setelah pukul "
        "{time}, atau tekan <b>📱 Bagikan nomor HP</b>."
    ),
    "link.needed": (
        "Akun Anda belum tertaut ke data kepegawaian. Tekan <b>📱 Bagikan nomor HP</b> "
        "di bawah, atau ketik kode tautan dari admin OPD Anda."
    ),
    # Unlink
    "unlink.confirm": (
        "Putuskan tautan akun Telegram ini dari data kepegawaian Anda?\n\n"
        "Yang tetap disimpan: data kepegawaian dan seluruh catatan JP Anda (dikelola "
        "BPSDM/OPD). Yang dihapus: tautan antara akun Telegram ini dan data Anda."
    ),
    "unlink.yes": "Ya, putuskan",
    "unlink.no": "Batal",
    "unlink.done": (
        "Tautan akun sudah diputus. Catatan JP Anda tetap tersimpan. Anda dapat "
        "menautkan akun kembali kapan saja dengan /start."
    ),
    "unlink.cancelled": "Dibatalkan. Akun Anda tetap tertaut.",
    "unlink.not_linked": "Akun Telegram ini belum tertaut ke data kepegawaian. Untuk menautkannya, kirim /start.",
    # Language
    "language.choose": "Pilih bahasa / Choose a language:",
    "language.set": "Bahasa diubah ke bahasa Indonesia.",
    # Balance
    "balance.title": "📊 <b>Saldo JP {year}</b>",
    "balance.who": "{name} · {opd}",
    "balance.approved": "Disetujui: <b>{jp} JP</b>",
    "balance.target": "Target tahunan: {jp} JP",
    "balance.remaining": "Sisa menuju target: {jp} JP",
    "balance.expected": "Seharusnya tercapai s.d. {date}: {jp} JP",
    "balance.status.met": "Status: ✅ Target tercapai",
    "balance.status.on_track": "Status: 🟢 Sesuai jadwal",
    "balance.status.behind": "Status: ⚠️ Tertinggal {jp} JP",
    "balance.by_category": "<b>Per kategori</b>",
    "balance.by_source": "<b>Per sumber</b>",
    "balance.pending": "⏳ Menunggu verifikasi (belum dihitung): {jp} JP dari {count} catatan",
    "balance.latest": "<b>Catatan terbaru</b>",
    "balance.none": "Belum ada JP yang disetujui tahun ini.",
    "balance.line": "• {label}: {jp} JP",
    "balance.record": "• {date} · {title} · {jp} JP",
    # History
    "history.title": "📜 <b>Riwayat JP</b>",
    "history.empty": "Belum ada catatan JP dari tahun-tahun sebelumnya.",
    "history.year": "<b>{year}</b>: {jp} JP disetujui (target {target} JP) {mark}",
    "history.year_pending": "   ⏳ menunggu verifikasi: {jp} JP",
    "history.more#one": "   … dan {count} catatan lainnya",
    "history.more#other": "   … dan {count} catatan lainnya",
    "history.status.pending": "⏳",
    "history.status.rejected": "❌ ditolak",
    "history.truncated": "… (pesan dipotong karena terlalu panjang)",
    # Help, groups, errors
    "help.title": "<b>Bantuan Bot JP ASN Corpu</b>",
    "help.role.supervisor": "<b>Untuk atasan</b>",
    "help.role.opd_admin": "<b>Untuk admin OPD</b>",
    "help.role.superadmin": "<b>Untuk superadmin BPSDM</b>",
    "help.footer": (
        "JP dihitung per tahun kalender (WITA). Catatan yang masih menunggu verifikasi "
        "ditampilkan terpisah dan belum dihitung. Jika ada data yang keliru, hubungi "
        "admin OPD Anda."
    ),
    "group.private_only": (
        "Demi menjaga data pribadi, kami hanya melayani melalui percakapan pribadi. Silakan "
        "buka percakapan dengan bot ini: {link}"
    ),
    "group.open_button": "Buka percakapan pribadi",
    # Guided flows (/lapor, /umumkan): leaving and expiry
    "dialog.cancelled": "Dibatalkan. Tidak ada yang disimpan dari isian ini.",
    "dialog.nothing_to_cancel": "Tidak ada isian yang sedang berjalan.",
    "dialog.expired": (
        "Isian Anda sebelumnya sudah kedaluwarsa karena lama tidak dilanjutkan, "
        "sehingga kami menghapusnya. Silakan mulai dari awal."
    ),
    "dialog.unsupported": (
        "Jenis pesan itu tidak dapat dipakai di sini. Kirim teks, foto, atau dokumen "
        "sesuai langkah ini, atau kirim /batal untuk berhenti."
    ),
    "dialog.use_buttons": "Silakan pilih dengan tombol di atas, atau kirim /batal untuk berhenti.",
    # Superadmins manage OPD admins in Telegram
    "roles.menu_button": "👥 Admin OPD",
    "roles.title": "👥 <b>Admin OPD</b> (hanya superadmin yang dapat mengubah)",
    "roles.none": "Belum ada admin OPD.",
    "roles.line": "{n}. {name} · {opd}",
    "roles.suspended": (
        " · ⏸ ditangguhkan (tidak lagi tertaut ke pegawai ini atau pindah OPD; "
        "berikan kembali untuk mengaktifkannya)"
    ),
    "admin.identify_first": (
        "Sebelum memverifikasi laporan, tautkan akun ini ke data kepegawaian Anda "
        "(kirim /start, lalu tekan Bagikan nomor HP) agar laporan Anda sendiri tidak "
        "sampai kepada Anda. Tidak ada yang diubah."
    ),
    "roles.unlinked_account": "akun Telegram {id} (belum tertaut)",
    "roles.revoke_button": "❌ Cabut {n}. {name}",
    "roles.add_button": "➕ Tambah admin OPD",
    "roles.ask_nip": (
        "Kirim <b>NIP</b> pegawai yang akan menjadi admin OPD (18 digit angka). Ia "
        "menjadi admin OPD tempatnya bekerja, dan akun Telegram-nya harus sudah "
        "tertaut ke bot. Kirim /batal untuk berhenti."
    ),
    "roles.candidate.nip_invalid": (
        "NIP harus 18 digit angka. Periksa, lalu kirim lagi, atau kirim /batal untuk "
        "berhenti."
    ),
    "roles.candidate.not_found": (
        "Tidak ada pegawai aktif dengan NIP itu. Periksa, lalu kirim lagi, atau kirim "
        "/batal untuk berhenti."
    ),
    "roles.candidate.not_linked": (
        "{name} ({opd}) belum menautkan akun Telegram. Minta ia membuka bot ini dan "
        "menekan <b>📱 Bagikan nomor HP</b>, lalu coba lagi."
    ),
    "roles.candidate.already": "{name} sudah menjadi admin OPD {opd}.",
    "roles.confirm": "Jadikan <b>{name}</b> admin OPD <b>{opd}</b>?",
    "roles.confirm_button": "✅ Ya, jadikan admin",
    "roles.cancel_button": "↩️ Batal",
    "roles.granted": (
        "✅ Admin OPD {opd} ditambahkan. Kami sudah memberi tahu yang bersangkutan "
        "melalui bot."
    ),
    "roles.not_granted": (
        "Tidak ada yang diubah: pegawai itu tidak lagi tertaut ke bot, atau sudah "
        "memegang peran ini."
    ),
    "roles.revoke_confirm": (
        "Cabut peran admin OPD ini? Yang bersangkutan tidak dapat lagi membuka menu "
        "admin."
    ),
    "roles.revoke_yes": "❌ Ya, cabut",
    "roles.revoked": "✅ Peran admin OPD dicabut.",
    "roles.revoke_gone": "Peran itu sudah tidak ada. Tidak ada yang diubah.",
    "notice.role_granted": (
        "🛠 Anda sekarang <b>admin OPD {opd}</b> di bot ini. Kirim /admin untuk membuka menu admin."
    ),
    "fallback.unknown": "Maaf, kami tidak memahami pesan ini. Gunakan menu di bawah atau kirim /bantuan.",
    "callback.expired": "Tombol ini sudah tidak berlaku. Silakan buka kembali dari menu.",
    "error.generic": "Maaf, terjadi kesalahan di sisi kami. Silakan coba beberapa saat lagi. Bila tetap gagal, hubungi admin OPD Anda.",
    # Labels
    "category.kepemimpinan": "Kepemimpinan",
    "category.manajerial": "Manajerial",
    "category.teknis": "Teknis",
    "category.fungsional": "Fungsional",
    "category.sosial_kultural": "Sosial kultural",
    "category.seminar": "Seminar/konferensi",
    "category.workshop": "Workshop/lokakarya",
    "category.kursus": "Kursus",
    "category.bimtek": "Bimbingan teknis",
    "category.sosialisasi": "Sosialisasi",
    "category.e_learning": "E-learning",
    "category.pelatihan_jarak_jauh": "Pelatihan jarak jauh",
    "category.coaching": "Coaching",
    "category.mentoring": "Mentoring",
    "category.magang": "Magang/praktik kerja",
    "category.detasering": "Detasering",
    "category.pertukaran": "Pertukaran pegawai",
    "category.benchmarking": "Patok banding",
    "category.outbound": "Outbound",
    "category.belajar_mandiri": "Belajar mandiri",
    "category.komunitas_belajar": "Komunitas belajar",
    "category.bimbingan_kerja": "Bimbingan di tempat kerja",
    "category.lainnya": "Lainnya",
    "source.program": "Program ASN Corpu",
    "source.self_report": "Laporan mandiri",
    "source.import": "Data impor",
    # Console (asn-corpu-bot); plain text, no HTML
    "cli.no_token": (
        "TELEGRAM_BOT_TOKEN belum diisi, sehingga bot belum dapat dijalankan.\n"
        "Cara mendapatkannya: buka Telegram, cari @BotFather, kirim /newbot, lalu ikuti "
        "petunjuknya sampai Anda menerima token (contoh: 123456789:AAF...). Salin berkas "
        ".env.example menjadi .env di folder proyek dan isi baris TELEGRAM_BOT_TOKEN=<token "
        "Anda> (atau tetapkan variabel lingkungan TELEGRAM_BOT_TOKEN), lalu jalankan lagi `make "
        "run`. Ingin mencoba tanpa token? Jalankan `make demo`."
    ),
    "cli.migrations_pending#one": (
        "Skema basis data belum mutakhir ({count} migrasi belum dijalankan) dan "
        "AUTO_MIGRATE dimatikan. Jalankan `asn-corpu-bot db upgrade` terlebih dahulu, "
        "lalu jalankan kembali bot."
    ),
    "cli.migrations_pending#other": (
        "Skema basis data belum mutakhir ({count} migrasi belum dijalankan) dan "
        "AUTO_MIGRATE dimatikan. Jalankan `asn-corpu-bot db upgrade` terlebih dahulu, "
        "lalu jalankan kembali bot."
    ),
    "cli.db_unreachable": (
        "Basis data tidak dapat dihubungi ({backend}). Periksa DATABASE_URL di .env dan "
        "pastikan server basis data berjalan."
    ),
    "cli.db_upgraded": "Skema basis data sudah mutakhir (revisi {revision}).",
    "cli.file_not_found": "Berkas tidak ditemukan: {path}",
    "cli.nip_invalid": "NIP tidak valid: {reason}",
    "cli.nip_not_found": "Tidak ada pegawai dengan NIP tersebut di data kepegawaian.",
    "cli.link_code": (
        "Kode tautan untuk {name}: {code}\n"
        "Berlaku sampai {expires} dan hanya dapat dipakai sekali.\n"
        "Tautan langsung: {link}\n"
        "Berikan kode ini hanya kepada pegawai yang bersangkutan."
    ),
    "cli.link_code_no_username": (
        "Kode tautan untuk {name}: {code}\n"
        "Berlaku sampai {expires} dan hanya dapat dipakai sekali.\n"
        "Pegawai mengetik kode ini di percakapan dengan bot. (Isi BOT_USERNAME di .env agar "
        "tautan langsung t.me juga dicetak.)\n"
        "Berikan kode ini hanya kepada pegawai yang bersangkutan."
    ),
    "cli.demo_seeded": (
        "Data contoh ditambahkan: {opds} OPD, {employees} pegawai, {records} catatan JP.\n"
        "Pegawai contoh: {name}, NIP {nip}, nomor HP {phone}. Bagikan nomor itu di bot "
        "(atau buat kode dengan `asn-corpu-bot link-code {nip}`) untuk mencobanya."
    ),
    "cli.demo_present": "Data contoh sudah ada; tidak ada yang ditambahkan.",
    "cli.demo_size": "Jumlah pegawai contoh harus antara 1 dan 100.000.",
    "cli.unexpected": "Terjadi kesalahan tak terduga ({kind}). Jalankan lagi dengan LOG_LEVEL=DEBUG untuk mencatat jejak galatnya di log (nomor HP dan NIP disamarkan).",
    "cli.interrupted": "Dihentikan.",
    # Issue 13 (operations): program cards by eligibility, backup and restore.
    "program.not_for_you": (
        "Program ini tidak ditemukan atau tidak ditujukan untuk Anda. Lihat program "
        "lain di /program."
    ),
    "cli.backup_done": "Cadangan tersimpan: {path} ({size}, revisi skema {revision}); pemeriksaan integritas: baik.",
    "cli.restore_done": "Basis data {path} dipulihkan dari {source} (revisi skema {revision}); pemeriksaan integritas: baik.",
    "cli.restore_kept": "Basis data sebelumnya disimpan sebagai {path}.",
    "cli.restore_outdated": "Cadangan ini memakai skema yang lebih lama: jalankan asn-corpu-bot db upgrade (bot juga memperbaruinya saat mulai bila AUTO_MIGRATE=true).",
    "cli.backup_postgres": (
        "Basis data ini PostgreSQL: cadangkan dan pulihkan dengan alat PostgreSQL sendiri "
        "(kata sandi dari PGPASSWORD atau ~/.pgpass).\n"
        "  pg_dump --format=custom --file={file} '{url}'\n"
        "  pg_restore --clean --if-exists --no-owner --single-transaction --dbname='{url}' {file}\n"
        "Hentikan bot sebelum pg_restore."
    ),
    "cli.backup_not_a_file": "Pencadangan hanya untuk berkas SQLite atau PostgreSQL; periksa DATABASE_URL.",
    "cli.backup_problem.source_missing": "Berkas tidak ditemukan: {path}",
    "cli.backup_problem.same_file": "Berkas cadangan dan basis data adalah berkas yang sama: {path}",
    "cli.backup_problem.not_a_database": "{path} bukan basis data SQLite; tidak ada yang diubah.",
    "cli.backup_problem.damaged": "{path} rusak (pemeriksaan integritas gagal); tidak ada yang diubah.",
    "cli.backup_problem.no_revision": "{path} bukan cadangan bot ini (tidak ada revisi skema); tidak ada yang diubah.",
    "cli.backup_problem.newer_revision": "{path} berasal dari versi bot yang lebih baru; perbarui bot dahulu, lalu pulihkan lagi.",
    "cli.backup_problem.in_use": "Basis data sedang dibuka (bot atau perintah lain masih berjalan); hentikan dahulu, lalu pulihkan lagi. Tidak ada yang diubah.",
    "import.file_problem": "Berkas tidak dapat diimpor: {reason}",
    "import.summary_roster": (
        "{rows} baris dibaca: {created} pegawai baru, {updated} diperbarui, {unchanged} tidak "
        "berubah, {opds_created} OPD baru, {roles_suspended} peran admin OPD ditangguhkan (pindah "
        "OPD: berikan lagi di /admin untuk mengonfirmasi)."
    ),
    "import.summary_jp": (
        "{rows} baris dibaca: {created} catatan JP baru, {updated} diperbarui, {unchanged} sudah ada "
        "(termasuk {duplicates} baris ganda di berkas)."
    ),
    "import.dry_run_done": "Uji coba saja (--dry-run): tidak ada yang disimpan.",
    "import.applied": "Impor selesai dan tersimpan.",
    "import.skipped#one": "{count} baris bermasalah dilewati (--skip-invalid).",
    "import.skipped#other": "{count} baris bermasalah dilewati (--skip-invalid).",
    "import.rejected#one": (
        "Ditemukan {count} kesalahan; tidak ada yang disimpan. Perbaiki baris di bawah lalu "
        "impor ulang, atau pakai --skip-invalid untuk mengimpor baris yang benar saja."
    ),
    "import.rejected#other": (
        "Ditemukan {count} kesalahan; tidak ada yang disimpan. Perbaiki baris di bawah lalu "
        "impor ulang, atau pakai --skip-invalid untuk mengimpor baris yang benar saja."
    ),
    "import.errors_found#one": "Ditemukan {count} kesalahan:",
    "import.errors_found#other": "Ditemukan {count} kesalahan:",
    "import.error_line": "Baris {row}, kolom {column}: {message}",
    "import.more_errors#one": "…dan {count} kesalahan lain.",
    "import.more_errors#other": "…dan {count} kesalahan lain.",
    "import.error.file_type": "jenis berkas tidak didukung; gunakan .csv atau .xlsx.",
    "import.error.file_too_large": "berkas terlalu besar (paling besar 20 MB dan 200.000 baris).",
    "import.error.file_unreadable": (
        "berkas tidak dapat dibaca. Simpan ulang dari Excel sebagai \"CSV UTF-8\" atau .xlsx."
    ),
    "import.error.file_unpacked_too_large": (
        "isi berkas terlalu besar setelah dibuka (lebih dari 200 MB). Salin data ke "
        "buku kerja baru tanpa gambar atau lembar lain, lalu kirim ulang."
    ),
    "import.error.sheet_too_wide": (
        "lembar pertama memiliki lebih dari 64 kolom. Hapus kolom yang tidak dipakai "
        "(atau salin data ke lembar baru), lalu kirim ulang."
    ),
    "import.error.sheet_too_many_cells": (
        "lembar pertama memiliki terlalu banyak sel (lebih dari 4 juta). Hapus baris dan "
        "kolom kosong yang terformat (atau salin data ke lembar baru), lalu kirim ulang."
    ),
    "import.error.file_empty": "berkas kosong atau tidak memiliki baris judul kolom.",
    "import.error.missing_columns": "kolom wajib tidak ada: {columns}.",
    "import.error.ambiguous_columns": "kolom berikut muncul lebih dari sekali: {columns}.",
    "import.error.nip_empty": "NIP kosong.",
    "import.error.nip_numeric_cell": (
        "NIP tersimpan sebagai angka sehingga digitnya rusak; format kolom NIP sebagai Teks "
        "lalu ketik ulang."
    ),
    "import.error.nip_length": "NIP harus 18 digit angka.",
    "import.error.nip_birth_date": "8 digit pertama NIP bukan tanggal lahir yang valid.",
    "import.error.nip_tmt": (
        "digit 9–14 NIP bukan tahun dan bulan pengangkatan yang valid (paling cepat 17 tahun "
        "setelah tanggal lahir pada digit 1–8)."
    ),
    "import.error.nip_birth_future": "tanggal lahir pada NIP (digit 1–8) ada di masa depan; periksa NIP.",
    "import.error.nip_too_young": "tanggal lahir pada NIP (digit 1–8) berarti usia di bawah 17 tahun; periksa NIP.",
    "import.error.nip_tmt_future": "tahun pengangkatan pada NIP (digit 9–12) ada di masa depan; periksa NIP.",
    "import.error.nip_sex": "digit ke-15 NIP harus 1 (pria) atau 2 (wanita).",
    "import.error.nip_duplicate": "NIP yang sama muncul lebih dari sekali di berkas.",
    "import.error.supervisor_unknown": "NIP atasan tidak dikenal: tidak ada di data pegawai maupun di berkas ini.",
    "import.error.supervisor_cycle": "NIP atasan membuat lingkaran: pegawai ini menjadi atasan dari atasannya sendiri.",
    "import.error.name_empty": "nama kosong.",
    "import.error.name_too_long": "isi terlalu panjang.",
    "import.error.type_unknown": "jenis pegawai harus PNS, CPNS, atau PPPK.",
    "import.error.opd_empty": "nama OPD kosong.",
    "import.error.phone_invalid": (
        "nomor HP tidak valid; gunakan nomor seluler Indonesia, mis. 0812-3456-7890."
    ),
    "import.error.too_long": "isi terlalu panjang.",
    "import.error.nip_unknown": (
        "NIP tidak ada di data kepegawaian; impor data pegawai terlebih dahulu."
    ),
    "import.error.title_empty": "judul kegiatan kosong.",
    "import.error.category_empty": "kategori kosong.",
    "import.error.category_unknown": "kategori tidak dikenal (lihat daftar kategori di README).",
    "import.error.jp_empty": "jumlah JP kosong.",
    "import.error.jp_invalid": "jumlah JP harus berupa angka, mis. 12,5.",
    "import.error.jp_not_positive": "jumlah JP harus lebih dari 0.",
    "import.error.jp_too_large": "jumlah JP terlalu besar (paling banyak 999,99).",
    "import.error.jp_precision": "jumlah JP paling banyak dua angka di belakang koma.",
    "import.error.date_format": "format tanggal tidak dikenal; gunakan HH/BB/TTTT atau TTTT-BB-HH.",
    "import.error.date_invalid": "tanggal tidak ada di kalender.",
    "import.error.date_empty": "tanggal kosong.",
    "import.error.date_order": "tanggal selesai lebih awal dari tanggal mulai.",
    "import.error.date_future": "tanggal selesai belum terjadi.",
    "import.error.date_too_old": "tanggal mulai sebelum 1970; isi tanggal kegiatan yang sebenarnya.",
    "import.error.record_duplicate": (
        "NIP, judul, dan tanggal mulai (atau ref) yang sama muncul lebih dari sekali "
        "dengan isi berbeda; sisakan satu baris."
    ),
    "import.error.status_unknown": "status harus \"disetujui\" atau \"menunggu\".",
    # Programs (ASN Corpu)
    "menu.programs": "🎓 Program",
    "menu.mine": "🗂 Kegiatanku",
    "cmd.programs": "Program pelatihan yang dapat Anda ikuti",
    "cmd.mine": "Pendaftaran dan kegiatan Anda",
    "link.needed_short": (
        "Tautkan akun Anda terlebih dahulu: kirim /start, lalu tekan Bagikan nomor "
        "HP."
    ),
    "programs.title": "🎓 <b>Program ASN Corpu</b> untuk Anda",
    "programs.filtered": "Filter: {filters}",
    "programs.page": "Halaman {page} dari {pages}. Pilih program untuk melihat rinciannya.",
    "programs.none": (
        "Belum ada program mendatang yang sesuai. Silakan ubah filter, atau periksa "
        "kembali nanti."
    ),
    "programs.filter_category": "🏷 Kategori",
    "programs.filter_month": "🗓 Bulan",
    "programs.filter_clear": "✖️ Hapus filter",
    "programs.filter_all": "Semua",
    "programs.choose_category": "Pilih kategori:",
    "programs.choose_month": "Pilih bulan:",
    "program.title": "🎓 <b>{title}</b>",
    "program.meta": "Kode {code} · {category} · {method}",
    "program.jp": "Bobot: <b>{jp} JP</b>",
    "program.schedule": "<b>Jadwal</b>",
    "program.session": "• {date}, {start}–{end}",
    "program.more_sessions#one": "• …dan {count} sesi lagi",
    "program.more_sessions#other": "• …dan {count} sesi lagi",
    "program.place": "📍 Tempat: {place}",
    "program.online": "💻 Daring: {url}",
    "program.organiser": "Penyelenggara: {organiser}",
    "program.seats": "Kursi tersisa: <b>{left}</b> dari {quota}",
    "program.full": "Kuota penuh · daftar tunggu: {waiting} orang",
    "program.full_no_queue": "Kuota sudah terisi penuh.",
    "program.registration_opens": "Pendaftaran dibuka {when}",
    "program.registration_until": "Pendaftaran sampai {when}",
    "program.registration_closed": "Pendaftaran sudah ditutup.",
    "program.mine.enrolled": "✅ Anda terdaftar di program ini.",
    "program.mine.waitlisted": "⏳ Anda di daftar tunggu, urutan ke-{position}.",
    "program.mine.completed": "🎉 Anda telah menyelesaikan program ini.",
    "program.mine.cancelled": "Pendaftaran Anda sebelumnya dibatalkan.",
    "program.mine.no_show": "Anda tercatat tidak hadir di program ini.",
    "program.enroll_button": "✍️ Daftar",
    "program.waitlist_button": "⏳ Masuk daftar tunggu",
    "program.cancel_button": "❌ Batal",
    "program.calendar_button": "📅 Tambah ke kalender",
    "program.back_button": "⬅️ Kembali ke daftar",
    "program.calendar_caption": "Jadwal {title}. Buka berkas ini untuk menambahkannya ke kalender Anda.",
    "method.klasikal": "Klasikal",
    "method.e_learning": "E-learning",
    "method.blended": "Blended",
    "method.nonklasikal": "Nonklasikal",
    "refusal.not_available": "Program ini tidak tersedia lagi.",
    "refusal.cancelled": "Program ini dibatalkan.",
    "refusal.started": "Program ini sudah dimulai. Pendaftarannya sudah ditutup.",
    "refusal.not_eligible": (
        "Program ini khusus untuk peserta tertentu (OPD atau jenis jabatan), dan Anda "
        "tidak termasuk di dalamnya."
    ),
    "refusal.not_open_yet": "Pendaftaran program ini belum dibuka.",
    "refusal.closed": "Pendaftaran program ini sudah ditutup.",
    "enroll.enrolled": "✅ Pendaftaran berhasil. Sampai jumpa di kelas!",
    "enroll.enrolled_online": "✅ Pendaftaran berhasil. Tautan kelas daring ada di rincian program di bawah ini.",
    "enroll.waitlisted": "⏳ Kuota penuh. Anda masuk daftar tunggu, urutan ke-{position}. Kami akan memberi tahu Anda bila ada kursi yang kosong.",
    "enroll.already_enrolled": "Anda sudah terdaftar di program ini.",
    "enroll.already_waitlisted": "Anda sudah di daftar tunggu, urutan ke-{position}.",
    "enroll.already_completed": "Anda sudah menyelesaikan program ini.",
    "enroll.overlap": "⚠️ Jadwal program ini bentrok dengan program yang sudah Anda ikuti: {titles}. Tetap daftar?",
    "enroll.confirm_button": "Ya, tetap daftar",
    "cancel.ask": (
        "Batalkan pendaftaran Anda? Kursi Anda akan diberikan kepada pegawai "
        "berikutnya di daftar tunggu."
    ),
    "cancel.yes": "Ya, batalkan",
    "cancel.no": "Tidak",
    "cancel.cancelled": "Pendaftaran Anda dibatalkan.",
    "cancel.started": (
        "Program ini sudah dimulai, sehingga pendaftaran tidak dapat dibatalkan. "
        "Hubungi penyelenggara program."
    ),
    "cancel.not_enrolled": "Anda tidak terdaftar di program ini.",
    "mine.title": "🗂 <b>Kegiatanku</b>",
    "mine.none": (
        "Anda belum mendaftar program apa pun. Tekan <b>🎓 Lihat program</b> di bawah "
        "untuk memilih."
    ),
    "mine.browse_button": "🎓 Lihat program",
    "mine.line": "• {date} · {title} · {jp} JP — {status}",
    "mine.status.enrolled": "terdaftar",
    "mine.status.waitlisted": "daftar tunggu ke-{position}",
    "mine.status.completed": "selesai ✅",
    "balance.suggest_needs": "🎯 sesuai kebutuhan belajar yang Anda isi di /kebutuhan",
    "balance.suggest": "<b>Program yang dapat menutup kekurangan JP Anda</b>",
    "notice.seat_granted": "🎉 Ada kursi untuk Anda! Anda sekarang terdaftar di <b>{title}</b> ({when}). Lihat /kegiatanku.",
    "notice.program_cancelled": (
        "Mohon maaf, program <b>{title}</b> ({when}) dibatalkan oleh penyelenggara. "
        "Pendaftaran Anda ikut dibatalkan. Lihat program lain di /program."
    ),
    "notice.jp_credited": "🎓 Selamat! <b>{jp} JP</b> dari <b>{title}</b> sudah dicatat. Saldo JP Anda tahun ini: <b>{total} JP</b> dari target {target} JP.",
    "notice.jp_credited_short": "🎓 Selamat! <b>{jp} JP</b> dari <b>{title}</b> sudah dicatat.",
    # Admin: programs
    "admin.not_allowed": (
        "Menu ini khusus admin. Jika Anda admin, minta superadmin BPSDM menambahkan "
        "akun Telegram Anda."
    ),
    "admin.programs_title": "🛠 <b>Kelola program</b>",
    "admin.programs_none": "Belum ada program aktif. Untuk memuat program, hubungi operator sistem BPSDM.",
    "admin.programs_help": (
        "📝 draf · 🟢 terbit · angka = kursi terisi/kuota (+ daftar tunggu). Untuk "
        "mencatat kehadiran, kirim daftar peserta yang kolom Hadir-nya sudah diisi. "
        "Kirim /umumkan untuk pengumuman, /verifikasi untuk laporan pelatihan."
    ),
    "admin.program_meta": "Kode {code} · {status} · {jp} JP",
    "admin.program_when": "Mulai: {when}",
    "admin.program_registration": "Pendaftaran ditutup: {when}",
    "admin.program_counts": "Peserta: {taken}/{quota} · daftar tunggu {waiting} · selesai {completed} · tidak hadir {no_show}",
    "admin.status.draft": "draf",
    "admin.status.published": "terbit",
    "admin.status.cancelled": "dibatalkan",
    "admin.status.completed": "selesai",
    "admin.publish": "📣 Terbitkan",
    "admin.close": "🔒 Tutup pendaftaran",
    "admin.cancel": "⛔ Batalkan program",
    "admin.cancel_ask": "Batalkan program ini? Semua peserta dan daftar tunggu akan diberi tahu. Tindakan ini tidak dapat diurungkan.",
    "admin.cancel_yes": "Ya, batalkan program",
    "admin.download": "📥 Unduh peserta",
    "admin.attendance": "✅ Kehadiran",
    "admin.back": "⬅️ Kembali",
    "admin.action_not_allowed": (
        "Tindakan itu tidak berlaku untuk status program saat ini. Buka kembali "
        "program dari /admin."
    ),
    "admin.done.publish": (
        "📣 Program diterbitkan; pegawai yang sesuai kini dapat melihat dan mendaftar. "
        "{notified} pegawai yang membutuhkan kompetensinya diberi tahu lebih dahulu."
    ),
    "admin.done.close": "🔒 Pendaftaran ditutup.",
    "admin.done.cancel": "⛔ Program dibatalkan; {notified} orang diberi tahu.",
    "admin.download_caption": (
        "Peserta {title} ({count} orang). Isi kolom Hadir dengan ya atau tidak, lalu "
        "kirim kembali berkas ini ke sini."
    ),
    "admin.attendance_title": "✅ <b>Kehadiran {title}</b> (halaman {page} dari {pages})",
    "admin.attendance_none": "Belum ada peserta terdaftar.",
    "admin.attendance_help": "Tekan nama untuk menandai selesai (JP dicatat sekali), ❌ untuk tidak hadir.",
    "admin.mark.completed": "✅ Ditandai selesai; JP peserta dicatat.",
    "admin.mark.already": "Sudah tercatat sebelumnya. Tidak ada yang diubah.",
    "admin.mark.no_show": "❌ Ditandai tidak hadir.",
    "admin.mark.too_early": "Program belum dimulai; kehadiran baru dapat dicatat setelah program dimulai.",
    "admin.mark.not_found": "Peserta ini tidak lagi terdaftar. Tidak ada yang diubah.",
    "admin.file_not_expected": (
        "Berkas ini tidak dapat diproses. Untuk melaporkan pelatihan di luar ASN "
        "Corpu, kirim /lapor."
    ),
    "admin.file_problem": "Berkas tidak dapat diproses: {reason}",
    "admin.attendance_rejected#one": "Ditemukan {count} kesalahan; tidak ada kehadiran yang dicatat:",
    "admin.attendance_rejected#other": "Ditemukan {count} kesalahan; tidak ada kehadiran yang dicatat:",
    "admin.attendance_done": "Kehadiran dicatat: {completed} selesai (JP dicatat), {no_show} tidak hadir, {already} sudah tercatat sebelumnya, {skipped} baris belum diisi.",
    "import.error.program_code_empty": "kode program kosong.",
    "import.error.yes_no_unknown": "isi dengan ya atau tidak.",
    "import.error.attended_unknown": "isi kolom hadir dengan ya atau tidak.",
    "import.error.not_a_participant": "pegawai ini bukan peserta terdaftar program tersebut.",
    "import.error.program_not_started": "program belum dimulai.",
    "import.summary_programs": "{rows} baris dibaca: {created} program baru, {updated} diperbarui, {unchanged} tidak berubah.",
    "import.error.time_invalid": "jam tidak valid; gunakan JJ.MM, mis. 08.00.",
    "import.error.session_order": "waktu selesai sesi harus setelah waktu mulai.",
    "import.error.program_conflict": "berbeda dengan baris pertama program ini; kosongkan atau samakan.",
    "import.error.opd_unknown": "OPD sasaran tidak dikenal; tulis nama atau kode OPD persis seperti di data kepegawaian, pisahkan dengan titik koma.",
    "import.error.registration_after_start": "pendaftaran harus ditutup sebelum sesi pertama dimulai.",
    "import.error.quota_below_taken": "kuota lebih kecil dari jumlah peserta yang sudah terdaftar.",
    "import.error.session_has_checkins": (
        "berkas ini menghapus sesi yang sudah berisi presensi peserta. Cantumkan kembali "
        "sesi itu (waktunya boleh dikoreksi) agar presensinya tidak hilang."
    ),
    "import.error.program_closed": "program ini sudah dibatalkan atau selesai dan tidak dapat diubah.",
    "import.error.method_unknown": "metode harus klasikal, e-learning, blended, atau nonklasikal.",
    "import.error.quota_invalid": "kuota harus bilangan bulat 0 sampai 100.000.",
    "import.error.url_invalid": "tautan harus diawali http:// atau https://.",
    "import.error.position_type_unknown": (
        "jenis jabatan harus struktural, fungsional, atau pelaksana."
    ),
    "import.error.program_status_unknown": "status harus draf atau terbit.",
    "admin.finish": "🏁 Tandai program selesai",
    "admin.done.finish": "🏁 Program ditandai selesai dan keluar dari daftar aktif.",
    # Reminders
    "reminder.behind": "👋 Halo, {name}. JP Anda tahun ini baru <b>{approved} JP</b> dari target {target} JP; Anda tertinggal <b>{behind} JP</b> dari jadwal. Masih ada waktu sampai {end}.",
    "reminder.last_chance": "⏰ {name}, tahun JP berakhir {end}. JP Anda baru <b>{approved} JP</b> dari target {target} JP: kurang <b>{remaining} JP</b>. Ini kesempatan terakhir untuk mendaftar program.",
    "reminder.browse": "Lihat program yang tersedia: /program. Pengingat ini dapat dijeda di /pengaturan.",
    "reminder.session_eve": "📅 Pengingat: besok, {date} pukul {time}, sesi <b>{title}</b>.",
    "reminder.session_morning": "☀️ Hari ini pukul {time}: <b>{title}</b>. Selamat belajar!",
    # Preferences
    "cmd.settings": "Pengingat dan bahasa",
    "prefs.title": "⚙️ <b>Pengaturan</b>",
    "prefs.behind_on": "🔔 Pengingat JP mingguan: aktif (hanya bila Anda tertinggal dari target)",
    "prefs.behind_paused": "⏸ Pengingat JP mingguan: dijeda sampai Anda mengaktifkannya lagi",
    "prefs.behind_paused_until": "⏸ Pengingat JP mingguan: dijeda sampai {date}",
    "prefs.sessions_on": "🔔 Pengingat sesi pelatihan: aktif (sehari sebelum dan pagi hari)",
    "prefs.sessions_off": "🔕 Pengingat sesi pelatihan: nonaktif",
    "prefs.pause30": "⏸ Jeda pengingat JP 30 hari",
    "prefs.pause": "⏸ Jeda pengingat JP sampai diubah",
    "prefs.resume": "▶️ Aktifkan lagi pengingat JP",
    "prefs.sessions_turn_off": "🔕 Matikan pengingat sesi",
    "prefs.sessions_turn_on": "🔔 Aktifkan pengingat sesi",
    "prefs.language": "🌐 Bahasa",
    "prefs.saved": "Tersimpan.",
    "import.summary_holidays": "{rows} baris dibaca: {created} hari libur baru, {updated} diperbarui, {unchanged} tidak berubah.",
    # Compliance report (/rekap, asn-corpu-bot report); labels in files are plain text
    "cmd.report": "Rekap pemenuhan 20 JP (admin)",
    "report.sheet_summary": "Ringkasan",
    "report.sheet_employees": "Pegawai",
    "report.col.name": "OPD / unit",
    "report.col.employees": "Pegawai",
    "report.col.linked": "Tertaut Telegram",
    "report.col.met": "Memenuhi target",
    "report.col.met_pct": "% memenuhi",
    "report.col.average": "Rata-rata JP",
    "report.col.behind": "Tertinggal dari jadwal",
    "report.col.employee": "Nama",
    "report.col.unit": "Unit kerja",
    "report.col.position": "Jabatan",
    "report.col.type": "Jenis",
    "report.col.status": "Status",
    "report.status.met": "memenuhi",
    "report.status.on_track": "sesuai jadwal",
    "report.status.behind": "tertinggal",
    "report.chart_title": "Pegawai yang sudah memenuhi 20 JP per OPD, {year}",
    "report.chart_x": "% pegawai memenuhi target",
    "report.chart_expected": "Seharusnya tercapai s.d. hari ini: {pct}% dari target",
    "report.title": "📈 <b>Rekap pemenuhan JP {year}</b> (per {as_of})",
    "report.title_opd": "📈 <b>Rekap pemenuhan JP {year}: {opd}</b> (per {as_of})",
    "report.legend": "Kolom: pegawai · tertaut · memenuhi (%) · rata-rata JP · tertinggal",
    "report.totals": "Total: {employees} pegawai, {met} memenuhi target ({pct}%), {behind} tertinggal dari jadwal.",
    "report.sort_pct": "Urut: % memenuhi",
    "report.sort_name": "Urut: nama",
    "report.download": "📥 Unduh XLSX",
    "report.chart_caption": "Persentase pegawai yang memenuhi target per OPD, {year}.",
    "report.preparing": (
        "⏳ Berkas sedang disiapkan. Kami akan mengirimkannya ke sini sebentar lagi."
    ),
    "background.failed": (
        "Maaf, berkas gagal disiapkan. Silakan coba beberapa saat lagi. Bila tetap "
        "gagal, hubungi pengelola bot."
    ),
    "admin.attendance_failed": (
        "Maaf, berkas kehadiran gagal diperiksa. Silakan kirim ulang beberapa saat "
        "lagi. Bila tetap gagal, hubungi pengelola bot."
    ),
    "admin.attendance_preparing": (
        "⏳ Berkas kehadiran diterima dan sedang diperiksa. Kami akan mengirimkan "
        "hasilnya ke sini sebentar lagi."
    ),
    "audit.preparing": (
        "⏳ Jejak audit sedang disiapkan. Kami akan mengirimkannya ke sini sebentar "
        "lagi."
    ),
    "report.file_caption": "Rekap JP {year}: ringkasan dan daftar pegawai.",
    "report.not_allowed": (
        "Rekap hanya untuk admin BPSDM dan admin OPD. Jika Anda admin OPD, minta "
        "superadmin BPSDM menambahkan akun Telegram Anda."
    ),
    "report.written": "Rekap {year} ditulis ke {path} ({employees} pegawai).",
    "report.chart_written": "Grafik ditulis ke {path}.",
    "report.opd_unknown": "Kode OPD tidak dikenal: {code}",
    "report.year_invalid": "Tahun harus antara 2000 dan 2100.",
    "cli.admin_added": "Akun Telegram {id} sekarang admin ({opd}).",
    "cli.admin_exists": "Akun Telegram {id} sudah admin ({opd}); tidak ada yang diubah.",
    "cli.admin_removed#one": "{count} peran admin dicabut dari akun Telegram {id}.",
    "cli.admin_removed#other": "{count} peran admin dicabut dari akun Telegram {id}.",
    "cli.admins_none": "Belum ada admin. Tambahkan dengan asn-corpu-bot add-admin ID --super.",
    "cli.admin_line": "{id} · {role} · {opd}",
    "cli.audit_empty": "Jejak audit masih kosong.",
    "audit.button": "📜 Jejak audit (XLSX)",
    "audit.sheet": "Jejak audit",
    "audit.col.at": "Waktu",
    "audit.col.actor": "Oleh",
    "audit.col.action": "Tindakan",
    "audit.col.target": "Sasaran",
    "audit.col.details": "Rincian",
    "audit.caption#one": "Jejak audit: {count} catatan, terbaru di atas.",
    "audit.caption#other": "Jejak audit: {count} catatan, terbaru di atas.",
    "import.summary_rules": "{rows} baris dibaca: {created} aturan baru, {updated} diubah, {unchanged} tidak berubah. JP yang sudah disetujui tidak ikut berubah.",
    "import.error.unit_unknown": "satuan harus program, hari, sesi, kegiatan, atau jam.",
    "import.error.sessions_invalid": "batas sesi per bulan harus bilangan bulat 1 sampai 31.",
    "rule.step.program": "{quantity} JP program × {rate} = {jp} JP",
    "rule.step.day": "{quantity} hari × {rate} JP = {jp} JP",
    "rule.step.session": "{quantity} sesi × {rate} JP = {jp} JP",
    "rule.step.activity": "{quantity} kegiatan × {rate} JP = {jp} JP",
    "rule.step.hour": "{quantity} jam pelajaran × {rate} = {jp} JP",
    "rule.step.cap": "dibatasi {cap} JP per hari × {days} hari = {jp} JP",
    "admin.opd_menu": (
        "🛠 <b>Menu admin OPD</b>\n"
        "• /rekap: pemenuhan 20 JP di OPD Anda, per unit kerja, dengan grafik dan berkas XLSX.\n"
        "• /umumkan: kirim pengumuman ke pegawai OPD Anda, dengan laporan pengiriman.\n"
        "• /verifikasi: periksa laporan pelatihan pegawai OPD Anda."
    ),
}

"""Messages of planning from needs (/kebutuhan, the demand report, the planning window's
notices), both languages side by side. HTML parse mode."""

ID: dict[str, str] = {
    "cmd.needs": "Kebutuhan belajar Anda tahun ini",
    # /kebutuhan
    "needs.title": "🎯 <b>Kebutuhan belajar {year}</b>",
    "needs.intro": "Pilih paling banyak 3 kompetensi yang Anda butuhkan tahun ini. BPSDM menyusun program dari kebutuhan ini.",
    "needs.open_until": "Dapat diisi dan diubah sampai {date}.",
    "needs.closed": "Masa pengisian: {opens} s.d. {closes}. Saat ini tidak dapat diubah.",
    "needs.none": "Anda belum mengisi kebutuhan belajar.",
    "needs.line": "{priority}. <b>{name}</b> ({code})",
    "needs.line_form": "   Bentuk: {form}",
    "needs.line_reason": "   Alasan: {reason}",
    "needs.retired": " — <i>kompetensi dihentikan</i>",
    "needs.add": "➕ Tambah kebutuhan",
    "needs.up": "⬆️ {priority}",
    "needs.drop": "🗑 {priority}",
    "needs.back": "◀️ Kembali",
    "needs.choose": "Pilih jenis kompetensi, atau ketik beberapa huruf untuk mencari (contoh: <i>keuangan</i>). Kirim /batal untuk berhenti.",
    "needs.kind_page": "Kompetensi <b>{kind}</b> (halaman {page} dari {pages}):",
    "needs.kind_empty": "Belum ada kompetensi {kind} di katalog.",
    "needs.found": "Hasil pencarian \"{words}\":",
    "needs.not_found": "Tidak ada kompetensi yang cocok dengan \"{words}\". Coba kata lain, atau pilih jenis kompetensi.",
    "needs.search_short": "Ketik paling sedikit 2 huruf.",
    "needs.ask_form": "<b>{name}</b>\nBentuk pembelajaran apa yang Anda sukai?",
    "needs.no_preference": "Tidak ada preferensi",
    "needs.ask_reason": (
        "Tersimpan: <b>{name}</b>.\n"
        "Ketik alasan singkat (paling banyak 200 karakter), atau tekan Lewati."
    ),
    "needs.skip": "Lewati",
    "needs.saved": "Kebutuhan tersimpan.",
    "needs.reason_saved": "Alasan tersimpan.",
    "needs.moved": "Urutan diubah.",
    "needs.withdrawn": "Kebutuhan dihapus.",
    "needs.type_letters": "Ketik beberapa huruf nama kompetensi, atau pilih dengan tombol.",
    "needs.refused.closed": (
        "Masa pengisian kebutuhan sedang ditutup. Tidak ada yang diubah. Kami akan memberi tahu "
        "Anda saat masa pengisian dibuka."
    ),
    "needs.refused.unknown": (
        "Kompetensi ini tidak ada di katalog. Tidak ada yang diubah. Pilih kompetensi lain."
    ),
    "needs.refused.retired": (
        "Kompetensi ini sudah dihentikan dan tidak dapat dipilih lagi. Tidak ada yang diubah. "
        "Pilih kompetensi lain."
    ),
    "needs.refused.too_many": (
        "Anda sudah memilih 3 kebutuhan. Hapus salah satu terlebih dahulu dengan tombol 🗑."
    ),
    "needs.refused.not_declared": "Kebutuhan ini sudah tidak ada dalam daftar Anda. Tidak ada yang diubah.",
    "form.klasikal": "Klasikal",
    "form.e_learning": "E-learning",
    "form.webinar": "Webinar",
    "form.coaching": "Coaching/mentoring",
    "competency_kind.manajerial": "Manajerial",
    "competency_kind.sosial_kultural": "Sosial kultural",
    "competency_kind.teknis": "Teknis",
    # /saldo
    # Through the outbox: the window opened, closes in two weeks; a matching program.
    "needs.notice.invite": (
        "🎯 <b>Kebutuhan belajar {year}</b>\n"
        "BPSDM menyusun program pelatihan tahun ini dari kebutuhan pegawai. Pilih paling banyak "
        "tiga kompetensi yang Anda perlukan untuk pekerjaan Anda melalui /kebutuhan, paling "
        "lambat {closes}."
    ),
    "needs.notice.reminder": (
        "🎯 Anda belum mengisi kebutuhan belajar {year}. Pengisian ditutup {closes}. Pilih "
        "paling banyak tiga kompetensi melalui /kebutuhan; hanya perlu satu menit."
    ),
    "needs.notice.program": (
        "🎯 Program baru yang sesuai kebutuhan belajar Anda ({needs}): <b>{title}</b>. "
        "Buka rinciannya dan daftar melalui tombol di bawah."
    ),
    "balance.needs": "🎯 Kebutuhan Anda: {needs}",
    # the competency import
    "import.summary_competencies": "{rows} baris dibaca: {created} kompetensi baru, {updated} diperbarui, {unchanged} tidak berubah.",
    "import.error.code_empty": "kode kosong.",
    "import.error.code_duplicate": "kode ini muncul lebih dari sekali di berkas.",
    "import.error.competency_kind_empty": "jenis kompetensi kosong.",
    "import.error.competency_kind_unknown": "jenis harus manajerial, sosial kultural, atau teknis.",
    "import.error.competency_status_unknown": "status harus aktif atau pensiun.",
    "import.error.competency_unknown": "kode kompetensi tidak ada di katalog.",
    "import.error.competency_retired": "kompetensi ini sudah dihentikan.",
    # the planning window (console)
    "needs.window_set": "Masa pengisian kebutuhan {year}: {opens} s.d. {closes}.",
    "needs.window_invalid": "Tanggal tutup tidak boleh sebelum tanggal buka.",
    # the demand (admins)
    "demand.open": "🎯 Permintaan kompetensi",
    "demand.title": "🎯 <b>Permintaan kompetensi {year}</b> (semua OPD)",
    "demand.title_opd": "🎯 <b>Permintaan kompetensi {year}</b>: {opd}",
    "demand.units": "Unit: {units}",
    "demand.no_unit": "tanpa unit",
    "demand.legend": "Pegawai yang meminta · OPD asal · tertinggal dari target berjalan",
    "demand.candidate_rule": "★ calon program massal: diminta di paling sedikit {opds} OPD.",
    "demand.line": "{mark}<b>{name}</b> ({code}){retired}: {employees} pegawai · {opds} OPD · {behind} tertinggal",
    "demand.retired_mark": " <i>(dihentikan)</i>",
    "demand.retired": "dihentikan",
    "demand.empty": "Belum ada kebutuhan yang diisi.",
    "demand.more#one": "…dan {count} kompetensi lain (lihat berkas XLSX).",
    "demand.more#other": "…dan {count} kompetensi lain (lihat berkas XLSX).",
    "demand.coverage": "📦 Ketersediaan program",
    "demand.coverage_title": "📦 <b>Ketersediaan program untuk permintaan {year}</b>",
    "demand.covered": "✅ <b>{name}</b>: {employees} peminat; program {programs}; {seats} kursi kosong",
    "demand.missing": "❗ <b>{name}</b>: {employees} peminat; belum ada program",
    "demand.chart_caption": "Permintaan kompetensi {year}",
    "demand.chart_x": "Pegawai yang meminta",
    "demand.chart_title": "Permintaan kompetensi {year} (oranye: diminta di ≥ {opds} OPD)",
    "demand.file_caption": "Permintaan kompetensi {year}",
    "demand.sheet_summary": "Ringkasan",
    "demand.sheet_coverage": "Ketersediaan",
    "demand.sheet_needs": "Kebutuhan",
    "demand.col.code": "Kode",
    "demand.col.competency": "Kompetensi",
    "demand.col.kind": "Jenis",
    "demand.col.employees": "Pegawai",
    "demand.col.behind": "Tertinggal",
    "demand.col.behind_one": "Tertinggal",
    "demand.col.candidate": "Calon massal",
    "demand.col.retired": "Dihentikan",
    "demand.col.programs": "Program terbit",
    "demand.col.free_seats": "Kursi kosong",
    "demand.col.priority": "Prioritas",
    "demand.col.form": "Bentuk",
    "demand.col.reason": "Alasan",
    "demand.yes": "ya",
    "demand.written": "Laporan kebutuhan {year} ditulis ke {path}: {needs} kebutuhan.",
}

EN: dict[str, str] = {
    "cmd.needs": "Your learning needs this year",
    "needs.title": "🎯 <b>Learning needs {year}</b>",
    "needs.intro": "Choose up to 3 competencies you need this year. BPSDM plans its programs from these needs.",
    "needs.open_until": "You can fill in and change them until {date}.",
    "needs.closed": "Planning window: {opens} to {closes}. They cannot be changed now.",
    "needs.none": "You have not declared any needs yet.",
    "needs.line": "{priority}. <b>{name}</b> ({code})",
    "needs.line_form": "   Form: {form}",
    "needs.line_reason": "   Reason: {reason}",
    "needs.retired": " — <i>competency retired</i>",
    "needs.add": "➕ Add a need",
    "needs.up": "⬆️ {priority}",
    "needs.drop": "🗑 {priority}",
    "needs.back": "◀️ Back",
    "needs.choose": "Choose a kind of competency, or type a few letters to search (for example <i>finance</i>). Send /cancel to stop.",
    "needs.kind_page": "<b>{kind}</b> competencies (page {page} of {pages}):",
    "needs.kind_empty": "The catalogue has no {kind} competencies yet.",
    "needs.found": "Search results for \"{words}\":",
    "needs.not_found": "No competency matches \"{words}\". Try other words, or choose a kind.",
    "needs.search_short": "Type at least 2 letters.",
    "needs.ask_form": "<b>{name}</b>\nWhich form of learning do you prefer?",
    "needs.no_preference": "No preference",
    "needs.ask_reason": (
        "Saved: <b>{name}</b>.\n"
        "Type a short reason (at most 200 characters), or tap Skip."
    ),
    "needs.skip": "Skip",
    "needs.saved": "Need saved.",
    "needs.reason_saved": "Reason saved.",
    "needs.moved": "Order changed.",
    "needs.withdrawn": "Need removed.",
    "needs.type_letters": "Type a few letters of a competency's name, or choose with the buttons.",
    "needs.refused.closed": (
        "The planning window is closed. Nothing was changed. We will let you know when it "
        "opens."
    ),
    "needs.refused.unknown": (
        "This competency is not in the catalogue. Nothing was changed. Choose another "
        "competency."
    ),
    "needs.refused.retired": (
        "This competency was retired and can no longer be chosen. Nothing was changed. Choose "
        "another competency."
    ),
    "needs.refused.too_many": (
        "You have already chosen 3 needs. Remove one first with its 🗑 button."
    ),
    "needs.refused.not_declared": "This need is no longer on your list. Nothing was changed.",
    "form.klasikal": "Classroom",
    "form.e_learning": "E-learning",
    "form.webinar": "Webinar",
    "form.coaching": "Coaching/mentoring",
    "competency_kind.manajerial": "Managerial",
    "competency_kind.sosial_kultural": "Socio-cultural",
    "competency_kind.teknis": "Technical",
    "needs.notice.invite": (
        "🎯 <b>Learning needs {year}</b>\n"
        "BPSDM plans this year's training from what employees need. Choose up to three "
        "competencies you need for your work with /needs, by {closes} at the latest."
    ),
    "needs.notice.reminder": (
        "🎯 You have not declared your learning needs for {year} yet. Declaring closes on "
        "{closes}. Choose up to three competencies with /needs; it takes a minute."
    ),
    "needs.notice.program": (
        "🎯 A new program matches your learning needs ({needs}): <b>{title}</b>. Open its "
        "details and enroll with the button below."
    ),
    "balance.needs": "🎯 Your needs: {needs}",
    "import.summary_competencies": (
        "Rows read: {rows}. New competencies: {created}, updated: {updated}, unchanged: "
        "{unchanged}."
    ),
    "import.error.code_empty": "the code is empty.",
    "import.error.code_duplicate": "this code appears more than once in the file.",
    "import.error.competency_kind_empty": "the kind of competency is empty.",
    "import.error.competency_kind_unknown": "the kind must be manajerial, sosial kultural or teknis.",
    "import.error.competency_status_unknown": "the status must be aktif or pensiun.",
    "import.error.competency_unknown": "this competency code is not in the catalogue.",
    "import.error.competency_retired": "this competency was retired.",
    "needs.window_set": "Planning window {year}: {opens} to {closes}.",
    "needs.window_invalid": "The closing date cannot be before the opening date.",
    "demand.open": "🎯 Competency demand",
    "demand.title": "🎯 <b>Competency demand {year}</b> (every OPD)",
    "demand.title_opd": "🎯 <b>Competency demand {year}</b>: {opd}",
    "demand.units": "Units: {units}",
    "demand.no_unit": "no unit",
    "demand.legend": "Employees asking · OPDs they come from · behind the pro-rated target",
    "demand.candidate_rule": (
        "★ mass-program candidate: the number of OPDs asking for it is at least {opds}."
    ),
    "demand.line": (
        "{mark}<b>{name}</b> ({code}){retired}: {employees} asking · OPDs: {opds} · behind: "
        "{behind}"
    ),
    "demand.retired_mark": " <i>(retired)</i>",
    "demand.retired": "retired",
    "demand.empty": "No needs have been declared yet.",
    "demand.more#one": "…and {count} more competency (see the XLSX file).",
    "demand.more#other": "…and {count} more competencies (see the XLSX file).",
    "demand.coverage": "📦 Program coverage",
    "demand.coverage_title": "📦 <b>Programs for the demand of {year}</b>",
    "demand.covered": (
        "✅ <b>{name}</b>: {employees} asking; programs {programs}; free seats: {seats}"
    ),
    "demand.missing": "❗ <b>{name}</b>: {employees} asking; no program yet",
    "demand.chart_caption": "Competency demand {year}",
    "demand.chart_x": "Employees asking",
    "demand.chart_title": "Competency demand {year} (orange: OPDs asking ≥ {opds})",
    "demand.file_caption": "Competency demand {year}",
    "demand.sheet_summary": "Summary",
    "demand.sheet_coverage": "Coverage",
    "demand.sheet_needs": "Needs",
    "demand.col.code": "Code",
    "demand.col.competency": "Competency",
    "demand.col.kind": "Kind",
    "demand.col.employees": "Employees",
    "demand.col.behind": "Behind",
    "demand.col.behind_one": "Behind",
    "demand.col.candidate": "Mass candidate",
    "demand.col.retired": "Retired",
    "demand.col.programs": "Published programs",
    "demand.col.free_seats": "Free seats",
    "demand.col.priority": "Priority",
    "demand.col.form": "Form",
    "demand.col.reason": "Reason",
    "demand.yes": "yes",
    "demand.written": "Needs report {year} written to {path} (needs: {needs}).",
}

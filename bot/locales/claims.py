"""Messages of the claims feature, both languages side by side. HTML parse mode."""

ID: dict[str, str] = {
    "cmd.claim": "Lapor pelatihan di luar ASN Corpu",
    # /lapor: the steps
    "claim.start": (
        "📝 <b>Lapor pengembangan kompetensi</b>\n"
        "Laporkan pelatihan atau kegiatan belajar yang Anda ikuti di luar program ASN Corpu. "
        "Siapkan foto atau PDF sertifikatnya. Kirim /batal kapan saja untuk berhenti.\n\n"
        "Pilih jenis kegiatan:"
    ),
    "claim.group.k": "🏫 Klasikal (pelatihan, seminar, workshop, …)",
    "claim.group.n": "💻 Nonklasikal (e-learning, coaching, magang, …)",
    "claim.choose.k": "Pilih jenis kegiatan <b>klasikal</b>:",
    "claim.choose.n": "Pilih jenis kegiatan <b>nonklasikal</b>:",
    "claim.back": "◀️ Kembali",
    "claim.chosen": "Jenis kegiatan: <b>{category}</b>",
    "claim.stale": "Tombol ini sudah tidak berlaku (isian sudah berlanjut, selesai, atau dibatalkan). Tidak ada yang diubah.",
    "claim.ask_title": "Ketik <b>nama kegiatan</b> seperti tertulis di sertifikat.",
    "claim.ask_organiser": "Ketik <b>penyelenggara</b> kegiatan (instansi atau lembaga).",
    "claim.ask_start": (
        "Kapan kegiatan <b>dimulai</b>? Contoh: <code>03/11/2026</code>, "
        "<code>2026-11-03</code> atau <code>3 November 2026</code>."
    ),
    "claim.ask_end": (
        "Kapan kegiatan <b>selesai</b>? Untuk kegiatan satu hari, ketik tanggal yang sama."
    ),
    "claim.ask_scope": "Kegiatan ini berskala nasional atau internasional?",
    "claim.scope.national": "🇮🇩 Nasional",
    "claim.scope.international": "🌏 Internasional",
    "claim.scope_chosen": "Skala: <b>{scope}</b>",
    "claim.ask_quantity.program": (
        "Berapa <b>JP</b> yang tertulis di sertifikat? Contoh: <code>24</code> atau "
        "<code>12,5</code>."
    ),
    "claim.ask_quantity.day": (
        "Berapa <b>hari</b> kegiatan berlangsung? Angka bulat, paling banyak {days} "
        "(sesuai tanggal)."
    ),
    "claim.ask_quantity.session": (
        "Berapa <b>sesi</b> yang Anda ikuti? Angka bulat, paling banyak {days} (satu sesi "
        "per hari)."
    ),
    "claim.ask_quantity.hour": (
        "Berapa <b>jam pelajaran</b> (1 JP = 45 menit)? Contoh: <code>6</code> atau "
        "<code>2,5</code>."
    ),
    "claim.ask_quantity.activity": "Kegiatan ini dihitung per kegiatan.",
    "claim.expect_text": (
        "Pada langkah ini, jawab dengan mengetik teks, atau kirim /batal untuk berhenti."
    ),
    "claim.proposal": "Usulan: <b>{jp} JP</b>\nCara menghitung:",
    "claim.step_line": "• {step}",
    "claim.duplicate_warning": (
        "⚠️ Tampaknya kegiatan ini sudah tercatat (judul, jenis, dan tanggal yang sama). Anda "
        "tetap dapat mengirimkannya; verifikator akan melihat tanda ini."
    ),
    "claim.same_evidence_warning": (
        "⚠️ Berkas bukti ini sudah dipakai untuk laporan lain. Anda tetap dapat mengirimkannya; "
        "verifikator akan melihat tanda ini."
    ),
    "claim.ask_evidence": (
        "Kirim <b>bukti</b>: foto sertifikat, atau berkas PDF (paling besar {max} MB)."
    ),
    "claim.evidence.photo": "foto",
    "claim.evidence.document": "PDF",
    "claim.unit.program": "JP (sertifikat)",
    "claim.unit.day": "hari",
    "claim.unit.session": "sesi",
    "claim.unit.activity": "kegiatan",
    "claim.unit.hour": "jam pelajaran",
    "claim.summary.title": "<b>Periksa laporan Anda</b>",
    "claim.summary.category": "Jenis: {category}",
    "claim.summary.name": "Kegiatan: <b>{title}</b>",
    "claim.summary.organiser": "Penyelenggara: {organiser}",
    "claim.summary.dates": "Tanggal: {dates}",
    "claim.summary.scope": "Skala: {scope}",
    "claim.summary.quantity": "Jumlah: {quantity} {unit}",
    "claim.summary.jp": "Usulan JP: <b>{jp} JP</b>",
    "claim.summary.evidence": "Bukti: {kind} ✓",
    "claim.summary.confirm": "Kirim untuk diverifikasi admin?",
    "claim.confirm.yes": "✅ Kirim",
    "claim.confirm.no": "✖️ Batal",
    "claim.submitted": (
        "✅ Laporan terkirim dan <b>menunggu verifikasi</b> admin. Usulan {jp} JP tampil di "
        "/saldo sebagai menunggu verifikasi dan belum dihitung sampai disetujui. Kami akan "
        "memberi tahu Anda hasilnya."
    ),
    "claim.submitted_duplicate": "Laporan ini ditandai sebagai kemungkinan duplikat untuk diperiksa verifikator.",
    "claim.not_sent": "Laporan tidak dikirim. Silakan mulai lagi dengan /lapor.",
    "claim.jp_changed": (
        "ℹ️ Aturan konversi JP berubah sejak ringkasan tadi. Usulan sekarang <b>{jp} JP</b> "
        "(sebelumnya {shown} JP). Laporan <b>belum dikirim</b>: periksa kembali, lalu tekan "
        "<b>✅ Kirim</b> bila Anda setuju."
    ),
    # /lapor: what was wrong with an answer
    "claim.error.text_too_short": "Terlalu pendek: tulis paling sedikit {min} karakter.",
    "claim.error.text_too_long": "Terlalu panjang ({length} karakter): paling banyak {max} karakter. Silakan persingkat.",
    "claim.error.date_format": (
        "Tanggal tidak dikenali. Tulis misalnya <code>03/11/2026</code>, "
        "<code>2026-11-03</code> atau <code>3 November 2026</code>."
    ),
    "claim.error.date_invalid": "Tanggal itu tidak ada di kalender. Periksa hari dan bulannya.",
    "claim.error.date_future": "Tanggal tidak boleh setelah hari ini ({today}). Laporkan kegiatan yang sudah berlangsung.",
    "claim.error.end_before_start": (
        "Tanggal selesai tidak boleh sebelum tanggal mulai ({start}). Ketik tanggal selesai "
        "yang benar."
    ),
    "claim.error.span_too_long": "Kegiatan lebih dari {max} hari tidak dapat dilaporkan di sini. Hubungi admin OPD Anda.",
    "claim.error.year_closed": (
        "Hanya kegiatan yang selesai pada tahun JP berjalan ({start} – {end}) yang dapat "
        "dilaporkan di sini. Untuk tahun sebelumnya, hubungi admin OPD Anda."
    ),
    "claim.error.quantity_format": "Tulis sebuah angka, misalnya <code>6</code> atau <code>2,5</code> (paling banyak dua angka di belakang koma).",
    "claim.error.quantity_not_positive": (
        "Jumlahnya harus lebih dari 0. Ketik angka yang lebih besar."
    ),
    "claim.error.quantity_not_whole": "Tulis angka bulat, misalnya <code>2</code>.",
    "claim.error.quantity_too_large": (
        "Terlalu besar: paling banyak {max} untuk tanggal yang Anda isi. Ketik angka yang lebih "
        "kecil."
    ),
    "claim.error.more_than_days": (
        "Paling banyak {days}: tidak boleh lebih dari jumlah hari antara tanggal mulai dan "
        "selesai. Ketik angka yang lebih kecil."
    ),
    "claim.error.too_many_sessions": (
        "{category} dihitung paling banyak {max} sesi per bulan. Bulan itu sudah tercatat "
        "{used} sesi, sehingga tersisa {left} sesi. Ketik jumlah yang lebih kecil, atau kirim "
        "/batal untuk berhenti."
    ),
    "claim.error.evidence_type": (
        "Bukti harus berupa <b>foto</b> atau berkas <b>PDF</b> (paling besar {max} MB). "
        "Kirim foto sertifikat, atau PDF-nya sebagai berkas."
    ),
    "claim.error.evidence_too_large": "Berkas terlalu besar: paling besar {max} MB. Kirim foto sertifikat, atau PDF yang lebih kecil.",
    "claim.error.evidence_unread": (
        "Berkas ini belum dapat kami buka. Silakan kirim ulang beberapa saat lagi, atau kirim "
        "foto sertifikat."
    ),
    "claim.error.evidence_content": (
        "Isi berkas ini bukan PDF, walaupun nama atau jenisnya PDF. Bukti yang diterima: "
        "<b>foto</b> sertifikat, atau berkas <b>PDF</b> asli (paling besar {max} MB)."
    ),
    "claim.error.rule_changed": "Aturan konversi JP untuk jenis kegiatan ini baru saja berubah.",
    # Outcome, sent later through the outbox
    "claim.notice.approved": (
        "✅ Laporan <b>{title}</b> disetujui: <b>{jp} JP</b>. Saldo JP {year} Anda: "
        "<b>{total} JP</b> dari target {target} JP."
    ),
    "claim.notice.adjusted": (
        "✅ Laporan <b>{title}</b> disetujui dengan penyesuaian oleh verifikator: "
        "<b>{jp} JP</b>. Saldo JP {year} Anda: <b>{total} JP</b> dari target {target} JP."
    ),
    "claim.notice.approved_short": "✅ Laporan <b>{title}</b> disetujui: <b>{jp} JP</b>.",
    "claim.notice.rejected": (
        "❌ Laporan <b>{title}</b> tidak disetujui.\n"
        "Alasan: {reason}\n\n"
        "Jika laporan dapat diperbaiki, laporkan kembali dengan /lapor, atau hubungi admin OPD "
        "Anda."
    ),
    # /verifikasi
    "verify.not_allowed": (
        "Verifikasi laporan khusus admin, bagi pegawai di lingkupnya. Tidak ada yang diubah. "
        "Jika Anda admin OPD, minta superadmin BPSDM menambahkan akun Telegram Anda."
    ),
    "verify.own_claim": (
        "Laporan Anda sendiri harus diverifikasi admin lain. Tidak ada yang diubah."
    ),
    "verify.empty": "✅ Tidak ada laporan yang menunggu verifikasi.",
    "verify.refresh": "🔄 Periksa lagi",
    "verify.card.title": "🔎 <b>Verifikasi laporan #{id}</b> ({waiting} menunggu)",
    "verify.card.who": "👤 {name} · NIP {nip}",
    "verify.card.opd": "🏢 {opd}",
    "verify.card.activity": "<b>{title}</b>",
    "verify.card.kind": "Jenis: {category} · {scope}",
    "verify.card.proposed": "Usulan: <b>{jp} JP</b>",
    "verify.card.submitted": "Dikirim: {date}",
    "verify.card.evidence": "Bukti: {kind} (tekan 📎 Bukti)",
    "verify.card.duplicate": "⚠️ Kemungkinan duplikat dari: {title} ({dates}, {status}, {jp} JP)",
    "verify.card.same_evidence": "⚠️ Berkas bukti yang sama juga dipakai di: {claims}",
    "verify.card.same_evidence_item": "laporan #{id} ({who}, {status})",
    "verify.card.same_employee": "pegawai yang sama",
    "verify.card.other_employee": "pegawai lain",
    "verify.status.pending": "menunggu",
    "verify.status.approved": "disetujui",
    "verify.status.rejected": "ditolak",
    "verify.approve": "✅ Setujui {jp} JP",
    "verify.adjust": "✏️ Setujui, ubah JP",
    "verify.reject": "❌ Tolak",
    "verify.evidence": "📎 Bukti",
    "verify.skip": "⏭ Lewati",
    "verify.gone": (
        "Laporan ini tidak ada lagi di antrean Anda (sudah diputuskan, atau di luar lingkup "
        "Anda). Kirim /verifikasi untuk laporan berikutnya."
    ),
    "verify.already_decided": (
        "ℹ️ Laporan <b>{title}</b> sudah diputuskan lebih dahulu oleh admin lain ({decision}). "
        "Keputusan Anda tidak dicatat."
    ),
    "verify.decision.approved": "disetujui",
    "verify.decision.adjusted": "disetujui dengan penyesuaian",
    "verify.decision.rejected": "ditolak",
    "verify.decision.unknown": "sudah diputuskan",
    "verify.done.approved": "✅ Disetujui: <b>{title}</b>, {jp} JP. Pegawai diberi tahu.",
    "verify.done.adjusted": "✅ Disetujui dengan penyesuaian: <b>{title}</b>, {jp} JP. Pegawai diberi tahu.",
    "verify.done.rejected": "❌ Ditolak: <b>{title}</b>. Pegawai diberi tahu beserta alasannya.",
    "verify.ask_jp": (
        "Ketik JP yang disetujui untuk <b>{title}</b> (usulan {jp} JP). Contoh: <code>8</code> "
        "atau <code>7,5</code>. Kirim /batal untuk berhenti."
    ),
    "verify.ask_reason": (
        "Ketik alasan penolakan <b>{title}</b> (paling banyak {max} karakter). Alasan ini "
        "dikirim ke pegawai. Kirim /batal untuk berhenti."
    ),
    "verify.evidence_caption": "Bukti laporan #{id}: {title}",
    "verify.expect_text": "Ketik jawabannya sebagai teks, atau kirim /batal untuk berhenti.",
}

EN: dict[str, str] = {
    "cmd.claim": "Report training outside ASN Corpu",
    # /report: the steps
    "claim.start": (
        "📝 <b>Report competency development</b>\n"
        "Report training or learning you did outside ASN Corpu's programs. Have a photo or "
        "PDF of the certificate ready. Send /cancel at any time to stop.\n\n"
        "Choose the type of activity:"
    ),
    "claim.group.k": "🏫 Classroom (training, seminar, workshop, …)",
    "claim.group.n": "💻 Non-classroom (e-learning, coaching, internship, …)",
    "claim.choose.k": "Choose a <b>classroom</b> activity:",
    "claim.choose.n": "Choose a <b>non-classroom</b> activity:",
    "claim.back": "◀️ Back",
    "claim.chosen": "Type of activity: <b>{category}</b>",
    "claim.stale": "This button is no longer valid (the report moved on, was sent or was cancelled). Nothing was changed.",
    "claim.ask_title": "Type the <b>name of the activity</b> as written on the certificate.",
    "claim.ask_organiser": "Type the <b>organiser</b> (agency or institution).",
    "claim.ask_start": (
        "When did the activity <b>start</b>? For example <code>03/11/2026</code>, "
        "<code>2026-11-03</code> or <code>3 November 2026</code>."
    ),
    "claim.ask_end": "When did it <b>end</b>? For a one-day activity, type the same date.",
    "claim.ask_scope": "Was it a national or an international activity?",
    "claim.scope.national": "🇮🇩 National",
    "claim.scope.international": "🌏 International",
    "claim.scope_chosen": "Scope: <b>{scope}</b>",
    "claim.ask_quantity.program": (
        "How many <b>JP</b> does the certificate state? For example <code>24</code> or "
        "<code>12.5</code>."
    ),
    "claim.ask_quantity.day": (
        "How many <b>days</b> did it take? A whole number, at most {days} (from the dates)."
    ),
    "claim.ask_quantity.session": (
        "How many <b>sessions</b> did you attend? A whole number, at most {days} (one a day)."
    ),
    "claim.ask_quantity.hour": (
        "How many <b>lesson hours</b> (1 JP = 45 minutes)? For example <code>6</code> or "
        "<code>2.5</code>."
    ),
    "claim.ask_quantity.activity": "This activity counts per activity.",
    "claim.expect_text": "At this step, please answer with text, or send /cancel to stop.",
    "claim.proposal": "Proposed: <b>{jp} JP</b>\nHow it is worked out:",
    "claim.step_line": "• {step}",
    "claim.duplicate_warning": (
        "⚠️ This activity seems to be recorded already (same title, type and dates). You can "
        "still send it; the verifier will see this flag."
    ),
    "claim.same_evidence_warning": (
        "⚠️ This evidence file has already been used for another report. You can still send it; "
        "the verifier will see this flag."
    ),
    "claim.ask_evidence": (
        "Send the <b>evidence</b>: a photo of the certificate, or a PDF file (at most {max} MB)."
    ),
    "claim.evidence.photo": "photo",
    "claim.evidence.document": "PDF",
    "claim.unit.program": "JP (certificate)",
    "claim.unit.day": "days",
    "claim.unit.session": "sessions",
    "claim.unit.activity": "activity",
    "claim.unit.hour": "lesson hours",
    "claim.summary.title": "<b>Check your report</b>",
    "claim.summary.category": "Type: {category}",
    "claim.summary.name": "Activity: <b>{title}</b>",
    "claim.summary.organiser": "Organiser: {organiser}",
    "claim.summary.dates": "Dates: {dates}",
    "claim.summary.scope": "Scope: {scope}",
    "claim.summary.quantity": "Amount: {quantity} {unit}",
    "claim.summary.jp": "Proposed JP: <b>{jp} JP</b>",
    "claim.summary.evidence": "Evidence: {kind} ✓",
    "claim.summary.confirm": "Send it to the admins for verification?",
    "claim.confirm.yes": "✅ Send",
    "claim.confirm.no": "✖️ Cancel",
    "claim.submitted": (
        "✅ Report sent; it is <b>waiting for verification</b> by an admin. The proposed {jp} JP "
        "show in /balance as pending and do not count until approved. We will let you know the "
        "outcome."
    ),
    "claim.submitted_duplicate": "This report is flagged as a possible duplicate for the verifier.",
    "claim.not_sent": "The report was not sent. Please start again with /trainingreport.",
    "claim.jp_changed": (
        "ℹ️ The JP conversion rules have changed since the summary. The proposal is now <b>{jp} "
        "JP</b> (it was {shown} JP). The report has <b>not been sent</b>: check it again and "
        "tap <b>✅ Send</b> if you agree."
    ),
    # /report: what was wrong with an answer
    "claim.error.text_too_short": "Too short: please write at least {min} characters.",
    "claim.error.text_too_long": "Too long ({length} characters): at most {max}. Please shorten it.",
    "claim.error.date_format": (
        "Date not recognised. Write for example <code>03/11/2026</code>, "
        "<code>2026-11-03</code> or <code>3 November 2026</code>."
    ),
    "claim.error.date_invalid": "That date does not exist. Please check the day and month.",
    "claim.error.date_future": "The date cannot be after today ({today}). Report activities that have taken place.",
    "claim.error.end_before_start": (
        "The end date cannot be before the start date ({start}). Type the correct end date."
    ),
    "claim.error.span_too_long": "Activities longer than {max} days cannot be reported here. Please contact your OPD admin.",
    "claim.error.year_closed": (
        "Only activities that ended in the current JP year ({start} – {end}) can be "
        "reported here. For earlier years, please contact your OPD admin."
    ),
    "claim.error.quantity_format": "Please write a number, for example <code>6</code> or <code>2.5</code> (at most two decimals).",
    "claim.error.quantity_not_positive": "The amount must be more than 0. Type a larger number.",
    "claim.error.quantity_not_whole": "Please write a whole number, for example <code>2</code>.",
    "claim.error.quantity_too_large": (
        "Too large: at most {max} for the dates you gave. Type a smaller number."
    ),
    "claim.error.more_than_days": (
        "At most {days}: no more than the days from the start to the end date. Type a smaller "
        "number."
    ),
    "claim.error.too_many_sessions": (
        "Sessions of {category} count up to {max} a month. Already recorded for that month: "
        "{used}; left: {left}. Type a smaller number, or send /cancel to stop."
    ),
    "claim.error.evidence_type": (
        "The evidence must be a <b>photo</b> or a <b>PDF</b> file (at most {max} MB). Send a "
        "photo of the certificate, or its PDF as a file."
    ),
    "claim.error.evidence_too_large": "The file is too large: at most {max} MB. Send a photo of the certificate, or a smaller PDF.",
    "claim.error.evidence_unread": "We could not open this file just now. Please send it again in a moment, or send a photo of the certificate.",
    "claim.error.evidence_content": (
        "This file is not really a PDF, whatever its name or type says. Accepted evidence: a "
        "<b>photo</b> of the certificate, or a genuine <b>PDF</b> file (at most {max} MB)."
    ),
    "claim.error.rule_changed": "The JP conversion rule for this type of activity has just changed.",
    # Outcome, sent later through the outbox
    "claim.notice.approved": (
        "✅ Your report <b>{title}</b> was approved: <b>{jp} JP</b>. Your {year} JP "
        "balance: <b>{total} JP</b> of the {target} JP target."
    ),
    "claim.notice.adjusted": (
        "✅ Your report <b>{title}</b> was approved with an adjustment by the verifier: "
        "<b>{jp} JP</b>. Your {year} JP balance: <b>{total} JP</b> of the {target} JP target."
    ),
    "claim.notice.approved_short": "✅ Your report <b>{title}</b> was approved: <b>{jp} JP</b>.",
    "claim.notice.rejected": (
        "❌ Your report <b>{title}</b> was not approved.\nReason: {reason}\n\n"
        "If it can be corrected, report it again with /trainingreport, or contact your OPD admin."
    ),
    # /verify
    "verify.not_allowed": (
        "Reviewing reports is for admins, for the employees in their scope. Nothing was "
        "changed. If you are an OPD admin, ask a BPSDM superadmin to add your Telegram account."
    ),
    "verify.own_claim": "Your own report must be verified by another admin. Nothing was changed.",
    "verify.empty": "✅ No reports are waiting for verification.",
    "verify.refresh": "🔄 Check again",
    "verify.card.title": "🔎 <b>Verify report #{id}</b> ({waiting} waiting)",
    "verify.card.who": "👤 {name} · NIP {nip}",
    "verify.card.opd": "🏢 {opd}",
    "verify.card.activity": "<b>{title}</b>",
    "verify.card.kind": "Type: {category} · {scope}",
    "verify.card.proposed": "Proposed: <b>{jp} JP</b>",
    "verify.card.submitted": "Sent: {date}",
    "verify.card.evidence": "Evidence: {kind} (tap 📎 Evidence)",
    "verify.card.duplicate": "⚠️ Possible duplicate of: {title} ({dates}, {status}, {jp} JP)",
    "verify.card.same_evidence": "⚠️ The same evidence file is also used in: {claims}",
    "verify.card.same_evidence_item": "report #{id} ({who}, {status})",
    "verify.card.same_employee": "same employee",
    "verify.card.other_employee": "another employee",
    "verify.status.pending": "pending",
    "verify.status.approved": "approved",
    "verify.status.rejected": "rejected",
    "verify.approve": "✅ Approve {jp} JP",
    "verify.adjust": "✏️ Approve, other JP",
    "verify.reject": "❌ Reject",
    "verify.evidence": "📎 Evidence",
    "verify.skip": "⏭ Skip",
    "verify.gone": (
        "This report is no longer in your queue (already decided, or outside your scope). Send "
        "/reviewreports for the next report."
    ),
    "verify.already_decided": "ℹ️ The report <b>{title}</b> was already decided by another admin ({decision}). Your decision was not recorded.",
    "verify.decision.approved": "approved",
    "verify.decision.adjusted": "approved with an adjustment",
    "verify.decision.rejected": "rejected",
    "verify.decision.unknown": "decided",
    "verify.done.approved": "✅ Approved: <b>{title}</b>, {jp} JP. The employee is told.",
    "verify.done.adjusted": "✅ Approved with an adjustment: <b>{title}</b>, {jp} JP. The employee is told.",
    "verify.done.rejected": "❌ Rejected: <b>{title}</b>. The employee is told, with the reason.",
    "verify.ask_jp": (
        "Type the JP to approve for <b>{title}</b> (proposed {jp} JP). For example "
        "<code>8</code> or <code>7.5</code>. Send /cancel to stop."
    ),
    "verify.ask_reason": (
        "Type the reason for rejecting <b>{title}</b> (at most {max} characters). It is sent to "
        "the employee. Send /cancel to stop."
    ),
    "verify.evidence_caption": "Evidence of report #{id}: {title}",
    "verify.expect_text": "Please type the answer as text, or send /cancel to stop.",
}

"""Messages of running a program end to end (check-in, evaluation, e-certificates), both
languages side by side. HTML parse mode; the `cert.pdf.*` texts go into the PDF (plain)."""

ID: dict[str, str] = {
    "cmd.checkin": "Presensi sesi dengan kode",
    "cmd.certificate": "Sertifikat Anda",
    "cmd.verify": "Periksa keaslian sertifikat",
    # /hadir
    "checkin.usage": "Kirim kode presensi sesi, misalnya <code>/hadir K7P2QX</code>, atau pindai QR yang ditampilkan panitia.",
    "checkin.recorded": "✅ Anda tercatat hadir.\n<b>{title}</b>\nSesi {n} dari {total}: {when}",
    "checkin.already": "Kehadiran Anda di sesi ini sudah tercatat.\n<b>{title}</b>\nSesi {n} dari {total}: {when}",
    "checkin.not_linked": "Tautkan akun Anda terlebih dahulu dengan /start, lalu kirim kode presensi lagi.",
    "checkin.not_enrolled": (
        "Anda tidak terdaftar sebagai peserta <b>{title}</b>. Presensi tidak dicatat. Jika "
        "menurut Anda ini keliru, hubungi panitia."
    ),
    "checkin.unknown": (
        "Kode presensi tidak dikenal. Periksa kembali kode dari panitia (sisa percobaan: "
        "{attempts_left})."
    ),
    "checkin.too_early": "Presensi untuk sesi ini belum dibuka. Presensi dibuka {opens}.",
    "checkin.expired": (
        "Kode presensi ini sudah tidak berlaku karena sesinya telah berakhir. Jika Anda hadir, "
        "hubungi panitia (sisa percobaan: {attempts_left})."
    ),
    "checkin.rate_limited": (
        "Terlalu banyak kode yang salah. Silakan coba lagi setelah pukul {time}."
    ),
    # The program's admin card
    "admin.sessions_header": "Presensi per sesi (hadir / peserta), minimal {required} dari {total} sesi:",
    "admin.session_line": "Sesi {n} · {when}: {checked}/{enrolled}",
    "admin.qr_button": "📷 QR sesi {n}",
    "admin.qr_caption": "Presensi <b>{title}</b>, sesi {n}: {when}\nKode: <code>{code}</code>\nPeserta memindai QR ini atau mengirim /hadir {code}.",
    "admin.finished_counts": (
        "{completed} peserta selesai (JP dicatat), {absent} tidak memenuhi kehadiran minimal."
    ),
    "admin.eval_button": "📋 Hasil evaluasi",
    # Evaluation
    "evaluation.invite": "🙏 Terima kasih telah mengikuti <b>{title}</b>. Mohon isi evaluasi singkat berikut (4 pertanyaan).",
    "evaluation.reminder": "⏰ Evaluasi <b>{title}</b> belum Anda isi. Mohon luangkan satu menit.",
    "evaluation.header": "Evaluasi: <b>{title}</b>",
    "evaluation.progress": "Pertanyaan {n} dari {total}",
    "evaluation.q.material": "Bagaimana kualitas <b>materi</b>?",
    "evaluation.q.speakers": "Bagaimana kualitas <b>narasumber</b>?",
    "evaluation.q.organisation": "Bagaimana <b>penyelenggaraan</b> program?",
    "evaluation.q.usefulness": "Seberapa <b>bermanfaat</b> program ini untuk pekerjaan Anda?",
    "evaluation.scale": "1 = sangat kurang, 5 = sangat baik.",
    "evaluation.recorded": "✅ Penilaian Anda tersimpan. Terima kasih.\nTulis komentar atau saran (opsional), atau kirim /lewati.",
    "evaluation.certificate_follows": "Kami akan segera mengirimkan sertifikat Anda.",
    "evaluation.already": "Anda sudah mengisi evaluasi program ini. Tidak ada yang diubah.",
    "evaluation.invalid": (
        "Nilai tidak sah (harus 1 sampai 5). Tidak ada yang diubah. Pilih nilai dengan tombol."
    ),
    "evaluation.not_found": (
        "Evaluasi ini tidak tersedia untuk Anda. Tidak ada yang diubah. Kirim /evaluasi untuk "
        "melihat evaluasi yang menunggu."
    ),
    "evaluation.comment_saved": "✅ Komentar Anda tersimpan. Terima kasih.",
    "evaluation.comment_skipped": "Baik, tanpa komentar. Terima kasih.",
    "evaluation.nothing_to_skip": "Tidak ada pertanyaan yang menunggu jawaban.",
    "evaluation.none_pending": "Tidak ada evaluasi yang menunggu Anda.",
    "cmd.evaluate": "Isi evaluasi program yang sudah Anda selesaikan",
    # Evaluation results (superadmins)
    "eval.results_title": "📋 Hasil evaluasi: <b>{title}</b>",
    "eval.results_counts": "Responden: {responses} dari {completed} peserta selesai.",
    "eval.avg_line": "{question}: {average} (dari 5)",
    "eval.none": "Belum ada evaluasi yang masuk.",
    "eval.comments_header": "Komentar (tanpa nama):",
    "eval.xlsx_button": "⬇️ Unduh XLSX",
    "eval.chart_caption": "Sebaran nilai evaluasi: {title}",
    "eval.chart_ylabel": "Jumlah responden",
    "eval.short.material": "Materi",
    "eval.short.speakers": "Narasumber",
    "eval.short.organisation": "Penyelenggaraan",
    "eval.short.usefulness": "Manfaat",
    "eval.sheet": "Evaluasi",
    "eval.comments_sheet": "Komentar",
    "eval.col.question": "Pertanyaan",
    "eval.col.average": "Rata-rata",
    "eval.col.responses": "Responden",
    "eval.col.comment": "Komentar",
    "eval.xlsx_caption": "Hasil evaluasi {title}",
    # Certificates
    "cert.caption": "🎓 Sertifikat elektronik <b>{title}</b>\nNomor: <code>{number}</code>",
    "cert.list_title": "🎓 <b>Sertifikat Anda</b>",
    "cert.list_line": "• {title} ({jp} JP)\n  <code>{number}</code>",
    "cert.list_revoked": "• {title}: dicabut\n  <code>{number}</code>",
    "cert.list_help": (
        "Tekan judul untuk menerima berkasnya kembali. Sertifikat untuk pelatihan di luar ASN "
        "Corpu tidak diterbitkan oleh bot ini."
    ),
    "cert.none": (
        "Anda belum memiliki sertifikat dari program ASN Corpu. Sertifikat diterbitkan setelah "
        "Anda menyelesaikan program; lihat program yang tersedia di /program."
    ),
    "cert.send_button": "📄 {title}",
    "cert.revoked": (
        "Sertifikat ini telah dicabut dan tidak dikirim ulang. Hubungi BPSDM bila ada "
        "pertanyaan."
    ),
    "cert.not_found": (
        "Sertifikat tidak ditemukan. Tidak ada yang dikirim. Buka kembali daftarnya dengan "
        "/sertifikat."
    ),
    "cert.pdf.title": "Sertifikat",
    "cert.pdf.number": "Nomor: {number}",
    "cert.pdf.given_to": "diberikan kepada",
    "cert.pdf.nip": "NIP {nip}",
    "cert.pdf.completed": "yang telah mengikuti dan menyelesaikan",
    "cert.pdf.when": "{dates} · {jp} JP (jam pelajaran)",
    "cert.pdf.organiser": "Penyelenggara: {organiser}",
    "cert.pdf.issued": "Diterbitkan {date}",
    "cert.pdf.electronic": "Sertifikat elektronik, sah tanpa tanda tangan basah.",
    "cert.pdf.scan": "Pindai untuk memeriksa keasliannya",
    # /cek
    "verify.usage": "Kirim nomor sertifikat, misalnya <code>/cek 2026-000123-K7QF3M2A</code>.",
    "verify.valid": "✅ <b>Sertifikat sah</b>\nNomor: <code>{number}</code>\nPemegang: {holder}\nNIP: {nip}\nProgram: {title}\nJP: {jp}\nSelesai: {date}",
    "verify.revoked": "⛔ <b>Sertifikat telah dicabut</b> pada {date}.\nNomor: <code>{number}</code>",
    "verify.not_found": "❌ Sertifikat dengan nomor itu tidak ditemukan. Periksa kembali nomornya.",
    # /cabut (superadmins)
    "revoke.usage": "Kirim <code>/cabut NOMOR alasan</code>. Alasan wajib diisi.",
    "revoke.revoked": "✅ Sertifikat <code>{number}</code> dicabut.",
    "revoke.already": "Sertifikat itu sudah dicabut sebelumnya. Tidak ada yang diubah.",
    "revoke.not_found": "Sertifikat tidak ditemukan. Tidak ada yang diubah.",
    "revoke.no_reason": "Alasan pencabutan wajib diisi. Tidak ada yang diubah.",
    "import.error.min_attendance_invalid": "minimal kehadiran harus persen bilangan bulat 0 sampai 100.",
}

EN: dict[str, str] = {
    "cmd.checkin": "Check in to a session with its code",
    "cmd.certificate": "Your certificates",
    "cmd.verify": "Verify a certificate",
    "checkin.usage": "Send the session's check-in code, e.g. <code>/checkin K7P2QX</code>, or scan the QR shown by the organisers.",
    "checkin.recorded": "✅ You are checked in.\n<b>{title}</b>\nSession {n} of {total}: {when}",
    "checkin.already": "Your attendance at this session was already recorded.\n<b>{title}</b>\nSession {n} of {total}: {when}",
    "checkin.not_linked": "Link your account first with /start, then send the check-in code again.",
    "checkin.not_enrolled": (
        "You are not a participant of <b>{title}</b>. Nothing was recorded. If you think this "
        "is wrong, contact the organisers."
    ),
    "checkin.unknown": (
        "Unknown check-in code. Please check the code from the organisers (attempts left: "
        "{attempts_left})."
    ),
    "checkin.too_early": "Check-in for this session is not open yet. It opens {opens}.",
    "checkin.expired": (
        "This check-in code is no longer valid because the session has ended. If you attended, "
        "contact the organisers (attempts left: {attempts_left})."
    ),
    "checkin.rate_limited": "Too many wrong codes. Please try again after {time}.",
    "admin.sessions_header": (
        "Check-ins per session (present / participants); completing needs at least {required} "
        "of {total}:"
    ),
    "admin.session_line": "Session {n} · {when}: {checked}/{enrolled}",
    "admin.qr_button": "📷 QR session {n}",
    "admin.qr_caption": "Check-in for <b>{title}</b>, session {n}: {when}\nCode: <code>{code}</code>\nParticipants scan this QR or send /checkin {code}.",
    "admin.finished_counts": (
        "Completed: {completed} (JP recorded). Below the minimum attendance: {absent}."
    ),
    "admin.eval_button": "📋 Evaluation results",
    "evaluation.invite": "🙏 Thank you for taking part in <b>{title}</b>. Please answer this short evaluation (4 questions).",
    "evaluation.reminder": "⏰ You have not evaluated <b>{title}</b> yet. Please take a minute.",
    "evaluation.header": "Evaluation: <b>{title}</b>",
    "evaluation.progress": "Question {n} of {total}",
    "evaluation.q.material": "How good was the <b>material</b>?",
    "evaluation.q.speakers": "How good were the <b>speakers</b>?",
    "evaluation.q.organisation": "How well was the program <b>organised</b>?",
    "evaluation.q.usefulness": "How <b>useful</b> is the program for your work?",
    "evaluation.scale": "1 = very poor, 5 = very good.",
    "evaluation.recorded": "✅ Your ratings are saved. Thank you.\nWrite a comment or suggestion (optional), or send /skip.",
    "evaluation.certificate_follows": "Your certificate is on its way.",
    "evaluation.already": "You have already evaluated this program. Nothing was changed.",
    "evaluation.invalid": (
        "Invalid rating (it must be 1 to 5). Nothing was changed. Choose a rating with the "
        "buttons."
    ),
    "evaluation.not_found": (
        "This evaluation is not available to you. Nothing was changed. Send /evaluate to see "
        "the evaluations waiting for you."
    ),
    "evaluation.comment_saved": "✅ Your comment is saved. Thank you.",
    "evaluation.comment_skipped": "All right, no comment. Thank you.",
    "evaluation.nothing_to_skip": "No question is waiting for an answer.",
    "evaluation.none_pending": "No evaluation is waiting for you.",
    "cmd.evaluate": "Evaluate the programs you completed",
    "eval.results_title": "📋 Evaluation results: <b>{title}</b>",
    "eval.results_counts": "Responses: {responses} (participants who completed: {completed}).",
    "eval.avg_line": "{question}: {average} (out of 5)",
    "eval.none": "No evaluations yet.",
    "eval.comments_header": "Comments (without names):",
    "eval.xlsx_button": "⬇️ Download XLSX",
    "eval.chart_caption": "Distribution of the evaluation ratings: {title}",
    "eval.chart_ylabel": "Responses",
    "eval.short.material": "Material",
    "eval.short.speakers": "Speakers",
    "eval.short.organisation": "Organisation",
    "eval.short.usefulness": "Usefulness",
    "eval.sheet": "Evaluation",
    "eval.comments_sheet": "Comments",
    "eval.col.question": "Question",
    "eval.col.average": "Average",
    "eval.col.responses": "Responses",
    "eval.col.comment": "Comment",
    "eval.xlsx_caption": "Evaluation results of {title}",
    "cert.caption": "🎓 E-certificate <b>{title}</b>\nNumber: <code>{number}</code>",
    "cert.list_title": "🎓 <b>Your certificates</b>",
    "cert.list_line": "• {title} ({jp} JP)\n  <code>{number}</code>",
    "cert.list_revoked": "• {title}: revoked\n  <code>{number}</code>",
    "cert.list_help": (
        "Tap a title to get its file again. Certificates for training outside ASN Corpu are not "
        "issued by this bot."
    ),
    "cert.none": (
        "You have no certificates from ASN Corpu programs yet. Certificates are issued when you "
        "complete a program; see the programs on offer in /programs."
    ),
    "cert.send_button": "📄 {title}",
    "cert.revoked": (
        "This certificate was revoked and is not sent again. Contact BPSDM if you have "
        "questions."
    ),
    "cert.not_found": (
        "Certificate not found. Nothing was sent. Open the list again with /certificate."
    ),
    "cert.pdf.title": "Certificate",
    "cert.pdf.number": "Number: {number}",
    "cert.pdf.given_to": "awarded to",
    "cert.pdf.nip": "NIP {nip}",
    "cert.pdf.completed": "for having attended and completed",
    "cert.pdf.when": "{dates} · {jp} JP (lesson hours)",
    "cert.pdf.organiser": "Organiser: {organiser}",
    "cert.pdf.issued": "Issued {date}",
    "cert.pdf.electronic": "Electronic certificate, valid without a wet signature.",
    "cert.pdf.scan": "Scan to verify that it is genuine",
    "verify.usage": "Send the certificate number, e.g. <code>/checkcert 2026-000123-K7QF3M2A</code>.",
    "verify.valid": "✅ <b>Valid certificate</b>\nNumber: <code>{number}</code>\nHolder: {holder}\nNIP: {nip}\nProgram: {title}\nJP: {jp}\nCompleted: {date}",
    "verify.revoked": "⛔ <b>Certificate revoked</b> on {date}.\nNumber: <code>{number}</code>",
    "verify.not_found": "❌ No certificate with that number was found. Please check the number.",
    "revoke.usage": "Send <code>/revoke NUMBER reason</code>. The reason is required.",
    "revoke.revoked": "✅ Certificate <code>{number}</code> revoked.",
    "revoke.already": "That certificate was already revoked. Nothing was changed.",
    "revoke.not_found": "Certificate not found. Nothing was changed.",
    "revoke.no_reason": "A reason for the revocation is required. Nothing was changed.",
    "import.error.min_attendance_invalid": "the minimum attendance must be a whole percentage from 0 to 100.",
}

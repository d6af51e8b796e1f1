"""The main menu's buttons and the command list's descriptions that depend on the
person's role (employee, supervisor, OPD admin, superadmin), both languages side by side."""

ID: dict[str, str] = {
    "menu.claim": "📝 Lapor pelatihan",
    "menu.needs": "🎯 Kebutuhan belajar",
    "menu.review": "✅ Verifikasi",
    "menu.compliance": "📈 Rekap JP",
    "menu.announce": "📣 Umumkan",
    "menu.admin": "🛠 Admin",
    "cmd.admin": "Menu admin",
    "cmd.review": "Verifikasi laporan pelatihan (admin)",
    "cmd.announce": "Kirim pengumuman (admin)",
    "cmd.cancel": "Hentikan isian yang sedang berjalan",
    # A role granted or revoked, or the roster changed the menu (an outbox notice that
    # carries the new menu)
    "menu.changed": "🔄 Menu Anda kami perbarui.",
    "menu.changed.added": "Tombol baru: {items}.",
    "menu.changed.removed": "Tombol yang tidak lagi tersedia: {items}.",
    "notice.superadmin_granted": (
        "🛠 Anda sekarang <b>superadmin</b> di bot ini. Kirim /admin untuk membuka menu admin."
    ),
    "notice.role_revoked": "Peran Anda sebagai <b>admin OPD {opd}</b> telah dicabut.",
    "notice.kepala_revoked": "Peran Anda sebagai <b>kepala OPD {opd}</b> telah dicabut.",
    "notice.superadmin_revoked": "Peran Anda sebagai <b>superadmin</b> telah dicabut.",
    # The greeting after linking: where most people start (inline buttons below it)
    "link.start_here": "Silakan mulai dari salah satu pilihan ini:",
}

EN: dict[str, str] = {
    "menu.claim": "📝 Report training",
    "menu.needs": "🎯 Learning needs",
    "menu.review": "✅ Review reports",
    "menu.compliance": "📈 JP compliance",
    "menu.announce": "📣 Announce",
    "menu.admin": "🛠 Admin",
    "cmd.admin": "Admin menu",
    "cmd.review": "Review training reports (admins)",
    "cmd.announce": "Send an announcement (admins)",
    "cmd.cancel": "Stop the form in progress",
    "menu.changed": "🔄 We have updated your menu.",
    "menu.changed.added": "New buttons: {items}.",
    "menu.changed.removed": "Buttons no longer there: {items}.",
    "notice.superadmin_granted": (
        "🛠 You are now a <b>superadmin</b> in this bot. Send /admin to open the admin menu."
    ),
    "notice.role_revoked": "Your role as <b>OPD admin of {opd}</b> has been revoked.",
    "notice.kepala_revoked": "Your role as <b>head of OPD {opd}</b> has been revoked.",
    "notice.superadmin_revoked": "Your <b>superadmin</b> role has been revoked.",
    "link.start_here": "You can start with one of these:",
}

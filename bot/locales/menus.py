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
}

"""Messages of supervisors' teams (/tim) and their nudges, both languages side by side.
HTML parse mode."""

ID: dict[str, str] = {
    "cmd.team": "Tim Anda: capaian JP bawahan",
    "menu.team": "👥 Tim Saya",
    "team.none": (
        "Anda belum tercatat sebagai atasan langsung siapa pun. Data atasan berasal dari kolom "
        "NIP atasan di data pegawai OPD Anda. Jika data itu keliru, hubungi admin OPD Anda."
    ),
    "team.title.d": "👥 <b>Tim Anda: bawahan langsung</b>",
    "team.title.a": "👥 <b>Tim Anda: seluruh jajaran</b>",
    "team.summary": "{members} pegawai: {met} memenuhi target, {on_track} sesuai jadwal, {behind} tertinggal (total {behind_jp} JP).",
    "team.member": "{n}. <b>{name}</b>{position}\n    {approved} / {target} JP · {status}{extra}",
    "team.level": " (tingkat {depth})",
    "team.status.met": "✅ memenuhi target",
    "team.status.on_track": "🟢 sesuai jadwal",
    "team.status.behind": "🔴 tertinggal {behind} JP",
    "team.pending#one": " · {count} laporan menunggu verifikasi",
    "team.pending#other": " · {count} laporan menunggu verifikasi",
    "team.enrolled#one": " · mengikuti {count} program",
    "team.enrolled#other": " · mengikuti {count} program",
    "team.programs": "\n    📚 {titles}",
    "team.page": "Halaman {page} dari {pages}.",
    "team.show.a": "🌳 Seluruh jajaran",
    "team.show.d": "👤 Bawahan langsung",
    "team.nudge.button": "🔔 Ingatkan {name}",
    "team.nudge.queued": "✅ Pengingat untuk {name} sedang dikirim.",
    "team.nudge.too_soon": "Pengingat untuk {name} sudah dikirim pada {date}. Setiap pegawai diingatkan paling banyak sekali seminggu.",
    "team.nudge.not_in_team": "Pegawai ini tidak termasuk tim Anda. Tidak ada yang dikirim.",
    "team.nudge.not_behind": "{name} tidak tertinggal. Tidak ada yang dikirim.",
    "team.nudge.not_linked": (
        "{name} belum menautkan akun Telegram. Tidak ada yang dikirim. Minta ia membuka bot ini "
        "dan menekan Bagikan nomor HP."
    ),
    "digest.province": "Provinsi (semua OPD)",
    "digest.title": "📅 Ringkasan bulanan JP: {scope}\nPer {date}.",
    "digest.met": "{employees} pegawai. Memenuhi target: {met_pct}% ({met} orang). Sesuai jadwal: {on_track_pct}%.",
    "digest.rank": "Peringkat {rank} dari {of} OPD.",
    "digest.change": "Perubahan sejak bulan lalu: {change} poin persen.",
    "digest.behind": "Tertinggal: {behind} pegawai, total {behind_jp} JP.",
    "digest.units": "Unit paling tertinggal:",
    "digest.opds": "OPD paling tertinggal:",
    "digest.unit": "• {name}: {behind} dari {employees} pegawai tertinggal",
    "digest.programs": "Program dengan kursi tersisa:",
    "digest.program": "• {title} ({free} kursi)",
    "prefs.digest_on": "📅 Ringkasan bulanan: aktif.",
    "prefs.digest_off": "📅 Ringkasan bulanan: nonaktif.",
    "prefs.digest_turn_off": "🔕 Matikan ringkasan bulanan",
    "prefs.digest_turn_on": "🔔 Aktifkan ringkasan bulanan",
    "notice.kepala_granted": "🏛 Anda kini tercatat sebagai <b>kepala OPD {opd}</b> di bot ini. Setiap awal bulan Anda menerima ringkasan capaian JP OPD Anda. Ringkasan ini dapat dimatikan di /pengaturan.",
    "roles.kepala_title": "🏛 <b>Kepala OPD</b> (hanya melihat; menerima ringkasan bulanan)",
    "roles.kepala_button": "🏛 Jadikan kepala OPD",
    "roles.kepala_granted": (
        "✅ Kepala OPD {opd} ditambahkan. Kami sudah memberi tahu yang bersangkutan melalui bot."
    ),
    "roles.kepala_revoked": "✅ Peran kepala OPD dicabut.",
    "cli.kepala_added": "Akun Telegram {id} kini tercatat sebagai kepala OPD ({opd}): hanya melihat, menerima ringkasan bulanan.",
    "cli.kepala_exists": "Akun Telegram {id} sudah tercatat sebagai kepala OPD ({opd}); tidak ada yang diubah.",
    "team.nudge.notice": (
        "👋 Salam dari atasan Anda, {supervisor}. JP Anda tahun ini baru <b>{approved} JP</b> "
        "dari target {target} JP. Anda tertinggal <b>{behind} JP</b> dari jadwal. Silakan pilih "
        "program pengembangan kompetensi di /program."
    ),
}

EN: dict[str, str] = {
    "cmd.team": "Your team: your staff's JP",
    "menu.team": "👥 My team",
    "team.none": (
        "You are not recorded as anyone's direct supervisor. Supervisors come from the "
        "supervisor NIP column of your OPD's roster. If that is wrong, contact your OPD admin."
    ),
    "team.title.d": "👥 <b>Your team: direct reports</b>",
    "team.title.a": "👥 <b>Your team: everyone below you</b>",
    "team.summary": (
        "Employees: {members}. Met the target: {met}; on track: {on_track}; behind: {behind} "
        "({behind_jp} JP in total)."
    ),
    "team.member": "{n}. <b>{name}</b>{position}\n    {approved} / {target} JP · {status}{extra}",
    "team.level": " (level {depth})",
    "team.status.met": "✅ target met",
    "team.status.on_track": "🟢 on track",
    "team.status.behind": "🔴 behind by {behind} JP",
    "team.pending#one": " · {count} report awaiting verification",
    "team.pending#other": " · {count} reports awaiting verification",
    "team.enrolled#one": " · in {count} program",
    "team.enrolled#other": " · in {count} programs",
    "team.programs": "\n    📚 {titles}",
    "team.page": "Page {page} of {pages}.",
    "team.show.a": "🌳 Everyone below",
    "team.show.d": "👤 Direct reports",
    "team.nudge.button": "🔔 Nudge {name}",
    "team.nudge.queued": "✅ A reminder to {name} is on its way.",
    "team.nudge.too_soon": "{name} was already reminded on {date}. Each employee is reminded at most once a week.",
    "team.nudge.not_in_team": "This employee is not in your team. Nothing was sent.",
    "team.nudge.not_behind": "{name} is not behind. Nothing was sent.",
    "team.nudge.not_linked": (
        "{name} has not linked a Telegram account yet. Nothing was sent. Ask them to open this "
        "bot and tap Share my phone number."
    ),
    "digest.province": "Province (every OPD)",
    "digest.title": "📅 Monthly JP digest: {scope}\nAs of {date}.",
    "digest.met": (
        "Employees: {employees}. Met the target: {met_pct}% ({met}). On track: {on_track_pct}%."
    ),
    "digest.rank": "OPD rank: {rank} of {of}.",
    "digest.change": "Change since last month (percentage points): {change}.",
    "digest.behind": "Employees behind: {behind}, {behind_jp} JP in total.",
    "digest.units": "Units furthest behind:",
    "digest.opds": "OPDs furthest behind:",
    "digest.unit": "• {name}: {behind} of {employees} behind",
    "digest.programs": "Programs with free seats:",
    "digest.program": "• {title} (free seats: {free})",
    "prefs.digest_on": "📅 Monthly digest: on.",
    "prefs.digest_off": "📅 Monthly digest: off.",
    "prefs.digest_turn_off": "🔕 Turn the monthly digest off",
    "prefs.digest_turn_on": "🔔 Turn the monthly digest on",
    "notice.kepala_granted": "🏛 You are now recorded as <b>head of OPD {opd}</b> in this bot. At the start of each month you get your OPD's JP digest. You can switch it off in /settings.",
    "roles.kepala_title": "🏛 <b>Heads of OPD</b> (read-only; get the monthly digest)",
    "roles.kepala_button": "🏛 Make head of OPD",
    "roles.kepala_granted": "✅ Head of OPD {opd} added. We have told them through the bot.",
    "roles.kepala_revoked": "✅ Head of OPD role revoked.",
    "cli.kepala_added": "Telegram account {id} is now recorded as head of OPD ({opd}): read-only, gets the monthly digest.",
    "cli.kepala_exists": (
        "Telegram account {id} is already head of OPD ({opd}); nothing was changed."
    ),
    "team.nudge.notice": (
        "👋 Greetings from your supervisor, {supervisor}. This year you have <b>{approved} "
        "JP</b> of the {target} JP target. You are <b>{behind} JP</b> behind schedule. Please "
        "choose a competency development program in /programs."
    ),
}

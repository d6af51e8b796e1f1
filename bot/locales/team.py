"""Messages of supervisors' teams (/tim) and their nudges, both languages side by side.
HTML parse mode."""

ID: dict[str, str] = {
    "cmd.team": "tim Anda: capaian JP bawahan",
    "menu.team": "👥 Tim Saya",
    "team.none": "Anda belum tercatat sebagai atasan langsung siapa pun. Data atasan berasal dari kolom NIP atasan di data pegawai OPD Anda.",
    "team.title.d": "👥 <b>Tim Anda: bawahan langsung</b>",
    "team.title.a": "👥 <b>Tim Anda: seluruh jajaran</b>",
    "team.summary": "{members} pegawai: {met} memenuhi target, {on_track} sesuai jadwal, {behind} tertinggal (total {behind_jp} JP).",
    "team.member": "{n}. <b>{name}</b>{position}\n    {approved} / {target} JP · {status}{extra}",
    "team.level": " (tingkat {depth})",
    "team.status.met": "✅ memenuhi target",
    "team.status.on_track": "🟢 sesuai jadwal",
    "team.status.behind": "🔴 tertinggal {behind} JP",
    "team.pending": " · {count} klaim menunggu",
    "team.enrolled": " · {count} program diikuti",
    "team.page": "Halaman {page} dari {pages}.",
    "team.show.a": "🌳 Seluruh jajaran",
    "team.show.d": "👤 Bawahan langsung",
    "team.nudge.button": "🔔 Ingatkan {name}",
    "team.nudge.queued": "✅ Pengingat untuk {name} sedang dikirim.",
    "team.nudge.too_soon": "Pengingat untuk {name} sudah dikirim pada {date}. Setiap pegawai diingatkan paling banyak sekali seminggu.",
    "team.nudge.not_in_team": "Pegawai ini tidak termasuk tim Anda. Tidak ada yang dikirim.",
    "team.nudge.not_behind": "{name} tidak tertinggal. Tidak ada yang dikirim.",
    "team.nudge.not_linked": "{name} belum menautkan akun Telegram. Tidak ada yang dikirim.",
    "cli.kepala_added": "Akun Telegram {id} kini tercatat sebagai kepala OPD ({opd}): hanya melihat, menerima ringkasan bulanan.",
    "cli.kepala_exists": "Akun Telegram {id} sudah tercatat sebagai kepala OPD ({opd}); tidak ada yang diubah.",
    "team.nudge.notice": (
        "👋 Salam dari atasan Anda, {supervisor}. JP Anda tahun ini baru <b>{approved} JP</b> "
        "dari target {target} JP. Anda tertinggal <b>{behind} JP</b> dari jadwal. "
        "Mari ikuti program pengembangan kompetensi."
    ),
}

EN: dict[str, str] = {
    "cmd.team": "your team: your staff's JP",
    "menu.team": "👥 My team",
    "team.none": "You are not recorded as anyone's direct supervisor. Supervisors come from the supervisor NIP column of your OPD's roster.",
    "team.title.d": "👥 <b>Your team: direct reports</b>",
    "team.title.a": "👥 <b>Your team: everyone below you</b>",
    "team.summary": "{members} employees: {met} met the target, {on_track} on track, {behind} behind ({behind_jp} JP in total).",
    "team.member": "{n}. <b>{name}</b>{position}\n    {approved} / {target} JP · {status}{extra}",
    "team.level": " (level {depth})",
    "team.status.met": "✅ target met",
    "team.status.on_track": "🟢 on track",
    "team.status.behind": "🔴 behind by {behind} JP",
    "team.pending": " · {count} claims pending",
    "team.enrolled": " · {count} programs enrolled",
    "team.page": "Page {page} of {pages}.",
    "team.show.a": "🌳 Everyone below",
    "team.show.d": "👤 Direct reports",
    "team.nudge.button": "🔔 Nudge {name}",
    "team.nudge.queued": "✅ A reminder to {name} is on its way.",
    "team.nudge.too_soon": "{name} was already reminded on {date}. Each employee is reminded at most once a week.",
    "team.nudge.not_in_team": "This employee is not in your team. Nothing was sent.",
    "team.nudge.not_behind": "{name} is not behind. Nothing was sent.",
    "team.nudge.not_linked": "{name} has not linked Telegram yet. Nothing was sent.",
    "cli.kepala_added": "Telegram account {id} is now recorded as head of OPD ({opd}): read-only, gets the monthly digest.",
    "cli.kepala_exists": "Telegram account {id} already is head of OPD ({opd}); nothing changed.",
    "team.nudge.notice": (
        "👋 Greetings from your supervisor, {supervisor}. This year you have <b>{approved} JP</b> "
        "of the {target} JP target. You are <b>{behind} JP</b> behind schedule. "
        "Let us join a competency development program."
    ),
}

"""English. Same keys as the Indonesian catalogue (a test checks it)."""

MESSAGES: dict[str, str] = {
    "menu.balance": "📊 JP balance",
    "menu.history": "📜 JP history",
    "menu.language": "🌐 Language",
    "menu.help": "❓ Help",
    "menu.placeholder": "Choose from the menu below…",
    "link.share_button": "📱 Share my phone number",
    "link.placeholder": "Tap Share my phone number",
    "cmd.start": "Start and link your account",
    "cmd.balance": "This year's JP balance",
    "cmd.history": "JP of earlier years",
    "cmd.language": "Change language",
    "cmd.help": "Help",
    "cmd.unlink": "Unlink your account",
    "start.welcome": (
        "Welcome to the <b>ASN Corpu JP bot</b> of {organisation}.\n\n"
        "Every civil servant has the right to at least <b>20 JP</b> of competency "
        "development a year. Here you can see your JP balance and history.\n\n"
        "To begin, link your Telegram account to your employee record:\n"
        "• tap <b>📱 Share my phone number</b> below (the number must match the one your "
        "OPD registered), or\n"
        "• type the <b>link code</b> your OPD admin gave you (e.g. ABCDE-FGH23)."
    ),
    "start.welcome_back": "Hello, {name}! Your account is linked to your employee record ({opd}).",
    "link.linked": (
        "✅ Account linked.\nHello, <b>{name}</b>! What most people open first is in the "
        "menu below: <b>📊 JP balance</b>, <b>🎓 Programs</b> and <b>📝 Report training</b>."
    ),
    "link.already_linked": "Your account is already linked to {name}'s record.",
    "link.account_has_other": (
        "This Telegram account is already linked to another employee record. To change it, "
        "send /unlink first."
    ),
    "link.employee_taken": (
        "The employee record for this number is already linked to another Telegram account. "
        "If that is not you, or you changed accounts, ask your OPD admin for a "
        "<b>link code</b>."
    ),
    "link.not_own_contact": (
        "That contact is not your own. For your safety, use the <b>📱 Share my phone "
        "number</b> button so Telegram sends your own number."
    ),
    "link.invalid_phone": (
        "Your phone number is not an Indonesian number we recognise. Ask your OPD admin for "
        "a <b>link code</b>."
    ),
    "link.not_found": (
        "Your phone number is not in the employee roster. Nothing was stored.\n"
        "Next step: ask your OPD admin to update your phone number, or ask for a "
        "<b>link code</b> and type it here."
    ),
    "link.ambiguous": (
        "This phone number is registered for more than one employee, so we cannot link it. "
        "Ask your OPD admin for a <b>link code</b>."
    ),
    "link.code_unknown": (
        "Unknown link code. Check the code from your OPD admin "
        "(attempts left: {attempts_left})."
    ),
    "link.code_expired": (
        "This link code has expired. Ask your OPD admin for a new one "
        "(attempts left: {attempts_left})."
    ),
    "link.code_used": (
        "This link code has already been used. Ask your OPD admin for a new one "
        "(attempts left: {attempts_left})."
    ),
    "link.rate_limited": (
        "Too many wrong codes. For your safety, please try again after {time}."
    ),
    "link.rate_limited_global": (
        "Too many wrong link codes are being tried right now, so link codes are not "
        "accepted for a while. Please try again after {time}, or tap <b>📱 Share my "
        "phone number</b>."
    ),
    "link.needed": (
        "Your account is not linked to an employee record yet. Tap <b>📱 Share my phone "
        "number</b> below, or type the link code from your OPD admin."
    ),
    "unlink.confirm": (
        "Unlink this Telegram account from your employee record?\n\n"
        "What is kept: your employee record and all your JP records (managed by BPSDM and "
        "your OPD). What is removed: the link between this Telegram account and your record."
    ),
    "unlink.yes": "Yes, unlink",
    "unlink.no": "Cancel",
    "unlink.done": (
        "Your account is unlinked. Your JP records are kept. You can link your "
        "account again at any time with /start."
    ),
    "unlink.cancelled": "Cancelled. Your account stays linked.",
    "unlink.not_linked": "This Telegram account is not linked to an employee record. To link it, send /start.",
    "language.choose": "Pilih bahasa / Choose a language:",
    "language.set": "Language set to English.",
    "balance.title": "📊 <b>JP balance {year}</b>",
    "balance.who": "{name} · {opd}",
    "balance.approved": "Approved: <b>{jp} JP</b>",
    "balance.target": "Yearly target: {jp} JP",
    "balance.remaining": "Remaining to target: {jp} JP",
    "balance.expected": "Expected by {date}: {jp} JP",
    "balance.status.met": "Status: ✅ Target met",
    "balance.status.on_track": "Status: 🟢 On track",
    "balance.status.behind": "Status: ⚠️ Behind by {jp} JP",
    "balance.by_category": "<b>By category</b>",
    "balance.by_source": "<b>By source</b>",
    "balance.pending": "⏳ Awaiting verification (not counted): {jp} JP ({count} pending)",
    "balance.latest": "<b>Latest records</b>",
    "balance.none": "No approved JP this year yet.",
    "balance.line": "• {label}: {jp} JP",
    "balance.record": "• {date} · {title} · {jp} JP",
    "history.title": "📜 <b>JP history</b>",
    "history.empty": "No JP records from earlier years.",
    "history.year": "<b>{year}</b>: {jp} JP approved (target {target} JP) {mark}",
    "history.year_pending": "   ⏳ awaiting verification: {jp} JP",
    "history.more#one": "   … and {count} more record",
    "history.more#other": "   … and {count} more records",
    "history.status.pending": "⏳",
    "history.status.rejected": "❌ rejected",
    "history.truncated": "… (message shortened because it was too long)",
    "help.title": "<b>ASN Corpu JP bot — help</b>",
    "help.role.supervisor": "<b>For supervisors</b>",
    "help.role.opd_admin": "<b>For OPD admins</b>",
    "help.role.superadmin": "<b>For BPSDM superadmins</b>",
    "help.footer": (
        "JP are counted per calendar year (WITA). Records awaiting verification are shown "
        "apart and not counted yet. If something is wrong, contact your OPD admin."
    ),
    "group.private_only": (
        "To protect personal data we only answer in a private chat. "
        "Please open a chat with this bot: {link}"
    ),
    "group.open_button": "Open private chat",
    # Guided flows (/report, /announce): leaving and expiry
    "dialog.cancelled": "Cancelled. Nothing from this form was saved.",
    "dialog.nothing_to_cancel": "There is no form in progress.",
    "dialog.expired": (
        "Your earlier form expired because it was left unfinished, so we removed it. "
        "Please start again from the beginning."
    ),
    "dialog.unsupported": (
        "That kind of message cannot be used here. Send text, a photo or a document "
        "as this step asks, or send /cancel to stop."
    ),
    "dialog.use_buttons": "Please choose with the buttons above, or send /cancel to stop.",
    # Superadmins manage OPD admins in Telegram
    "roles.menu_button": "👥 OPD admins",
    "roles.title": "👥 <b>OPD admins</b> (only superadmins can change them)",
    "roles.none": "There are no OPD admins yet.",
    "roles.line": "{n}. {name} · {opd}",
    "roles.suspended": (
        " · ⏸ suspended (no longer linked to this employee, or moved OPD; grant it "
        "again to restore it)"
    ),
    "admin.identify_first": (
        "Before you verify reports, link this account to your own employee record "
        "(send /start, then tap Share my phone number) so that your own reports never "
        "reach you. Nothing was changed."
    ),
    "roles.unlinked_account": "Telegram account {id} (not linked)",
    "roles.revoke_button": "❌ Revoke {n}. {name}",
    "roles.add_button": "➕ Add an OPD admin",
    "roles.ask_nip": (
        "Send the <b>NIP</b> of the employee who will be an OPD admin (18 digits). "
        "They become admin of the OPD they work in, and their Telegram account must "
        "already be linked to the bot. Send /cancel to stop."
    ),
    "roles.candidate.nip_invalid": (
        "A NIP has 18 digits. Check it and send it again, or send /cancel to stop."
    ),
    "roles.candidate.not_found": (
        "No active employee has that NIP. Check it and send it again, or send /cancel "
        "to stop."
    ),
    "roles.candidate.not_linked": (
        "{name} ({opd}) has not linked a Telegram account yet. Ask them to open this "
        "bot and tap <b>📱 Share my phone number</b>, then try again."
    ),
    "roles.candidate.already": "{name} is already an OPD admin of {opd}.",
    "roles.confirm": "Make <b>{name}</b> an OPD admin of <b>{opd}</b>?",
    "roles.confirm_button": "✅ Yes, make admin",
    "roles.cancel_button": "↩️ Cancel",
    "roles.granted": "✅ OPD admin of {opd} added. We have told them through the bot.",
    "roles.not_granted": (
        "Nothing was changed: that employee is no longer linked to the bot, or "
        "already holds this role."
    ),
    "roles.revoke_confirm": (
        "Revoke this OPD admin role? They will no longer be able to open the admin "
        "menu."
    ),
    "roles.revoke_yes": "❌ Yes, revoke",
    "roles.revoked": "✅ OPD admin role revoked.",
    "roles.revoke_gone": "That role no longer exists. Nothing was changed.",
    "notice.role_granted": (
        "🛠 You are now an <b>OPD admin of {opd}</b> in this bot. Send /admin to open the admin menu."
    ),
    "fallback.unknown": "Sorry, we did not understand this message. Use the menu below or send /help.",
    "callback.expired": "This button is no longer valid. Please open it again from the menu.",
    "error.generic": "Sorry, something went wrong on our side. Please try again in a moment. If it keeps failing, contact your OPD admin.",
    "category.kepemimpinan": "Leadership",
    "category.manajerial": "Managerial",
    "category.teknis": "Technical",
    "category.fungsional": "Functional",
    "category.sosial_kultural": "Socio-cultural",
    "category.seminar": "Seminar/conference",
    "category.workshop": "Workshop",
    "category.kursus": "Course",
    "category.bimtek": "Technical guidance (bimtek)",
    "category.sosialisasi": "Socialisation",
    "category.e_learning": "E-learning",
    "category.pelatihan_jarak_jauh": "Distance training",
    "category.coaching": "Coaching",
    "category.mentoring": "Mentoring",
    "category.magang": "Internship",
    "category.detasering": "Secondment",
    "category.pertukaran": "Employee exchange",
    "category.benchmarking": "Benchmarking",
    "category.outbound": "Outbound",
    "category.belajar_mandiri": "Self-study",
    "category.komunitas_belajar": "Learning community",
    "category.bimbingan_kerja": "On-the-job guidance",
    "category.lainnya": "Other",
    "source.program": "ASN Corpu program",
    "source.self_report": "Self-reported",
    "source.import": "Imported records",
    # Console (asn-corpu-bot); plain text, no HTML
    "cli.no_token": (
        "TELEGRAM_BOT_TOKEN is not set, so the bot cannot start.\n"
        "To get one: open Telegram, find @BotFather, send /newbot and follow the steps until "
        "you receive a token (for example 123456789:AAF...). Copy .env.example to .env in "
        "the project folder and fill in TELEGRAM_BOT_TOKEN=<your token> (or set the "
        "TELEGRAM_BOT_TOKEN environment variable), then run `make run` again. Want to try "
        "it without a token? Run `make demo`."
    ),
    "cli.migrations_pending#one": "The database schema is out of date ({count} migration pending) and AUTO_MIGRATE is off. Run `asn-corpu-bot db upgrade` first, then start the bot again.",
    "cli.migrations_pending#other": "The database schema is out of date ({count} migrations pending) and AUTO_MIGRATE is off. Run `asn-corpu-bot db upgrade` first, then start the bot again.",
    "cli.db_unreachable": (
        "The database cannot be reached ({backend}). Check DATABASE_URL in .env and make "
        "sure the database server is running."
    ),
    "cli.db_upgraded": "The database schema is up to date (revision {revision}).",
    "cli.file_not_found": "File not found: {path}",
    "cli.nip_invalid": "Invalid NIP: {reason}",
    "cli.nip_not_found": "No employee with that NIP is on the roster.",
    "cli.link_code": (
        "Link code for {name}: {code}\n"
        "Valid until {expires}, single use.\n"
        "Direct link: {link}\n"
        "Give this code only to that employee."
    ),
    "cli.link_code_no_username": (
        "Link code for {name}: {code}\n"
        "Valid until {expires}, single use.\n"
        "The employee types this code in the bot's chat. (Set BOT_USERNAME in .env to also "
        "print the t.me direct link.)\n"
        "Give this code only to that employee."
    ),
    "cli.demo_seeded": (
        "Demo data added (OPDs: {opds}, employees: {employees}, JP records: "
        "{records}).\n"
        "Demo employee: {name}, NIP {nip}, phone {phone}. Share that number with the "
        "bot (or make a code with `asn-corpu-bot link-code {nip}`) to try it."
    ),
    "cli.demo_present": "Demo data is already there; nothing was added.",
    "cli.demo_size": "The number of demo employees must be between 1 and 100,000.",
    "cli.unexpected": "An unexpected error occurred ({kind}). Run again with LOG_LEVEL=DEBUG to write its traceback to the log (phone numbers and NIPs masked).",
    "cli.interrupted": "Stopped.",
    # Issue 13 (operations): program cards by eligibility, backup and restore.
    "program.not_for_you": (
        "This program was not found or is not meant for you. See other programs in "
        "/programs."
    ),
    "cli.backup_done": "Backup saved: {path} ({size}, schema revision {revision}); integrity check: ok.",
    "cli.restore_done": "Database {path} restored from {source} (schema revision {revision}); integrity check: ok.",
    "cli.restore_kept": "The previous database is kept as {path}.",
    "cli.restore_outdated": "This backup has an older schema: run asn-corpu-bot db upgrade (the bot also does it when it starts with AUTO_MIGRATE=true).",
    "cli.backup_postgres": (
        "This database is PostgreSQL: back it up and restore it with PostgreSQL's own tools "
        "(the password from PGPASSWORD or ~/.pgpass).\n"
        "  pg_dump --format=custom --file={file} '{url}'\n"
        "  pg_restore --clean --if-exists --no-owner --single-transaction --dbname='{url}' {file}\n"
        "Stop the bot before pg_restore."
    ),
    "cli.backup_not_a_file": "Backups are for a SQLite file or PostgreSQL; check DATABASE_URL.",
    "cli.backup_problem.source_missing": "File not found: {path}",
    "cli.backup_problem.same_file": "The backup and the database are the same file: {path}",
    "cli.backup_problem.not_a_database": "{path} is not a SQLite database; nothing was changed.",
    "cli.backup_problem.damaged": "{path} is damaged (the integrity check failed); nothing was changed.",
    "cli.backup_problem.no_revision": "{path} is not a backup of this bot (no schema revision); nothing was changed.",
    "cli.backup_problem.newer_revision": "{path} comes from a newer version of the bot; update the bot first, then restore again.",
    "cli.backup_problem.in_use": "The database is open (the bot or another command is still running); stop it first, then restore again. Nothing was changed.",
    "import.file_problem": "The file cannot be imported: {reason}",
    "import.summary_roster": (
        "Rows read: {rows}. New employees: {created}, updated: {updated}, unchanged: "
        "{unchanged}, new OPDs: {opds_created}, OPD admin roles suspended: "
        "{roles_suspended} (moved OPD: grant them again in /admin to confirm)."
    ),
    "import.summary_jp": (
        "Rows read: {rows}. New JP records: {created}, updated: {updated}, already "
        "present: {unchanged} (including repeated rows in the file: {duplicates})."
    ),
    "import.dry_run_done": "Dry run only (--dry-run): nothing was saved.",
    "import.applied": "Import finished and saved.",
    "import.skipped#one": "{count} row with problems was skipped (--skip-invalid).",
    "import.skipped#other": "{count} rows with problems were skipped (--skip-invalid).",
    "import.rejected#one": "{count} problem found; nothing was saved. Fix the row below and import again, or use --skip-invalid to import only the correct rows.",
    "import.rejected#other": "{count} problems found; nothing was saved. Fix the rows below and import again, or use --skip-invalid to import only the correct rows.",
    "import.errors_found#one": "{count} problem found:",
    "import.errors_found#other": "{count} problems found:",
    "import.error_line": "Row {row}, column {column}: {message}",
    "import.more_errors#one": "…and {count} more problem.",
    "import.more_errors#other": "…and {count} more problems.",
    "import.error.file_type": "unsupported file type; use .csv or .xlsx.",
    "import.error.file_too_large": "the file is too large (at most 20 MB and 200,000 rows).",
    "import.error.file_unreadable": (
        "the file cannot be read. Save it again from Excel as \"CSV UTF-8\" or as .xlsx."
    ),
    "import.error.file_unpacked_too_large": (
        "the file's contents are too large once unpacked (over 200 MB). Copy the data into "
        "a new workbook without pictures or other sheets, then send it again."
    ),
    "import.error.sheet_too_wide": (
        "the first sheet has more than 64 columns. Delete the unused columns (or copy the "
        "data to a new sheet), then send it again."
    ),
    "import.error.sheet_too_many_cells": (
        "the first sheet has too many cells (over 4 million). Delete formatted empty rows "
        "and columns (or copy the data to a new sheet), then send it again."
    ),
    "import.error.file_empty": "the file is empty or has no header row.",
    "import.error.missing_columns": "required columns are missing: {columns}.",
    "import.error.ambiguous_columns": "these columns appear more than once: {columns}.",
    "import.error.nip_empty": "the NIP is empty.",
    "import.error.nip_numeric_cell": (
        "the NIP was stored as a number and lost digits; format the NIP column as Text and "
        "type it again."
    ),
    "import.error.nip_length": "a NIP has exactly 18 digits.",
    "import.error.nip_birth_date": "the first 8 digits of the NIP are not a valid birth date.",
    "import.error.nip_tmt": (
        "digits 9–14 of the NIP are not a valid appointment year and month (at least 17 years "
        "after the birth date in digits 1–8)."
    ),
    "import.error.nip_birth_future": "the birth date in the NIP (digits 1–8) is in the future; check the NIP.",
    "import.error.nip_too_young": "the birth date in the NIP (digits 1–8) means an age under 17; check the NIP.",
    "import.error.nip_tmt_future": "the appointment year in the NIP (digits 9–12) is in the future; check the NIP.",
    "import.error.nip_sex": "digit 15 of the NIP must be 1 (male) or 2 (female).",
    "import.error.nip_duplicate": "the same NIP appears more than once in the file.",
    "import.error.supervisor_unknown": "unknown supervisor NIP: not in the roster nor in this file.",
    "import.error.supervisor_cycle": "the supervisor NIP makes a loop: this employee would supervise their own supervisor.",
    "import.error.name_empty": "the name is empty.",
    "import.error.name_too_long": "the value is too long.",
    "import.error.type_unknown": "the employee type must be PNS, CPNS or PPPK.",
    "import.error.opd_empty": "the OPD name is empty.",
    "import.error.phone_invalid": (
        "invalid phone number; use an Indonesian mobile number, e.g. 0812-3456-7890."
    ),
    "import.error.too_long": "the value is too long.",
    "import.error.nip_unknown": "this NIP is not on the roster; import the roster first.",
    "import.error.title_empty": "the title is empty.",
    "import.error.category_empty": "the category is empty.",
    "import.error.category_unknown": "unknown category (see the list in the README).",
    "import.error.jp_empty": "the JP amount is empty.",
    "import.error.jp_invalid": "the JP amount must be a number, e.g. 12.5.",
    "import.error.jp_not_positive": "the JP amount must be more than 0.",
    "import.error.jp_too_large": "the JP amount is too large (at most 999.99).",
    "import.error.jp_precision": "the JP amount has at most two decimals.",
    "import.error.date_format": "unknown date format; use DD/MM/YYYY or YYYY-MM-DD.",
    "import.error.date_invalid": "this date does not exist.",
    "import.error.date_empty": "the date is empty.",
    "import.error.date_order": "the end date is before the start date.",
    "import.error.date_future": "the end date has not happened yet.",
    "import.error.date_too_old": "the start date is before 1970; fill in the real date of the activity.",
    "import.error.record_duplicate": (
        "the same NIP, title and start date (or ref) appear more than once with different "
        "contents; keep one row."
    ),
    "import.error.status_unknown": "the status must be \"approved\" or \"pending\".",
    # Programs (ASN Corpu)
    "menu.programs": "🎓 Programs",
    "menu.mine": "🗂 My activities",
    "cmd.programs": "Training programs you can join",
    "cmd.mine": "Your enrollments and activities",
    "link.needed_short": "Link your account first: send /start, then tap Share my phone number.",
    "programs.title": "🎓 <b>ASN Corpu programs</b> for you",
    "programs.filtered": "Filter: {filters}",
    "programs.page": "Page {page} of {pages}. Choose a program for details.",
    "programs.none": "No upcoming programs match. Please change the filter, or check again later.",
    "programs.filter_category": "🏷 Category",
    "programs.filter_month": "🗓 Month",
    "programs.filter_clear": "✖️ Clear filter",
    "programs.filter_all": "All",
    "programs.choose_category": "Choose a category:",
    "programs.choose_month": "Choose a month:",
    "program.title": "🎓 <b>{title}</b>",
    "program.meta": "Code {code} · {category} · {method}",
    "program.jp": "Worth: <b>{jp} JP</b>",
    "program.schedule": "<b>Schedule</b>",
    "program.session": "• {date}, {start}–{end}",
    "program.more_sessions#one": "• …and {count} more session",
    "program.more_sessions#other": "• …and {count} more sessions",
    "program.place": "📍 Place: {place}",
    "program.online": "💻 Online: {url}",
    "program.organiser": "Organiser: {organiser}",
    "program.seats": "Seats left: <b>{left}</b> of {quota}",
    "program.full": "Full · waiting list: {waiting}",
    "program.full_no_queue": "All seats are taken.",
    "program.registration_opens": "Registration opens {when}",
    "program.registration_until": "Registration until {when}",
    "program.registration_closed": "Registration is closed.",
    "program.mine.enrolled": "✅ You are enrolled in this program.",
    "program.mine.waitlisted": "⏳ You are on the waiting list, number {position}.",
    "program.mine.completed": "🎉 You have completed this program.",
    "program.mine.cancelled": "Your earlier enrollment was cancelled.",
    "program.mine.no_show": "You were recorded as absent from this program.",
    "program.enroll_button": "✍️ Enroll",
    "program.waitlist_button": "⏳ Join the waiting list",
    "program.cancel_button": "❌ Cancel",
    "program.calendar_button": "📅 Add to calendar",
    "program.back_button": "⬅️ Back to the list",
    "program.calendar_caption": "Schedule of {title}. Open this file to add it to your calendar.",
    "method.klasikal": "Classroom",
    "method.e_learning": "E-learning",
    "method.blended": "Blended",
    "method.nonklasikal": "Non-classroom",
    "refusal.not_available": "This program is no longer available.",
    "refusal.cancelled": "This program was cancelled.",
    "refusal.started": "This program has already started. Its enrollment is closed.",
    "refusal.not_eligible": "This program is for particular participants (OPDs or position types), and you are not among them.",
    "refusal.not_open_yet": "Registration for this program is not open yet.",
    "refusal.closed": "Registration for this program is closed.",
    "enroll.enrolled": "✅ You are enrolled. See you in class!",
    "enroll.enrolled_online": "✅ You are enrolled. The link to the online class is in the program details below.",
    "enroll.waitlisted": "⏳ The program is full. You are on the waiting list, number {position}. We will let you know when a seat frees up.",
    "enroll.already_enrolled": "You are already enrolled in this program.",
    "enroll.already_waitlisted": "You are already on the waiting list, number {position}.",
    "enroll.already_completed": "You have already completed this program.",
    "enroll.overlap": "⚠️ This program's schedule overlaps a program you are enrolled in: {titles}. Enroll anyway?",
    "enroll.confirm_button": "Yes, enroll anyway",
    "cancel.ask": "Cancel your enrollment? Your seat goes to the next person on the waiting list.",
    "cancel.yes": "Yes, cancel",
    "cancel.no": "No",
    "cancel.cancelled": "Your enrollment is cancelled.",
    "cancel.started": (
        "This program has already started, so the enrollment cannot be cancelled. "
        "Please contact the program's organiser."
    ),
    "cancel.not_enrolled": "You are not enrolled in this program.",
    "mine.title": "🗂 <b>My activities</b>",
    "mine.none": (
        "You have not enrolled in any program yet. Tap <b>🎓 See programs</b> below to "
        "choose one."
    ),
    "mine.browse_button": "🎓 See programs",
    "mine.line": "• {date} · {title} · {jp} JP — {status}",
    "mine.status.enrolled": "enrolled",
    "mine.status.waitlisted": "waiting list no. {position}",
    "mine.status.completed": "completed ✅",
    "balance.suggest_needs": "🎯 matches a learning need you declared in /needs",
    "balance.suggest": "<b>Programs that can make up your JP shortfall</b>",
    "notice.seat_granted": "🎉 A seat is yours! You are now enrolled in <b>{title}</b> ({when}). See /mine.",
    "notice.program_cancelled": (
        "We are sorry: <b>{title}</b> ({when}) was cancelled by the organiser. Your "
        "enrollment is cancelled too. See other programs in /programs."
    ),
    "notice.jp_credited": "🎓 Congratulations! <b>{jp} JP</b> from <b>{title}</b> have been recorded. Your JP this year: <b>{total} JP</b> of the {target} JP target.",
    "notice.jp_credited_short": "🎓 Congratulations! <b>{jp} JP</b> from <b>{title}</b> have been recorded.",
    # Admin: programs
    "admin.not_allowed": (
        "This menu is for admins only. If you are an admin, ask a BPSDM superadmin to "
        "add your Telegram account."
    ),
    "admin.programs_title": "🛠 <b>Manage programs</b>",
    "admin.programs_none": "No active programs yet. To load programs, contact the BPSDM system operator.",
    "admin.programs_help": (
        "📝 draft · 🟢 published · numbers = seats taken/quota (+ waiting list). To "
        "record attendance, send the participant list with its Attended column filled "
        "in. Send /announce for an announcement, /reviewreports for reported "
        "training."
    ),
    "admin.program_meta": "Code {code} · {status} · {jp} JP",
    "admin.program_when": "Starts: {when}",
    "admin.program_registration": "Registration closes: {when}",
    "admin.program_counts": "Participants: {taken}/{quota} · waiting {waiting} · completed {completed} · absent {no_show}",
    "admin.status.draft": "draft",
    "admin.status.published": "published",
    "admin.status.cancelled": "cancelled",
    "admin.status.completed": "completed",
    "admin.publish": "📣 Publish",
    "admin.close": "🔒 Close registration",
    "admin.cancel": "⛔ Cancel program",
    "admin.cancel_ask": "Cancel this program? Everyone enrolled or waiting will be told. This cannot be undone.",
    "admin.cancel_yes": "Yes, cancel the program",
    "admin.download": "📥 Download participants",
    "admin.attendance": "✅ Attendance",
    "admin.back": "⬅️ Back",
    "admin.action_not_allowed": (
        "That action does not apply to the program's current status. Open the program "
        "again from /admin."
    ),
    "admin.done.publish": (
        "📣 Program published; eligible employees can now see it and enroll. Employees "
        "who need its competencies, told first: {notified}."
    ),
    "admin.done.close": "🔒 Registration closed.",
    "admin.done.cancel": "⛔ Program cancelled. People told: {notified}.",
    "admin.download_caption": (
        "Participants of {title} ({count}). Fill in the Attended column with yes or "
        "no, then send this file back here."
    ),
    "admin.attendance_title": "✅ <b>Attendance of {title}</b> (page {page} of {pages})",
    "admin.attendance_none": "No participants enrolled yet.",
    "admin.attendance_help": "Tap a name to mark completed (JP recorded once), ❌ for absent.",
    "admin.mark.completed": "✅ Marked completed; the participant's JP are recorded.",
    "admin.mark.already": "Already recorded. Nothing was changed.",
    "admin.mark.no_show": "❌ Marked absent.",
    "admin.mark.too_early": "The program has not started; attendance can be recorded once it has.",
    "admin.mark.not_found": "This participant is no longer enrolled. Nothing was changed.",
    "admin.file_not_expected": (
        "This file cannot be processed. To report training done outside ASN Corpu, "
        "send /trainingreport."
    ),
    "admin.file_problem": "The file cannot be processed: {reason}",
    "admin.attendance_rejected#one": "{count} problem found; no attendance was recorded:",
    "admin.attendance_rejected#other": "{count} problems found; no attendance was recorded:",
    "admin.attendance_done": (
        "Attendance recorded. Completed: {completed} (JP recorded); absent: "
        "{no_show}; already recorded: {already}; rows left empty: {skipped}."
    ),
    "import.error.program_code_empty": "the program code is empty.",
    "import.error.yes_no_unknown": "fill in yes or no (ya or tidak).",
    "import.error.attended_unknown": "fill the Attended column with yes or no (ya or tidak).",
    "import.error.not_a_participant": "this employee is not an enrolled participant of that program.",
    "import.error.program_not_started": "the program has not started yet.",
    "import.summary_programs": (
        "Rows read: {rows}. New programs: {created}, updated: {updated}, unchanged: "
        "{unchanged}."
    ),
    "import.error.time_invalid": "invalid time; use HH.MM, e.g. 08.00.",
    "import.error.session_order": "a session must end after it starts.",
    "import.error.program_conflict": "differs from this program's first row; leave it empty or make it the same.",
    "import.error.opd_unknown": "unknown target OPD; write OPD names or codes exactly as on the roster, separated by semicolons.",
    "import.error.registration_after_start": "registration must close before the first session starts.",
    "import.error.quota_below_taken": "the quota is below the number of people already enrolled.",
    "import.error.session_has_checkins": (
        "this file removes a session that already has participants' check-ins. List that "
        "session again (its time may be corrected) so its attendance is kept."
    ),
    "import.error.program_closed": "this program was cancelled or completed and cannot be changed.",
    "import.error.method_unknown": "the method must be klasikal, e-learning, blended or nonklasikal.",
    "import.error.quota_invalid": "the quota must be a whole number from 0 to 100,000.",
    "import.error.url_invalid": "the link must start with http:// or https://.",
    "import.error.position_type_unknown": "the position type must be struktural, fungsional or pelaksana.",
    "import.error.program_status_unknown": "the status must be draf or terbit.",
    "admin.finish": "🏁 Mark the program finished",
    "admin.done.finish": "🏁 The program is marked finished and leaves the active list.",
    # Reminders
    "reminder.behind": (
        "👋 Hello, {name}. This year you have <b>{approved} JP</b> of the {target} JP "
        "target; you are <b>{behind} JP</b> behind schedule. There is still time "
        "until {end}."
    ),
    "reminder.last_chance": "⏰ {name}, the JP year ends on {end}. You have <b>{approved} JP</b> of the {target} JP target: <b>{remaining} JP</b> to go. This is the last chance to enroll in a program.",
    "reminder.browse": "See the programs on offer: /programs. You can pause these reminders in /settings.",
    "reminder.session_eve": "📅 Reminder: tomorrow, {date} at {time}, session of <b>{title}</b>.",
    "reminder.session_morning": "☀️ Today at {time}: <b>{title}</b>. Enjoy the session!",
    # Preferences
    "cmd.settings": "Reminders and language",
    "prefs.title": "⚙️ <b>Settings</b>",
    "prefs.behind_on": "🔔 Weekly JP reminder: on (only when you are behind the target)",
    "prefs.behind_paused": "⏸ Weekly JP reminder: paused until you turn it on again",
    "prefs.behind_paused_until": "⏸ Weekly JP reminder: paused until {date}",
    "prefs.sessions_on": "🔔 Session reminders: on (the day before and in the morning)",
    "prefs.sessions_off": "🔕 Session reminders: off",
    "prefs.pause30": "⏸ Pause JP reminders for 30 days",
    "prefs.pause": "⏸ Pause JP reminders until changed",
    "prefs.resume": "▶️ Turn JP reminders on again",
    "prefs.sessions_turn_off": "🔕 Turn session reminders off",
    "prefs.sessions_turn_on": "🔔 Turn session reminders on",
    "prefs.language": "🌐 Language",
    "prefs.saved": "Saved.",
    "import.summary_holidays": (
        "Rows read: {rows}. New holidays: {created}, updated: {updated}, unchanged: "
        "{unchanged}."
    ),
    # Compliance report (/rekap, asn-corpu-bot report); labels in files are plain text
    "cmd.report": "20 JP compliance report (admins)",
    "report.sheet_summary": "Summary",
    "report.sheet_employees": "Employees",
    "report.col.name": "OPD / unit",
    "report.col.employees": "Employees",
    "report.col.linked": "Linked to Telegram",
    "report.col.met": "Met the target",
    "report.col.met_pct": "% met",
    "report.col.average": "Average JP",
    "report.col.behind": "Behind schedule",
    "report.col.employee": "Name",
    "report.col.unit": "Unit",
    "report.col.position": "Position",
    "report.col.type": "Type",
    "report.col.status": "Status",
    "report.status.met": "met",
    "report.status.on_track": "on track",
    "report.status.behind": "behind",
    "report.chart_title": "Employees who met 20 JP per OPD, {year}",
    "report.chart_x": "% of employees who met the target",
    "report.chart_expected": "Expected by today: {pct}% of the target",
    "report.title": "📈 <b>JP compliance {year}</b> (as of {as_of})",
    "report.title_opd": "📈 <b>JP compliance {year}: {opd}</b> (as of {as_of})",
    "report.legend": "Columns: employees · linked · met (%) · average JP · behind",
    "report.totals": (
        "Employees: {employees}. Met the target: {met} ({pct}%). Behind schedule: "
        "{behind}."
    ),
    "report.sort_pct": "Sort: % met",
    "report.sort_name": "Sort: name",
    "report.download": "📥 Download XLSX",
    "report.chart_caption": "Share of employees who met the target per OPD, {year}.",
    "report.preparing": "⏳ The file is being prepared. We will send it here shortly.",
    "background.failed": (
        "Sorry, the file could not be prepared. Please try again in a moment. If it "
        "keeps failing, contact the bot's operator."
    ),
    "admin.attendance_failed": (
        "Sorry, the attendance file could not be checked. Please send it again in a "
        "moment. If it keeps failing, contact the bot's operator."
    ),
    "admin.attendance_preparing": (
        "⏳ The attendance file was received and is being checked. We will send the "
        "result here shortly."
    ),
    "audit.preparing": "⏳ The audit trail is being prepared. We will send it here shortly.",
    "report.file_caption": "JP report {year}: summary and list of employees.",
    "report.not_allowed": (
        "The report is for BPSDM admins and OPD admins. If you are an OPD admin, ask "
        "a BPSDM superadmin to add your Telegram account."
    ),
    "report.written": "Report {year} written to {path} (employees: {employees}).",
    "report.chart_written": "Chart written to {path}.",
    "report.opd_unknown": "Unknown OPD code: {code}",
    "report.year_invalid": "The year must be between 2000 and 2100.",
    "cli.admin_added": "Telegram account {id} is now an admin ({opd}).",
    "cli.admin_exists": "Telegram account {id} is already an admin ({opd}); nothing was changed.",
    "cli.admin_removed#one": "{count} admin role taken from Telegram account {id}.",
    "cli.admin_removed#other": "{count} admin roles taken from Telegram account {id}.",
    "cli.admins_none": "No admins yet. Add one with asn-corpu-bot add-admin ID --super.",
    "cli.admin_line": "{id} · {role} · {opd}",
    "cli.audit_empty": "The audit trail is empty.",
    "audit.button": "📜 Audit trail (XLSX)",
    "audit.sheet": "Audit trail",
    "audit.col.at": "When",
    "audit.col.actor": "By",
    "audit.col.action": "Action",
    "audit.col.target": "Target",
    "audit.col.details": "Details",
    "audit.caption#one": "Audit trail: {count} entry, newest first.",
    "audit.caption#other": "Audit trail: {count} entries, newest first.",
    "import.summary_rules": (
        "Rows read: {rows}. New rules: {created}, changed: {updated}, unchanged: "
        "{unchanged}. JP already approved do not change."
    ),
    "import.error.unit_unknown": "the unit must be program, hari, sesi, kegiatan or jam.",
    "import.error.sessions_invalid": "the sessions per month must be a whole number from 1 to 31.",
    "rule.step.program": "{quantity} program JP × {rate} = {jp} JP",
    "rule.step.day": "{quantity} × {rate} JP a day = {jp} JP",
    "rule.step.session": "{quantity} × {rate} JP a session = {jp} JP",
    "rule.step.activity": "{quantity} × {rate} JP an activity = {jp} JP",
    "rule.step.hour": "{quantity} × {rate} JP a lesson hour = {jp} JP",
    "rule.step.cap": "capped at {cap} JP a day × {days} = {jp} JP",
    "admin.opd_menu": (
        "🛠 <b>OPD admin menu</b>\n"
        "• /compliance: 20 JP compliance in your OPD by unit, with a chart and an XLSX file.\n"
        "• /announce: send an announcement to your OPD's employees, with a delivery report.\n"
        "• /reviewreports: review the training your OPD's employees reported."
    ),
}

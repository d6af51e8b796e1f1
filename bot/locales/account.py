"""Messages shared by lists that page, the answer to an unknown command or link, and of
the user's own data (/privasi, /dataku, /hapusakun), both languages side by side. HTML
parse mode."""

ID: dict[str, str] = {
    "list.page": "Halaman {page} dari {pages}.",
    "command.unknown": "Perintah {command} tidak dikenal. Berikut perintah yang tersedia.",
    "link.not_a_code": (
        "Tautan ini tidak berisi kode tautan yang sah. Minta kode baru kepada admin OPD Anda, "
        "atau tekan <b>Bagikan nomor HP</b>."
    ),
}

EN: dict[str, str] = {
    "list.page": "Page {page} of {pages}.",
    "command.unknown": "The command {command} is unknown. Here are the commands you can use.",
    "link.not_a_code": (
        "This link holds no valid link code. Ask your OPD admin for a new code, "
        "or tap <b>Share my phone number</b>."
    ),
}

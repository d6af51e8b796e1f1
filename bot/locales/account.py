"""Messages shared by lists that page, and of the user's own data (/privasi, /dataku,
/hapusakun), both languages side by side. HTML parse mode."""

ID: dict[str, str] = {
    "list.page": "Halaman {page} dari {pages}.",
}

EN: dict[str, str] = {
    "list.page": "Page {page} of {pages}.",
}

"""Messages of the claims feature, both languages side by side. HTML parse mode."""

ID: dict[str, str] = {
}

EN: dict[str, str] = {
}

"""Domain logic. Plain async functions taking a session and a clock; no Telegram here."""

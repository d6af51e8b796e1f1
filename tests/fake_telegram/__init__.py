"""A fake Telegram Bot API server for end-to-end tests and demos."""

from .server import ApiError, FakeBotApi, SimGroup, SimUser, StoredFile

__all__ = ["ApiError", "FakeBotApi", "SimGroup", "SimUser", "StoredFile"]

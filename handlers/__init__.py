"""The Telegram layer: turns updates into service calls and results into replies.

Every handler declares itself (handlers/core/routes.py); importing the feature packages
below is what declares them, and `register` adds them all to the Application.
"""

from __future__ import annotations

import importlib
import pkgutil

from telegram.ext import Application, CallbackQueryHandler

from handlers.core.errors import on_error, stale_button
from handlers.core.routes import ROUTES

FEATURES = (
    "core",
    "self_service",
    "team",
    "digest",
    # not yet on the routes framework (being ported):
    "programs",
    "claims",
    "verification",
    "announcements",
    "compliance",
    "admin",
    "needs",  # issue 14: planning from needs
    "attendance",  # self check-in, evaluation, e-certificates (issue 15)
)


def load_routes() -> None:
    """Import every handler module, so that each declares its routes (once)."""
    for feature in FEATURES:
        package = importlib.import_module(f"handlers.{feature}")
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"handlers.{feature}.{module.name}")


def register(app: Application) -> None:  # type: ignore[type-arg]
    load_routes()
    first = [r for r in ROUTES if r.kind == "message" and r.order == 0]
    commands = [r for r in ROUTES if r.kind == "command"]
    buttons = [r for r in ROUTES if r.kind == "button"]
    messages = sorted((r for r in ROUTES if r.kind == "message" and r.order), key=lambda r: r.order)
    app.add_handlers([r.handler for r in [*first, *commands, *buttons, *messages]])
    # Before every other group: downloads that must not happen inside a unit of work.
    app.add_handlers([r.handler for r in ROUTES if r.kind == "prefetch"], group=-1)
    app.add_handler(CallbackQueryHandler(stale_button))
    app.add_error_handler(on_error)

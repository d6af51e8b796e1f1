"""Wiring: the PTB Application with settings, database, clock, handlers and jobs.

The only module of `bot/` that knows the Telegram handlers exist."""

from __future__ import annotations

import logging

from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest

import handlers
from bot import jobs
from bot.clock import Clock
from bot.context import APP_KEY, AppContext
from bot.background import Background
from bot.services.menus import role_holders
from bot.settings import Settings
from bot.updates import PerUserUpdateProcessor
from bot.presentation.menus import publish_commands, publish_role_commands
from handlers.core.context import BotContext
from models.db import Database

log = logging.getLogger(__name__)


async def _post_init(app: Application) -> None:  # type: ignore[type-arg]
    settings = app.bot_data[APP_KEY].settings
    if not settings.bot_username and app.bot.username:
        # Deep links in what the outbox sends (the certificate's QR) need the bot's name.
        settings.bot_username = app.bot.username
    await publish_commands(app.bot)
    context = app.bot_data[APP_KEY]

    async def chat_commands() -> None:
        async with context.db.reading() as session:
            audiences = await role_holders(session, settings.default_language)
        await publish_role_commands(app.bot, audiences)

    # Each role holder's own command list: many chats, so after start, not before it.
    context.background.start("chat-commands", chat_commands)
    await jobs.outbox.start_worker(app)


async def _post_stop(app: Application) -> None:  # type: ignore[type-arg]
    """Stopping, before the database closes (post_shutdown): heavy work that started may
    finish (it may still send its result), then the outbox sender stops."""
    try:
        await app.bot_data[APP_KEY].background.join(timeout=60)
    except TimeoutError:
        log.warning("stopping with background work still running")
    await jobs.outbox.stop_worker(app)


def build_application(
    settings: Settings,
    db: Database,
    clock: Clock,
    *,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    rate_limit: bool = True,
) -> Application:  # type: ignore[type-arg]
    """The bot, ready to initialise; `request` replaces the network (tests, benchmarks)."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.tz))
        .context_types(ContextTypes(context=BotContext))
        .concurrent_updates(PerUserUpdateProcessor(settings.concurrent_updates))
        .post_init(_post_init)
        .post_stop(_post_stop)
    )
    if settings.bot_api_base_url and settings.bot_api_file_url:
        builder = builder.base_url(settings.bot_api_base_url).base_file_url(
            settings.bot_api_file_url
        )
    if request is not None:
        builder = builder.request(request).get_updates_request(updates_request or request)
    if rate_limit:
        # Spreads bursts under Telegram's limits and retries once on RetryAfter.
        builder = builder.rate_limiter(AIORateLimiter(max_retries=1))
    app = builder.build()
    app.bot_data[APP_KEY] = AppContext(settings=settings, db=db, clock=clock,
                                       background=Background(settings.background_workers))
    handlers.register(app)
    jobs.register(app)
    return app

"""`asn-corpu-bot`: the operator's console (see bot/cli/main.py)."""

from bot.cli.console import EXIT_DATABASE, EXIT_INPUT, EXIT_OK, EXIT_USAGE
from bot.cli.main import main

__all__ = ["EXIT_DATABASE", "EXIT_INPUT", "EXIT_OK", "EXIT_USAGE", "main"]

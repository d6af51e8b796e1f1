"""ASN Corpu JP bot: settings, wiring, services (domain logic), CLI."""

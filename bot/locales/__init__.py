"""Message catalogues: one module per language, the same keys in each."""

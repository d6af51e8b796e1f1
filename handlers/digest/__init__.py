"""The leaders' monthly digest: what its buttons do."""

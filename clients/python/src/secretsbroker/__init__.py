"""Generated and hand-written Python client for secrets-broker."""

"""Keys at rest: key providers (the KEK's home) and each store's keyring of data keys."""

"""What an ATS integration owns: its API keys (`keys`) and the answers kept for its
idempotency keys (`idempotency`). The API authenticates and replays with them; it writes
no rows itself."""

"""The ATS REST API under /api/v1/: API keys, catalog, postings, rubrics, analysis, exports
and webhooks. Reads use selectors and querysets scoped to the caller's company; every write
goes through the packages' services (or, for the API's own rows, the small services here)."""

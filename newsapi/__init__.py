"""Machine interfaces for the newsroom: a read API in the project's own JSON and in IPTC
ninjs, a token-authenticated ingest API for wire copy, and (in `newsapi.webhooks`)
signed webhooks. See README.md."""

"""Ingest: stories sent by machines (wire feeds, tools) as ninjs or as plain wire text.

`formats` reads a request into a `WireCopy`; `importer` is the one place that calls the
articles app's importer; `services.item_ingest` creates the story or updates it, through
the normal workflow, idempotently by the item's uri.
"""

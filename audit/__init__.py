"""Who changed whose permissions, and who deleted what: an append-only audit trail."""

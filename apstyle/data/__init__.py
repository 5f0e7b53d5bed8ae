"""Reference tables for the rule pack (our own compilation; no Stylebook text)."""

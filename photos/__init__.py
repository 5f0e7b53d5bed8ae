"""A photo library for Django newsrooms: credits and rights as data, sanitised files (no
GPS ever reaches a reader), responsive renditions around a focal point, and the markup and
structured data to show them.

The public API: `photos.services` (changes), `photos.rendering` (markup, JSON-LD, og:image),
`photos.usage` (what uses a photo), `photos.roles` (permissions), `photos.signals`.
"""

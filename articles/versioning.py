"""What django-reversion keeps: a story together with its bylines, credits, related links
and corrections, so one revision is the whole story at one moment."""

from __future__ import annotations

import reversion

from .models import Article, Byline, Correction, Credit, RelatedLink

STORY_PARTS = {
    "bylines": Byline,
    "credits": Credit,
    "related_links": RelatedLink,
    "corrections": Correction,
}

for _model in STORY_PARTS.values():
    if not reversion.is_registered(_model):
        reversion.register(_model)

if not reversion.is_registered(Article):
    reversion.register(Article, follow=tuple(STORY_PARTS))

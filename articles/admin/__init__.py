"""The newsroom's admin: one module per screen.

- `story`: the story list and form (`ArticleAdmin`), sections and tags;
- `desk/`: the screens a story's desk adds to it (`actions`: workflow buttons, comments,
  share links; `history`: history, compare, previews, restore, recovery; `base`: what they
  share);
- `schedule`: the Scheduled list, with reschedule and cancel;
- `log`: the story log;
- `readonly`: the read-only base of those lists and apstyle's style reports (a re-export of
  `audit.readonly`, which the audit trail uses too);
- `scale`: pagination and inline loading that stay fast on a large archive.
"""

from . import log, schedule, story  # noqa: F401  each registers its ModelAdmins

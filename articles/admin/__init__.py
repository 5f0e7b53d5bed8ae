"""The newsroom's admin: one module per screen.

- `story`: the story form and list (`ArticleAdmin`), sections and tags;
- `desk/`: the screens a story's desk adds to it (workflow actions, history, compare);
- `schedule`: the Scheduled list, with reschedule and cancel;
- `log`: the story log;
- `readonly`: the read-only base those lists (and `audit`) share;
- `scale`: pagination and inline loading that stay fast on a large archive.
"""

from . import log, schedule, story  # noqa: F401  each registers its ModelAdmins

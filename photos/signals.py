"""Signals of the photos app, all sent after the transaction commits.

photo_uploaded(sender=Photo, photo)         a new photo is in the library
photo_changed(sender=Photo, photo, fields, replaced_files)
                                            `fields` (names) changed; `replaced_files` are
                                            storage names of renditions that no longer
                                            match (to delete once no page links them)
photo_deleted(sender=Photo, photo_id, key, files)
                                            the row is gone; `files` are its storage names
"""

from django.dispatch import Signal

photo_uploaded = Signal()
photo_changed = Signal()
photo_deleted = Signal()

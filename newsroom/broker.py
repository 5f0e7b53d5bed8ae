"""kombu's filesystem transport, made safe for several processes: the broker `make run` and
the embedded default use when no REDIS_URL is set.

kombu 5.x creates a message file, then locks and writes it, while a reader takes any
`*.msg` file without the lock: a worker can read an empty file, fail to decode it and stop
("Unrecoverable error: JSONDecodeError"). Here a message is written under a hidden name
that readers skip and renamed into place when complete (a rename is atomic within one
folder), so a reader sees a whole message or none.
"""

from __future__ import annotations

import os
import uuid
from time import monotonic

from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        # Readers match "<stamp>.<queue>.msg" after the first dot: ".<name>.part" is skipped.
        partial = os.path.join(self.data_folder_out, f".{name}.part")
        try:
            with open(partial, "wb") as file:
                file.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            raise filesystem.ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel

"""The embedded broker (`newsroom/broker.py`): a reader never sees half a message."""

from __future__ import annotations

import os
from queue import Empty

import pytest
from kombu import Connection

from newsroom import broker


@pytest.fixture
def channel(tmp_path):
    folder = str(tmp_path)
    options = {"data_folder_in": folder, "data_folder_out": folder}
    with Connection("filesystem://", transport=broker.Transport,
                    transport_options=options) as connection:
        yield connection.default_channel


def test_a_message_appears_only_when_it_is_whole(channel, monkeypatch):
    seen_while_writing = []
    replace = os.replace

    def replace_after_a_read(source, target):
        # Another process reading the queue while this message is being written.
        try:
            seen_while_writing.append(channel._get("celery"))
        except Empty:
            seen_while_writing.append(None)
        replace(source, target)

    monkeypatch.setattr(broker.os, "replace", replace_after_a_read)
    channel._put("celery", {"body": "whole"})

    assert seen_while_writing == [None]
    assert channel._get("celery") == {"body": "whole"}
    with pytest.raises(Empty):
        channel._get("celery")


def test_the_settings_use_it_without_redis(settings):
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        assert settings.CELERY_BROKER_TRANSPORT == "newsroom.broker:Transport"
    else:
        assert not getattr(settings, "CELERY_BROKER_TRANSPORT", None)

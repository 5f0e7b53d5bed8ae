"""Login throttling behind the proxy production requires (issue 19, finding 2).

django-axes was configured for django-ipware, which was not installed, so every attempt
counted against the proxy's address: five wrong passwords from anywhere locked a named
editor out for everyone, and guessing across accounts was never throttled. These tests
sign in through the admin as nginx forwards requests: from the proxy on loopback, with
the client's address appended to `X-Forwarded-For`, under the settings production ships
(`client_address_settings(1)`; `test_production_settings_find_the_client` runs the
production settings module itself).
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from newsroom.settings.base import client_address_settings
from tests.factories import UserFactory
from tests.test_security import PRODUCTION_ENV, _manage

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PROXY = "127.0.0.1"
PASSWORD = "right-password-123"
HOME, OFFICE, ATTACKER = "198.51.100.7", "192.0.2.10", "203.0.113.66"


@pytest.fixture(autouse=True)
def behind_the_proxy(settings):
    for name, value in client_address_settings(1).items():
        setattr(settings, name, value)


def _sign_in(username: str, password: str, *, address: str, claimed: str = "") -> int:
    """A sign-in from `address` through the proxy, which appends it to whatever
    X-Forwarded-For the client sent (`claimed`). Returns the status: 302 signed in, 200
    the form again, 429 locked."""
    forwarded = f"{claimed}, {address}" if claimed else address
    response = Client().post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    return response.status_code


@pytest.fixture
def accounts(db):
    return [UserFactory(username=f"editor{n}", password=PASSWORD) for n in range(12)]


def test_five_failures_lock_that_address_for_that_account_only(accounts):
    victim, colleague = accounts[0].username, accounts[1].username
    for _ in range(4):
        assert _sign_in(victim, "wrong", address=ATTACKER) == 200
    assert _sign_in(victim, "wrong", address=ATTACKER) == 429
    assert _sign_in(victim, PASSWORD, address=ATTACKER) == 429  # locked there, even so
    # The editor, elsewhere, is not locked out; nor is another account at that address.
    assert _sign_in(victim, PASSWORD, address=HOME) == 302
    assert _sign_in(colleague, PASSWORD, address=ATTACKER) == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_a_forged_forwarded_for_changes_nothing(accounts):
    """The client's own X-Forwarded-For comes before the proxy's entry: ignored."""
    victim = accounts[0].username
    for n in range(5):
        _sign_in(victim, "wrong", address=ATTACKER, claimed=f"10.9.8.{n}, unknown")
    assert _sign_in(victim, PASSWORD, address=ATTACKER, claimed="10.9.8.200") == 429
    assert _sign_in(victim, PASSWORD, address="10.9.8.200") == 302


def test_clients_whose_address_cannot_be_read_are_throttled_together(accounts):
    """A stray quote in the client's X-Forwarded-For swallows the proxy's entry (RFC 7239
    quoting): no address is read, and every such client counts as the same one."""
    victim = accounts[0].username
    for n in range(5):
        _sign_in(victim, "wrong", address=f"203.0.113.{n}", claimed='"')
    assert _sign_in(victim, PASSWORD, address="203.0.113.99", claimed='"') == 429
    assert _sign_in(victim, PASSWORD, address="203.0.113.99") == 302


def test_guessing_across_accounts_from_one_address_is_throttled(accounts, settings):
    assert settings.NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT == 20
    statuses = [  # two guesses at each account: none reaches its own limit
        _sign_in(account.username, "wrong", address=ATTACKER)
        for account in accounts[:10]
        for _ in range(2)
    ]
    assert statuses == [200] * 19 + [429]  # the twentieth locks the address
    assert _sign_in(accounts[10].username, PASSWORD, address=ATTACKER) == 429
    assert _sign_in(accounts[10].username, PASSWORD, address=HOME) == 302


def test_a_sign_in_clears_only_that_accounts_failures_at_that_address(accounts):
    """One valid account must not let an address go on guessing at the others."""
    mine, theirs = accounts[0].username, accounts[1].username
    for _ in range(4):
        _sign_in(mine, "wrong", address=ATTACKER)
        _sign_in(theirs, "wrong", address=ATTACKER)
    assert _sign_in(mine, PASSWORD, address=ATTACKER) == 302
    assert not AccessAttempt.objects.filter(username=mine).exists()
    assert _sign_in(theirs, "wrong", address=ATTACKER) == 429


def test_a_sign_in_from_a_trusted_address_lifts_the_accounts_locks(accounts, settings):
    settings.NEWSROOM_LOGIN_TRUSTED_NETWORKS = ["192.0.2.0/24"]
    victim = accounts[0].username
    for address in (ATTACKER, HOME):
        for _ in range(5):
            _sign_in(victim, "wrong", address=address)
    assert _sign_in(victim, PASSWORD, address=HOME) == 429
    assert _sign_in(victim, PASSWORD, address=OFFICE) == 302
    assert _sign_in(victim, PASSWORD, address=HOME) == 302


def test_a_sign_in_from_elsewhere_does_not_lift_a_lock(accounts):
    victim = accounts[0].username
    for _ in range(5):
        _sign_in(victim, "wrong", address=HOME)
    assert _sign_in(victim, PASSWORD, address=OFFICE) == 302  # not trusted: no setting
    assert _sign_in(victim, PASSWORD, address=HOME) == 429


def test_an_administrator_lifts_a_lock(accounts, superuser):
    victim = accounts[0].username
    for _ in range(5):
        _sign_in(victim, "wrong", address=HOME)
    assert _sign_in(victim, PASSWORD, address=HOME) == 429
    admin = Client()
    admin.force_login(superuser)
    attempts = list(AccessAttempt.objects.filter(username=victim).values_list("pk", flat=True))
    response = admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
    )
    assert response.status_code == 302
    assert _sign_in(victim, PASSWORD, address=HOME) == 302


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ("203.0.113.9", "203.0.113.9"),  # what nginx sends for a client that sent none
        ("6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client's own header, then ours
        # A stray quote makes the header unreadable: no address, throttled as one.
        ('", 203.0.113.9', "None"),
        ("garbage, 2001:db8::7", "2001:db8::7"),
    ],
)
def test_production_settings_find_the_client(forwarded, client):
    """The production settings module, as deployed: the address django-axes keys on."""
    result = _manage(
        "shell",
        "-c",
        "from axes.helpers import get_client_ip_address;"
        "from django.test import RequestFactory;"
        f"r = RequestFactory().post('/admin/login/', REMOTE_ADDR='127.0.0.1',"
        f" HTTP_X_FORWARDED_FOR={forwarded!r});"
        "print('client', get_client_ip_address(r))",
        env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert f"client {client}" in result.stdout.splitlines()[-1], result.stdout

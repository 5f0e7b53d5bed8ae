"""Login throttling (django-axes) that locks an account at one address, and an address
across accounts, without letting either lock out everyone.

The client's address comes from `X-Forwarded-For` as the site's own proxies wrote it (see
`newsroom.settings.base.client_address_settings`); failures are counted per account and
address, and per address:

- `AXES_FAILURE_LIMIT` failures for one account from one address lock that account at
  that address only: its owner, elsewhere, can still sign in, so nobody can lock a named
  editor out by guessing at their password;
- `NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT` failures from one address, whatever the accounts,
  lock that address: guessing across many accounts is throttled too.

django-axes compares every count with one limit, so `LoginThrottle.get_failures` puts the
address's count on the account's scale. A successful sign-in clears that account's
failures at that address (never the address's others, or one valid account would let an
address keep guessing at the rest); from an address in `NEWSROOM_LOGIN_TRUSTED_NETWORKS`
(the office, say) it clears the account's failures at every address. An administrator
lifts any lock by deleting its access attempts (the “Access attempts” list, or
`manage.py axes_reset_username` / `axes_reset_ip`).
"""

from __future__ import annotations

import ipaddress
from functools import cache

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

ADDRESS_ONLY = ("ip_address", ["ip_address"])


@cache
def _trusted_networks(networks: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(network, strict=False) for network in networks)


def is_trusted(address: str | None) -> bool:
    """Whether `address` is in NEWSROOM_LOGIN_TRUSTED_NETWORKS."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    networks = _trusted_networks(tuple(settings.NEWSROOM_LOGIN_TRUSTED_NETWORKS))
    return any(ip in network for network in networks)


class LoginThrottle(AxesDatabaseHandler):
    """django-axes' database handler with a limit for each lockout parameter and a reset
    on success that never clears other accounts' failures (see the module docstring).
    Expects `AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]`."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        """The failures that count towards a lock, on the scale of AXES_FAILURE_LIMIT:
        the larger of the account's at this address and this address's across accounts,
        the latter scaled so that NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT of them reach it."""
        limit = get_failure_limit(request, credentials)
        address_limit = max(1, settings.NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT)
        parameters = get_lockout_parameters(request, credentials)
        worst = 0
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if parameter in ADDRESS_ONLY:
                # Floor division: the lock comes at exactly `address_limit` failures.
                failures = failures * limit // address_limit
            worst = max(worst, failures)
        return worst

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        attempts = AccessAttempt.objects.filter(username=user.get_username())
        address = getattr(request, "axes_ip_address", None)
        if not is_trusted(address):
            attempts = attempts.filter(ip_address=address)
        attempts.delete()

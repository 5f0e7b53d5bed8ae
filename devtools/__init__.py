"""Development tools: never in the wheel, never in a host site's INSTALLED_APPS.

A Django app that the development, test and benchmark settings add to INSTALLED_APPS
(`newsroom.settings.local` and `.test`), for what works on a checkout of the repository:

- `synthetic.py` and the `generate_newsroom` command: synthetic archives for benchmarks.
- `workers.py`: real Celery workers, beat and a Redis server in subprocesses, for the tests
  (through the fixtures in `tests/worker.py`) and `bench/publication_lag.py`.
- `pages.py`: `make check-pages` and `make screenshots` over the demo site.
"""

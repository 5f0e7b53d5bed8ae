"""Settings shared by every environment, read from the environment through django-environ.

Defaults make a fresh clone run with no services at all: SQLite for the database, a
filesystem queue for Celery and the database for the cache. `DATABASE_URL` and `REDIS_URL`
switch to PostgreSQL and Redis.
"""

from __future__ import annotations

from pathlib import Path

import environ

from articles import conf as _articles_conf

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# First, so that `.env` can set every variable below (the process environment still wins).
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
VAR_DIR = Path(env.str("NEWSROOM_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "reversion",
    "django_prose_editor",
    "csp",
    "axes",
    "audit",
    "contributors",
    "photos",
    "articles",
    "apstyle",
    # Machine interfaces: the read and ingest API (newsapi) and webhooks, with their
    # libraries (REST framework, OpenAPI, self-hosted Swagger UI, CORS).
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "newsapi",
    "newsapi.webhooks",
    "newsroom",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsroom.security.ContentSecurityPolicyMiddleware",
    # Above the page cache, so a page served from it carries X-Frame-Options too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Addresses no page takes are refused before anything reads them, with the headers
    # above (newsroom.security).
    "newsroom.security.RefuseMalformedRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers cached public pages for readers without a session before everything below
    # runs (articles/caching.py); the headers of the middleware above still apply.
    "articles.caching.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Below authentication (staff may send more), above everything that reads the body.
    "newsroom.security.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "audit.context.AuditActorMiddleware",
    # Last, as django-axes asks: it turns lockouts into a clear 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.newsroom",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}"
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server, the worker and beat read while one of them writes;
    # IMMEDIATE transactions make a writer wait for the lock instead of failing mid-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # Tests use a file, not memory, so a Celery worker in another process sees the data.
    DATABASES["default"].setdefault("TEST", {"NAME": str(VAR_DIR / "test.sqlite3")})
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
# /readyz shows its checks' details (transport, timings, overdue stories) to signed-in
# staff and to a request with `Authorization: Bearer <this token>`; everyone else gets the
# status code and {"ok": ...} only. Empty: no token works.
NEWSROOM_HEALTH_TOKEN = env.str("NEWSROOM_HEALTH_TOKEN", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    # The web server, the worker and beat are separate processes: a per-process
    # local-memory cache would let one of them serve a page another has invalidated.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            # Past this many files a third are deleted at random; the page cache of a
            # small site (and the test suite) must fit well below it.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The site's only sign-in is the admin's; after it, the admin (Django's default,
# /accounts/profile/, is a 404 here, where a sign-in with a `next` it refuses landed).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses logins for a username and address after repeated failures.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (newsroom.throttle): five failures lock an account at one address, and
# twenty from one address, whatever the accounts, lock that address, for 15 minutes. A
# successful sign-in from NEWSROOM_LOGIN_TRUSTED_NETWORKS (CIDRs) lifts the account's locks
# everywhere; an administrator lifts any lock in the admin's "Access attempts".
AXES_HANDLER = "newsroom.throttle.LoginThrottle"
AXES_FAILURE_LIMIT = env.int("NEWSROOM_LOGIN_FAILURE_LIMIT", default=5)
NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT = env.int("NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
NEWSROOM_LOGIN_TRUSTED_NETWORKS = env.list("NEWSROOM_LOGIN_TRUSTED_NETWORKS", default=[])
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = False  # LoginThrottle resets only what the sign-in proves
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False


def client_address_settings(proxy_count: int) -> dict:
    """How django-axes finds the client's address (through django-ipware) behind
    `proxy_count` reverse proxies, each of which appends the address it received the
    request from to `X-Forwarded-For` (nginx's `$proxy_add_x_forwarded_for`).

    The client is then the `proxy_count`-th entry from the right: entries further left
    were sent by the client and prove nothing. django-ipware counts the proxies *listed
    in* the header, which does not include the nearest one (it is REMOTE_ADDR), hence
    `proxy_count - 1`; not strict, so a client's own X-Forwarded-For in front of ours is
    skipped rather than making the header unusable. With no proxy, REMOTE_ADDR. Only the
    site's proxies may reach the application server (see the README's Security section):
    a request that bypasses them can claim any address."""
    if proxy_count <= 0:
        return {
            "AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"],
            "AXES_IPWARE_PROXY_COUNT": None,
        }
    return {
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR"],
        "AXES_IPWARE_PROXY_COUNT": proxy_count - 1,
        "IPWARE_STRICT": False,
    }


# Reverse proxies in front of the application server (production: one, nginx).
NEWSROOM_PROXY_COUNT = env.int("NEWSROOM_PROXY_COUNT", default=0)
globals().update(client_address_settings(NEWSROOM_PROXY_COUNT))

# Content Security Policy (django-csp): scripts and styles from this site only; the
# editor's import map is allowed by its hash (newsroom.security). Inline styles stay
# allowed because the admin's widgets set them.
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF, "'unsafe-inline'"],
        "img-src": [_SELF, "data:", "https:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    }
}

LANGUAGE_CODE = env.str("DJANGO_LANGUAGE_CODE", default="en-us")
TIME_ZONE = env.str("TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("DJANGO_MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Request bodies (newsroom.security.RequestBodyLimitMiddleware, refused from their
# Content-Length before a byte is read; the proxy enforces the same, deploy/): anyone not
# signed in as staff may send at most NEWSROOM_MAX_REQUEST_BYTES, staff (uploading images)
# NEWSROOM_MAX_STAFF_REQUEST_BYTES. Within a body, the fields other than files may hold
# DATA_UPLOAD_MAX_MEMORY_SIZE (a 400 beyond); files larger than
# FILE_UPLOAD_MAX_MEMORY_SIZE are streamed to a temporary file instead of memory.
NEWSROOM_MAX_REQUEST_BYTES = env.int("NEWSROOM_MAX_REQUEST_BYTES", default=10 * 1024 * 1024)
NEWSROOM_MAX_STAFF_REQUEST_BYTES = env.int(
    "NEWSROOM_MAX_STAFF_REQUEST_BYTES", default=200 * 1024 * 1024
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="newsroom@localhost")
# Where django.core.mail.backends.filebased.EmailBackend writes, if chosen.
EMAIL_FILE_PATH = env.str("DJANGO_EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))

# Celery: Redis when REDIS_URL is set, otherwise kombu's filesystem transport, a broker
# that needs no server (messages are files under var/broker, shared by every process).
BROKER_DIR = VAR_DIR / "broker"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "store_processed": False,
        # kombu polls the folder once a second by default, which caps the embedded broker at
        # a few messages a second and lets a burst of notifications delay scheduled stories.
        "polling_interval": 0.05,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 90
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"

# Scheduled publication: beat runs the sweep every NEWSROOM_SWEEP_INTERVAL seconds; it
# publishes anything overdue and queues exact-time tasks for stories due within the
# horizon (see docs/scheduling.md). A sweep that waited longer than two intervals in the
# queue is dropped: the next one does its work. Beat's schedule needs the interval here,
# so it is set even when the environment leaves it at the app's default.
NEWSROOM_SWEEP_INTERVAL = env.float(
    "NEWSROOM_SWEEP_INTERVAL", default=_articles_conf.DEFAULTS["NEWSROOM_SWEEP_INTERVAL"]
)
CELERY_BEAT_SCHEDULE: dict = {
    "newsroom-schedule-sweep": {
        "task": "articles.tasks.schedule_sweep",
        "schedule": NEWSROOM_SWEEP_INTERVAL,
        "options": {"expires": 2 * NEWSROOM_SWEEP_INTERVAL},
    },
    # Notifications whose task could not be queued (broker down) are sent by this sweep.
    "articles-notify-pending": {
        "task": "articles.tasks.notify_pending",
        "schedule": 300.0,
    },
    # Likewise style checks that could not be queued when a story was saved.
    "apstyle-check-pending": {
        "task": "apstyle.tasks.check_pending",
        "schedule": 300.0,
        "options": {"expires": 300.0},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# The apps' settings hold their defaults in one place each (articles/conf.py,
# apstyle/conf.py); this site sets only what it changes, and what the environment sets.
# Approval needs no open AP style errors, and alt text on every photo, unless the editor
# overrides them with a reason.
NEWSROOM_APPROVAL_CHECKS = ["apstyle.gate.open_errors", "articles.photo_checks.photos_without_alt"]
# load_demo creates the accounts reporter and editor with a published password; never in production.
NEWSROOM_DEMO_USERS = env.bool("NEWSROOM_DEMO_USERS", default=True)
for _name, _read in {
    "NEWSROOM_SITE_NAME": env.str,
    "NEWSROOM_SITE_URL": env.str,
    "NEWSROOM_REQUIRE_SECOND_EDITOR": env.bool,
    "NEWSROOM_SCHEDULE_HORIZON": env.float,
    # Seconds between a saved revision and its style check (later saves supersede it).
    "APSTYLE_CHECK_COUNTDOWN": env.float,
}.items():
    if _name in env:
        globals()[_name] = _read(_name)

# Machine interfaces (newsapi, newsapi.webhooks; see newsapi/README.md). drf-spectacular
# generates the OpenAPI description; the API's views set their own authentication,
# renderers and errors, so nothing else of REST framework's defaults applies to them.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
# CORS for the read API only (anonymous, no credentials): any origin may read it. High in
# the stack, so responses the page cache answers carry the headers too.
MIDDLEWARE.insert(0, "corsheaders.middleware.CorsMiddleware")
CORS_URLS_REGEX = r"^/api/(?!v1/ingest/).*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Link")
# Webhook deliveries whose message was lost (a broker outage) are queued by this sweep.
CELERY_BEAT_SCHEDULE["newsapi-webhooks-due"] = {
    "task": "newsapi.webhooks.tasks.deliver_due",
    "schedule": 60.0,
    "options": {"expires": 60.0},
}
# Fields that share a name across the API's components get one enum name each.
SPECTACULAR_SETTINGS = {
    "ENUM_NAME_OVERRIDES": {
        f"{name}Enum": f"newsapi.representations.{values}"
        for name, values in (
            ("CorrectionKind", "CORRECTION_KINDS"),
            ("RelatedKind", "RELATED_KINDS"),
            ("NinjsSubjectRel", "SUBJECT_RELS"),
            ("NinjsPartyRel", "PARTY_RELS"),
            ("NinjsAssociationRel", "ASSOCIATION_RELS"),
            ("NinjsItemType", "ITEM_TYPES"),
            ("NinjsAssociationType", "ASSOCIATION_TYPES"),
        )
    },
}

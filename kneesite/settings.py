"""kneesite settings: one module, read from the environment.

`make run` serves over plain http on 127.0.0.1 with DJANGO_DEBUG unset (false) and
DJANGO_INSECURE_HTTP=true (from the checkout's .env, which make writes), so a newcomer gets the
production-like site without TLS.
Production sets DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS and runs behind a proxy that
terminates TLS and sends X-Forwarded-Proto.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

from kneesite import stylesheet

BASE_DIR = Path(__file__).resolve().parent.parent
# A checkout's own settings, written by `make run` (never in git, never on a server): the
# environment still wins, and without the file nothing changes.
load_dotenv(os.environ.get("DJANGO_ENV_FILE", BASE_DIR / ".env"), override=False)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
# Plain-http serving for local use (`make run`); never set it in production.
INSECURE_HTTP = env_bool("DJANGO_INSECURE_HTTP")
LOCAL = DEBUG or INSECURE_HTTP  # plain http on this machine: no TLS-only settings

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not LOCAL:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for development).")
    SECRET_KEY = "insecure-local-only-key-" + "x" * 40

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if LOCAL else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.redirects",
    "markdownx",
    "reversion",
    "reversion_compare",
    "axes",
    "kneesite",
    "articles",
    "faq",
]

MIDDLEWARE = [
    # First: a cached page is stored with every header the middleware below added (security,
    # CSP), so a hit is answered here, without passing through any of them again.
    "kneesite.cache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kneesite.cache.ConditionalGetForHeadToo",  # ETag and 304, for GET and HEAD, for pages not cached
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kneesite.middleware.SameSiteRedirectFallbackMiddleware",
    "kneesite.middleware.MethodNotAllowedPageMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it turns a refused login into the lock-out page
]

ROOT_URLCONF = "kneesite.urls"
WSGI_APPLICATION = "kneesite.wsgi.application"
SITE_ID = 1
# The site's public address, for the sitemap, robots.txt and link previews (the sites framework
# is kept in step with it after every migrate). Production: https and the first allowed host.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").rstrip("/") or (
    "http://127.0.0.1:8000" if LOCAL or not ALLOWED_HOSTS else f"https://{ALLOWED_HOSTS[0]}"
)
if "*" in SITE_URL or "//." in SITE_URL:
    raise ImproperlyConfigured(
        "Set DJANGO_SITE_URL: the first allowed host is a pattern, not the site's address."
    )

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
            ],
        },
    },
]
# Forms render with the project's own field templates (templates/django/forms/...).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers share the file: WAL lets readers go on while an author saves,
    # and IMMEDIATE takes the write lock at the start of a transaction, so two writers queue
    # (up to `timeout` seconds) instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# How long browsers and proxies (nginx) may reuse a public page: an edit reaches every reader
# within this many seconds. Django's own cache is never stale (kneesite/cache.py).
PAGE_MAX_AGE = int(os.environ.get("DJANGO_PAGE_MAX_AGE", "60"))

# What readers see after an edit (kneesite/cache.py): a save, delete or change of links of a
# model of these apps starts a new content version, so every cached page and shared datum ends.
CONTENT_APPS = ["articles", "faq", "redirects", "sites"]
# Data several public pages share, loaded once per content version (and again at once after an
# author's save): a name, and the function that loads it.
SHARED_DATA = {
    "guide-items": "articles.guide_items.load_guide_items",
    "self-check-questions": "articles.selfcheck.load_published_questions",
    "self-check": "articles.selfcheck.load_live_content",
    "guides": "articles.views.load_live_guides",
}

# Public pages are cached (kneesite/cache.py): in each process by default, or in Redis when
# REDIS_URL is set, so that every gunicorn worker and every app server shares one cache. The
# content version that says which cached pages are current must be shared by every worker even
# without Redis: then it lives in files on this machine (DJANGO_CACHE_DIR).
# A cache that fails (Redis down, hung or full; a directory that cannot be written) is passed
# by: pages are rendered uncached (kneesite/cache.py). Redis gets short timeouts, so a hung
# Redis costs a request at most a fraction of a second, and that once every few seconds.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT = float(os.environ.get("DJANGO_REDIS_TIMEOUT", "0.25"))  # seconds
REDIS_CACHE = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": REDIS_URL,
    "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
}
CACHES = {
    "default": REDIS_CACHE
    if REDIS_URL
    # Bounded: each page is kept plain and compressed, about 60 KB together at most.
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}},
    "content-state": REDIS_CACHE
    if REDIS_URL
    else {
        "BACKEND": "kneesite.cache.FileCache",
        "LOCATION": os.environ.get("DJANGO_CACHE_DIR", BASE_DIR / ".cache"),
    },
}

# Failed logins are throttled per username and client address (django-axes): after 5 failures
# that pair waits 15 minutes. `manage.py axes_reset_username NAME` unlocks at once. Behind
# DJANGO_PROXY_COUNT proxies (nginx: 1), the client is the address they saw (kneesite/client_ip.py).
# Mail: reviewers hear of changes awaiting review, authors of their review (kneesite/review_mail.py).
# Locally (`make run`, DEBUG) mail is printed to the console; in production it goes through the
# SMTP server the environment names (a console backend outside DEBUG fails the deploy check).
if DEBUG or INSECURE_HTTP:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("DJANGO_EMAIL_PORT", "25")),
                "username": os.environ.get("DJANGO_EMAIL_USER", ""),
                "password": os.environ.get("DJANGO_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS"),
                "timeout": 10,  # seconds: a slow mail server must not hold up a save
            },
        }
    }
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "kneesite <webmaster@localhost>")

AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "kneesite.client_ip.client_ip"
AXES_VERBOSE = False

# Staff sessions end after a working day without a request (only staff have sessions).
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (/favicon.ico): whitenoise serves them, never a 404 page.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Compressed files with hashed names; whitenoise serves them with far-future caching.
        "BACKEND": os.environ.get(
            "DJANGO_STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# Security. Behind a TLS-terminating proxy, X-Forwarded-Proto says the request was https.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = not LOCAL
SESSION_COOKIE_SECURE = not LOCAL
CSRF_COOKIE_SECURE = not LOCAL
SECURE_HSTS_SECONDS = 0 if LOCAL else int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# A strict Content-Security-Policy: no inline script or style anywhere, but for the site's own
# stylesheet, inlined into public pages and allowed by its hash alone (kneesite/stylesheet.py).
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", stylesheet.csp_source()],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line": {"()": "kneesite.logging.OneLine"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "console_one_line": {"class": "logging.StreamHandler", "filters": ["one_line"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        # Refused requests (a bad Host header and the like): one line each (kneesite/logging.py).
        "django.security": {"handlers": ["console_one_line"], "level": "WARNING", "propagate": False},
        "django.security.DisallowedHost": {"filters": ["one_line"]},
    },
}

# Markdown: one renderer (kneesite.markdown.render) for the pages and the admin preview.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "kneesite.markdown.render"
# Dropped images: kneesite/markdownx_endpoints.py checks them with kneesite/images.py's limits.
MARKDOWNX_MEDIA_PATH = "uploads/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

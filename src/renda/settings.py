"""Django settings for renda. Everything a deployment changes comes from the environment;
the README's configuration table lists each variable."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
# var/ holds what a running renda writes: the SQLite file, uploaded media, the demo accounts.
VAR_DIR = Path(os.environ.get("RENDA_VAR_DIR", Path.cwd() / "var")).resolve()


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """SECRET_KEY if set; else one generated into var/, so sessions survive restarts."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key)
        path.chmod(0o600)
        return key


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DEBUG", False)
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# renda's apps in their layers, bottom first: an app imports only from the apps before it
# (a test walks the imports, those inside functions too; docs/architecture.md draws the order).
RENDA_APPS = [
    "renda.core",
    "renda.regions",
    "renda.congresses",
    "renda.people",
    "renda.stations",
    "renda.accounts",
    "renda.notifications",
    "renda.handling",
    "renda.activities",
    "renda.commitments",
    "renda.assessment",
    "renda.commendations",
    "renda.exit_warnings",
    "renda.suggestions",
    "renda.portal",
    "renda.demo",
]

INSTALLED_APPS = [
    # Django's admin with renda's site: system configuration, for administrators only.
    "renda.accounts.admin_app.RendaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    *RENDA_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "renda.core.middleware.DomainErrorMiddleware",
    "renda.accounts.middleware.StaffIdleTimeoutMiddleware",
    "renda.accounts.middleware.PasswordChangeRequiredMiddleware",
    # Last, as django-axes asks: it turns locked-out logins into a clear refusal.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "renda.urls"
# Widgets render through TEMPLATES, so renda's own widget templates (core/widgets/) are found.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "renda.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "renda.core.context_processors.navigation",
                "renda.notifications.context_processors.inbox",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default. WAL lets readers run beside the writer; IMMEDIATE takes the
# write lock when a transaction starts, so two writers queue on busy_timeout instead of one
# failing half-way with "database is locked".
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 5,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL; "
        "PRAGMA foreign_keys=ON;"
    ),
}
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'renda.sqlite3'}"),
        # Persistent connections: a new one per request cost 3–5 ms of CPU (issue 11); each is
        # checked before reuse, so a database restart costs one reconnect, not an error.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's backend with `PRAGMA optimize` as a connection closes (core/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "renda.core.sqlite"
    # Tests use an in-memory database, as Django does for SQLite; said outright, because
    # pytest-django knows an in-memory test database only by Django's own engine name.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)


def _cache(url: str) -> dict:
    """CACHE_URL as Django's CACHES entry. Empty: this process's memory (one server, the default);
    file:///dir: a directory all processes of one server share; redis://host:port/db (with the
    `redis` package) or memcached://host:port (with `pymemcache`): one cache for several servers;
    dummy:// caches nothing (to measure the uncached cost)."""
    scheme, _sep, rest = url.partition("://")
    backends = {
        "": ("django.core.cache.backends.locmem.LocMemCache", "renda"),
        "file": ("django.core.cache.backends.filebased.FileBasedCache", rest),
        "redis": ("django.core.cache.backends.redis.RedisCache", url),
        "rediss": ("django.core.cache.backends.redis.RedisCache", url),
        "memcached": ("django.core.cache.backends.memcached.PyMemcacheCache", rest),
        "dummy": ("django.core.cache.backends.dummy.DummyCache", ""),
    }
    if scheme not in backends:
        raise ImproperlyConfigured(f"CACHE_URL: unknown cache {scheme!r} (file, redis, memcached)")
    backend, location = backends[scheme]
    options = {"MAX_ENTRIES": 2000} if scheme in ("", "file") else {}
    return {"BACKEND": backend, "LOCATION": location, "OPTIONS": options}


CACHES = {"default": _cache(os.environ.get("CACHE_URL", ""))}
# How long a browser or a front cache may keep a public page without asking again; renda's own
# cache is exact (core/public_cache.py), this only bounds what others keep.
PUBLIC_MAX_AGE = int(os.environ.get("PUBLIC_MAX_AGE", "60"))
# How long a server process uses the public versions it read before reading them again: another
# process's change shows on its pages within this time (its own at once); 0 reads every time.
PUBLIC_VERSION_SECONDS = float(os.environ.get("PUBLIC_VERSION_SECONDS", "1"))


DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Gives administrators (an administrator grant) Django's permissions, for the admin site.
    "renda.accounts.backends.AdministratorBackend",
]
# The password policy: long enough, not a common one, not all digits, not like the name.
PASSWORD_MIN_LENGTH = int(os.environ.get("PASSWORD_MIN_LENGTH", "10"))
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email")},
    },
    {
        "NAME": "renda.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's hashers, and last the fast one for the random passwords the office issues (replaced
# at the first sign-in; renda/accounts/hashers.py says why).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "renda.accounts.hashers.IssuedPasswordHasher",
]
# A staff or administrator session ends after this many minutes without a request (0: never).
RENDA_STAFF_IDLE_MINUTES = int(os.environ.get("RENDA_STAFF_IDLE_MINUTES", "30"))
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:todo"
LOGOUT_REDIRECT_URL = "portal:home"

# Repeated failed logins: five tries per username and address, then a 15-minute pause.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "renda.accounts.views.locked_out"
AXES_VERBOSE = False

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Photos of deputies are public; renda serves media itself unless a front server does.
SERVE_MEDIA = _env_bool("SERVE_MEDIA", True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
PHOTO_MAX_BYTES = int(os.environ.get("PHOTO_MAX_BYTES", 5 * 1024 * 1024))

# The public address printed on QR codes and plates (e.g. https://rd.rongchang.gov.cn).
# Empty means "the address the request came in on".
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")

# --- Notifications --------------------------------------------------------------------------
# Channels besides the in-app inbox, as dotted paths (comma-separated in the environment):
# renda.notifications.backends.LogBackend (the default), .EmailBackend (uses the EMAIL_*
# settings), or a subclass of .SmsBackend that calls an SMS gateway. docs/operations.md.
NOTIFICATION_BACKENDS = [
    p.strip()
    for p in os.environ.get(
        "NOTIFICATION_BACKENDS", "renda.notifications.backends.LogBackend"
    ).split(",")
    if p.strip()
]
# An approved commitment with no progress report for this many days is reminded of.
COMMITMENT_STALE_DAYS = int(os.environ.get("COMMITMENT_STALE_DAYS", "60"))

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "renda.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "renda API",
    "DESCRIPTION": "智慧人大 — deputies, stations and the work of people's congresses.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several apps have a `status` or `kind`; name each enum after its own choices.
    "ENUM_NAME_OVERRIDES": {
        "ActivityStatusEnum": "renda.activities.choices.ActivityStatus",
        "ExcuseReasonEnum": "renda.activities.choices.ExcuseReason",
        "CommitmentStatusEnum": "renda.commitments.choices.CommitmentStatus",
        "EndReasonEnum": "renda.people.choices.MandateEndReason",
        "CommendationKindEnum": "renda.commendations.choices.CommendationKind",
        "CommendationStatusEnum": "renda.commendations.choices.CommendationStatus",
        "ExitRuleKindEnum": "renda.exit_warnings.choices.ExitRuleKind",
        "WarningStatusEnum": "renda.exit_warnings.choices.WarningStatus",
        "ScoringItemKindEnum": "renda.assessment.choices.ItemKind",
        # Named here since other apps brought a `kind` and a `period` of their own (the attachments'
        # was ActivityEvidenceKindEnum while only activities showed them).
        "AttachmentKindEnum": "renda.core.choices.AttachmentKind",
        "PeriodEnum": "renda.activities.choices.Period",
        "RatingValueEnum": "renda.core.choices.RatingValue",
        "HandlingRoleEnum": "renda.handling.choices.AssignmentRole",
        "AssignmentModeEnum": "renda.handling.choices.AssignmentMode",
        "HandlingStatusEnum": "renda.handling.choices.AssignmentStatus",
        "ReplyKindEnum": "renda.handling.choices.ReplyKind",
        "ContactModeEnum": "renda.handling.choices.ContactMode",
        "ExtensionDecisionEnum": "renda.handling.choices.ExtensionDecision",
        "SuggestionKindEnum": "renda.suggestions.choices.SuggestionKind",
        "SubmissionPeriodEnum": "renda.suggestions.choices.SubmissionPeriod",
        "SuggestionStatusEnum": "renda.suggestions.choices.SuggestionStatus",
        "SuggestionTopicEnum": "renda.suggestions.choices.SuggestionTopic",
        "CoSignerStatusEnum": "renda.suggestions.choices.CoSignerStatus",
        "RatedEnum": "renda.suggestions.choices.Rated",
        "SupervisionEventKindEnum": "renda.suggestions.choices.SupervisionEventKind",
    },
}

# --- Security (production behind TLS sets these) --------------------------------------------
SESSION_COOKIE_SECURE = _env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- E-mail (for the EmailBackend of notifications) -----------------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "renda@localhost")

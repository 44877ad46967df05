"""Settings read from the environment: production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth.hashers import get_hasher

import config.settings

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-enough-1234567890",
    "ALLOWED_HOSTS": "lmc.example.com",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "CI", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_debug_off_without_secret_key_stops_with_a_clear_message():
    result = manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_deploy_check_is_clean_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_plain_http_production_trial_is_possible():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
        **PRODUCTION,
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["False", "False", "False"]


def test_a_bad_boolean_names_the_variable():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_cache_url_selects_redis_and_its_client_is_installed():
    result = manage(
        "shell",
        "-c",
        "import redis; from django.core.cache import caches; "
        "print(type(caches['default']).__name__)",
        CACHE_URL="redis://127.0.0.1:6379/15",
        DEBUG="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "RedisCache"


def test_tests_hash_with_md5_and_production_keeps_the_slow_default():
    assert get_hasher().algorithm == "md5"  # tests/conftest.py: fast_password_hasher
    assert not hasattr(config.settings, "PASSWORD_HASHERS")  # Django's default: PBKDF2

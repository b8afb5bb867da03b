"""quality.md: production settings pass `manage.py check --deploy` with no warnings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "k" * 20 + "-production-secret-with-enough-entropy-0123456789",
    "DJANGO_ALLOWED_HOSTS": "sesam.regionskane.se",
    # ACC-11: staff sign in through the region's identity provider; no password login.
    "SESAM_OIDC_ISSUER": "https://idp.example.se/oidc",
    "SESAM_OIDC_CLIENT_ID": "sesam",
    "SESAM_OIDC_CLIENT_SECRET": "s" * 40,
}


def _manage(*args, env):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is no production setting.
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_acc_11_password_login_in_production_is_a_deploy_warning():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**PRODUCTION, "SESAM_PASSWORD_LOGIN": "true"},
    )
    assert result.returncode != 0 and "sesam.W001" in result.stderr


def test_acc_11_production_without_a_way_to_sign_in_is_an_error():
    env = {**PRODUCTION, "SESAM_OIDC_ISSUER": ""}
    result = _manage("check", env=env)
    assert result.returncode != 0 and "sesam.E001" in result.stderr


def test_production_refuses_the_development_secret_key():
    env = {
        **PRODUCTION,
        "DJANGO_SECRET_KEY": "dev-only-insecure-key-never-used-in-production-0123456789",
    }
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert ImproperlyConfigured.__name__ in result.stderr


@pytest.mark.parametrize("header", ["Content-Security-Policy"])
def test_csp_has_no_unsafe_inline_or_eval(client, db, header):
    policy = client.get("/logga-in/")[header]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy

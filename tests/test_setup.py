"""Operator-facing behaviour: production settings pass Django's deploy checks, and set-up
tells a newcomer how to get into the admin without a fixed password."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a-real-secret-" + "k8Zq3vY7pL2mN9xR4tW6" * 3,
        DJANGO_ALLOWED_HOSTS="kneesite.example",
        DATABASE_URL="sqlite:////tmp/kneesite-deploy-check.sqlite3",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_ALLOWED_HOSTS="kneesite.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_ensure_admin_creates_one_superuser_with_a_generated_password(capsys, django_user_model):
    call_command("ensure_admin")
    first = capsys.readouterr().out
    user = django_user_model.objects.get()
    password = first.split("password: ")[1].split()[0]
    assert user.is_superuser and user.check_password(password)
    assert len(password) >= 16

    call_command("ensure_admin")
    second = capsys.readouterr().out
    assert "password:" not in second
    assert "createsuperuser" in second
    assert django_user_model.objects.count() == 1

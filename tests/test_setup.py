"""Operator-facing behaviour: production settings pass Django's deploy checks, and set-up
tells a newcomer how to get into the admin without a fixed password."""

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
# A server has no checkout .env (make writes it, git ignores it).
ON_A_SERVER = {"DJANGO_ENV_FILE": "/nonexistent/.env"}


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


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory):
    """A database file `manage.py migrate` built, as printed (each test gets a copy of it)."""
    path = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
    result = manage("migrate", "--noinput", "-v0", DATABASE_URL=f"sqlite:///{path}")
    assert result.returncode == 0, result.stderr[-500:]
    return path


@pytest.fixture
def fresh_database(migrated_database, tmp_path):
    """(path of a just-migrated database of this test's own, {"DATABASE_URL": …} naming it)."""
    path = tmp_path / "db.sqlite3"
    shutil.copyfile(migrated_database, path)
    return path, {"DATABASE_URL": f"sqlite:///{path}"}


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a-real-secret-" + "k8Zq3vY7pL2mN9xR4tW6" * 3,
        DJANGO_ALLOWED_HOSTS="kneesite.example",
        DATABASE_URL="sqlite:////tmp/kneesite-deploy-check.sqlite3",
        **ON_A_SERVER,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_ALLOWED_HOSTS="kneesite.example", **ON_A_SERVER)
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


def test_every_printed_command_works_as_printed_in_the_checkout(fresh_database):
    """After `make run` (or `make test`), which write the checkout's .env, the commands the README
    and ensure_admin print run with nothing exported (a throwaway database aside). The database
    is already migrated (`migrated_database` ran `migrate` as printed, from empty), so `migrate`
    here shows it runs again cleanly."""
    assert (ROOT / ".env").exists(), "run `make test` or `make run` first: they write .env"
    _, database = fresh_database
    for command in (
        ["check"],
        ["migrate", "--noinput", "-v0"],
        ["load_content"],
        ["check_content"],
        ["ensure_admin"],
        ["createsuperuser", "--noinput", "--username", "second", "--email", "second@example.com"],
    ):
        result = manage(*command, **database)
        assert result.returncode == 0, f"{command}: {result.stderr[-500:]}"
        assert "Traceback" not in result.stderr


def test_changepassword_works_as_printed(fresh_database):
    """`make run` prints `.venv/bin/python manage.py changepassword admin`: it asks for the new
    password twice (typed here on its standard input, with no terminal to control)."""
    _, database = fresh_database
    assert manage("ensure_admin", **database).returncode == 0
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "manage.py", "changepassword", "admin"],
        input="A-new-long-password-77\nA-new-long-password-77\n",
        cwd=ROOT,
        env={**clean_env, **database},
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,  # no controlling terminal: getpass reads standard input
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert "Password changed successfully for user 'admin'" in result.stdout


def test_migrating_loads_no_text_and_load_content_loads_it(fresh_database):
    """`migrate` only builds the tables; the shipped text arrives through `load_content`, as
    `make setup` runs it."""
    path, database = fresh_database

    def faq_entries():
        with closing(sqlite3.connect(path)) as db:
            return db.execute("SELECT slug FROM faq_entry").fetchall()

    assert faq_entries() == []
    assert manage("load_content", **database).returncode == 0
    assert {slug for (slug,) in faq_entries()} == {page.stem for page in (ROOT / "faq/content").glob("*.md")}


@pytest.mark.django_db
def test_the_models_need_no_migration_that_is_not_written(capsys):
    """A model change without its migration would break the next `migrate` on a real site."""
    call_command("makemigrations", "--check", "--dry-run")  # exits with 1 when one is missing
    assert "No changes detected" in capsys.readouterr().out

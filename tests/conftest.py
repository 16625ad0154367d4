"""Shared fixtures: small factories for content, and users in the roles the site has."""

import copy
import itertools
import os
import sqlite3
import urllib.parse
import uuid

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from articles.authors import grant_authors
from articles.models import Article, Exercise, Section, Source
from faq.models import Entry

_numbers = itertools.count(1)


def load_initial_content():
    """Load the shipped content as set-up does, and give the Authors group its rights as the
    migrations do (tests that empty the database need both again: transactional tests flush it)."""
    call_command("load_content", verbosity=0)
    grant_authors(apps)


# SQLite: a copy, in memory, of the test database as set-up left it (see django_db_setup).
_database_after_setup = None


def restore_initial_content():
    """Give a flushed test database its shipped content back, as set-up left it: on SQLite by
    copying the saved database back (milliseconds), elsewhere by loading it again (seconds)."""
    if _database_after_setup is None:
        load_initial_content()
        return
    connection.ensure_connection()
    _database_after_setup.backup(connection.connection)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, not memory: the live server's threads then each open
    a connection of their own, as gunicorn's workers do. With one shared in-memory connection, a
    browser's overlapping requests (a preview while a save posts) broke each other's transaction."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database is migrated, then loaded as `make setup` does."""
    global _database_after_setup
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)
        if connection.vendor == "sqlite":
            _database_after_setup = sqlite3.connect(":memory:", check_same_thread=False)
            connection.ensure_connection()
            connection.connection.backup(_database_after_setup)


def make_article(**fields):
    n = next(_numbers)
    values = {"title": f"Test guide {n}", "slug": f"test-guide-{n}", "summary": "A guide for tests."}
    return Article.objects.create(**{"is_published": True, **values, **fields})


def make_section(article=None, **fields):
    n = next(_numbers)
    values = {"title": f"Test section {n}", "slug": f"test-section-{n}", "body": f"Body of section {n}."}
    return Section.objects.create(
        **{"article": article or make_article(), "is_published": True, **values, **fields}
    )


def make_exercise(section=None, **fields):
    n = next(_numbers)
    values = {
        "title": f"Test exercise {n}",
        "slug": f"test-exercise-{n}",
        "trains": "Test muscles.",
        "dosage": "3 sets of 10",
        "days_per_week": 4,
        "steps": "1. Do it.\n2. Again.",
        "progression": "Do more.",
        "stop_if": "It hurts.",
    }
    return Exercise.objects.create(
        **{"section": section or make_section(), "is_published": True, **values, **fields}
    )


def make_entry(**fields):
    n = next(_numbers)
    values = {"question": f"Test question {n}?", "slug": f"test-question-{n}", "answer": f"Answer {n}."}
    return Entry.objects.create(**{"is_published": True, **values, **fields})


def make_source(**fields):
    n = next(_numbers)
    return Source.objects.create(**{"citation": f"Test source {n}", **fields})


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run live-server (transactional) tests last, as Django does: they flush the database,
    initial content included. pytest-django sorts them last, but pytest's own regrouping by
    pytest-playwright's session-scoped `browser_name` parameter can undo that. The tests that
    stop part of the shared nginx + Redis stack run after every other stack test."""
    items.sort(
        key=lambda item: (
            "live_server" in getattr(item, "fixturenames", ()),
            item.get_closest_marker("stops_the_stack") is not None,
        )
    )


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A throwaway database the instances share: on the PostgreSQL server of DATABASE_URL when
    there is one (CI's second run), else an SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path_factory.mktemp('stack-db') / 'db.sqlite3'}"
        return
    import psycopg

    name = f"kneesite_stack_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    yield urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def stack(tmp_path_factory, database_url):
    """nginx, two app instances and Redis (deploy/stack.py) for tests/test_two_instances.py and
    tests/test_stack_resilience.py, started once: pages may stay in nginx for MAX_AGE seconds."""
    from deploy.stack import Stack
    from tests.stack_pages import MAX_AGE, create_editor

    run_dir = tmp_path_factory.mktemp("stack")
    with Stack(run_dir, database_url, extra_env={"DJANGO_PAGE_MAX_AGE": str(MAX_AGE)}) as running:
        create_editor(running)
        yield running


@pytest.fixture(scope="session", autouse=True)
def content_state_per_worker(worker_id):
    """Parallel workers (pytest-xdist) each keep their content version in a directory of their
    own: each test empties the caches, which must not end another worker's test's version."""
    from django.conf import settings

    if worker_id == "master":
        yield
        return
    caches = copy.deepcopy(settings.CACHES)
    caches["content-state"]["LOCATION"] = f"{caches['content-state']['LOCATION']}-{worker_id}"
    with override_settings(CACHES=caches):
        yield


@pytest.fixture(scope="session", autouse=True)
def static_files_read_once():
    """Each test's client builds the middleware anew, and WhiteNoise would read the details of
    every static file (about 600) each time: a fifth of the suite's time. Keep its first
    reading, as a server keeps it for its life (nothing changes the static files mid-run)."""
    from whitenoise.base import WhiteNoise

    read = {}
    update_files_dictionary = WhiteNoise.update_files_dictionary

    def read_once(self, root, prefix):
        key = (root, prefix, self.max_age, self.charset, self.allow_all_origins)
        if key not in read:
            before = set(self.files)
            update_files_dictionary(self, root, prefix)
            read[key] = {url: self.files[url] for url in self.files.keys() - before}
        self.files.update(read[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WhiteNoise, "update_files_dictionary", read_once)
        yield


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests sign in many times; real hashing is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def empty_caches():
    """No cached page, shared data or content version: the next request is the first of a new
    content version."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


def make_staff(django_user_model, username, *groups, password="a-long-test-password-1"):
    user = django_user_model.objects.create_user(username, password=password, is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with no cached pages (the local-memory cache outlives a test)."""
    empty_caches()


@pytest.fixture
def author(django_user_model):
    """An author who is also a clinical reviewer: their saves go live at once (the urgent
    path), as every test not about the review flow expects."""
    return make_staff(django_user_model, "author", "Authors", "Clinical reviewers")


@pytest.fixture
def writer(django_user_model):
    """An author only: changes to what readers see wait for a clinical reviewer."""
    return make_staff(django_user_model, "writer", "Authors")


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


@pytest.fixture
def reviewer(django_user_model):
    """A clinical reviewer, signed in with a client of their own."""
    from django.test import Client

    user = make_staff(django_user_model, "reviewer", "Clinical reviewers")
    user.email = "reviewer@example.org"
    user.save()
    user.client = Client()
    user.client.force_login(user)
    return user


@pytest.fixture
def author_client(client, author):
    client.force_login(author)
    return client


@pytest.fixture
def second_author(django_user_model):
    """A second signed-in author (a client of their own), to edit at the same time."""
    from django.test import Client

    user = make_staff(
        django_user_model, "second", "Authors", "Clinical reviewers", password="another-long-password-2"
    )
    client = Client()
    client.force_login(user)
    return client

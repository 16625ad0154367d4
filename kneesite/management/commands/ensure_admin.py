import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Tell the user how to get into the admin. On a database with no users, create a "
        "superuser with a generated password, printed this once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, username, url, **options):
        User = get_user_model()
        if User.objects.exists():
            self.stdout.write(
                f"Admin: log in at {url} with your account. "
                "To add one: .venv/bin/python manage.py createsuperuser"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(f"Created an admin account at {url}\n")
            + f"  username: {username}\n  password: {password}\n"
            + "This password is shown only now: keep it, or set a new one with "
            + f".venv/bin/python manage.py changepassword {username}"
        )

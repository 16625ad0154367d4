"""`manage.py load_content`: bring the shipped content into the database (see
kneesite/content_loader.py for what it may change)."""

from django.core.management.base import BaseCommand, CommandError

from kneesite import content_loader
from kneesite.content_files import ContentError


class Command(BaseCommand):
    help = (
        "Load the content the site ships (articles/content/, faq/content/): creates what is new, "
        "updates shipped texts nobody has edited, never re-creates what an author deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="The database to load into.")

    def handle(self, *args, **options):
        try:
            created, updated = content_loader.load(using=options["database"])
        except ContentError as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        if options["verbosity"]:
            self.stdout.write(f"Shipped content loaded: {created} items created, {updated} updated.")

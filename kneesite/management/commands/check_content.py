"""`manage.py check_content`: check the shipped content files before they are loaded (see
`kneesite.content_check.problems`). Fails with one line per problem."""

from django.core.management.base import BaseCommand, CommandError

from kneesite import content_check, content_loader
from kneesite.content_files import ContentError


class Command(BaseCommand):
    help = (
        "Check the shipped content files: each can be read, its links by slug or key and its "
        "Markdown links lead somewhere, its values fit the models, every exercise has a dose."
    )

    def handle(self, *args, **options):
        try:
            items = content_loader.shipped_items()
        except ContentError as error:
            raise CommandError(str(error)) from error
        found = content_check.problems(items)
        if found:
            raise CommandError("The shipped content has problems:\n" + "\n".join(found))
        self.stdout.write(f"The shipped content is in order: {len(items)} items.")

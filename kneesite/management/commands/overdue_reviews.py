"""List content whose review is overdue, or that has no next-review date; exit with status 1 when
there is any (for cron or CI)."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db.models import F

from kneesite.publishing import Reviewed


class Command(BaseCommand):
    help = "Print every guide, section, exercise and FAQ entry whose next review is overdue or not set."

    def handle(self, *args, **options):
        overdue = [
            (item, model)
            for model in apps.get_models()
            if issubclass(model, Reviewed)
            for item in model.objects.filter(Reviewed.overdue_lookup()).order_by(
                F("next_review_due").asc(nulls_first=True)
            )
        ]
        for item, model in overdue:
            due = f"{item.next_review_due:%Y-%m-%d}" if item.next_review_due else "no date   "
            self.stdout.write(f"{due}  {model._meta.verbose_name}: {item}")
        if overdue:
            raise CommandError(f"{len(overdue)} item(s) overdue for review or with no date.", returncode=1)
        self.stdout.write("No review is overdue.")

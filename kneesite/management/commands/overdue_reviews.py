"""List content whose review is overdue; exit with status 1 when there is any (for cron or CI)."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kneesite.publishing import Reviewed


class Command(BaseCommand):
    help = "Print every guide, section, exercise and FAQ entry whose next review is overdue."

    def handle(self, *args, **options):
        today = timezone.localdate()
        overdue = [
            (item, model)
            for model in apps.get_models()
            if issubclass(model, Reviewed)
            for item in model.objects.filter(next_review_due__lt=today).order_by("next_review_due")
        ]
        for item, model in overdue:
            self.stdout.write(f"{item.next_review_due:%Y-%m-%d}  {model._meta.verbose_name}: {item}")
        if overdue:
            raise CommandError(f"{len(overdue)} item(s) overdue for review.", returncode=1)
        self.stdout.write("No review is overdue.")

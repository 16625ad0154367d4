"""Publish the approved changes whose chosen time has come (run it every minute from cron)."""

from django.core.management.base import BaseCommand

from kneesite.scheduled_publishing import publish_due_changes


class Command(BaseCommand):
    help = (
        "Apply every approved change to a live item whose publication time has come, as the "
        "reviewer who approved it. Run it every minute from cron."
    )

    def handle(self, *args, **options):
        published, sent_back = publish_due_changes()
        if published or sent_back or options["verbosity"] > 1:
            self.stdout.write(f"Published {published} scheduled change(s); sent back {sent_back}.")

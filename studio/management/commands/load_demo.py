from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from studio.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create the demo organization, its users and a sample canvas (safe to re-run)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "The demo data uses a published password, so it is only loaded with DEBUG=1."
            )
        organization, canvas, logins = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo organization ready: {organization.name}"))
        self.stdout.write(f"Sample canvas: {canvas.title}")
        self.stdout.write("Log in at http://127.0.0.1:8000/login/ with any of:")
        for username, role in logins:
            self.stdout.write(f"  {username:<8} / {DEMO_PASSWORD}   ({role})")

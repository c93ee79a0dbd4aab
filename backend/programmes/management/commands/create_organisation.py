"""The site admin's one job for an organisation: create it and appoint its first admin (again: add an admin).

    manage.py create_organisation --name "IOM Germany" --admin-email ines@example.org [--country DE] [--slug ...]

The admin's account is made when the email has none, without a password: she sets one with "Forgot password" on
the login page (the command prints the link to send her), then sets up two-step verification.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.text import slugify

from accounts.emails import password_link
from accounts.models import User
from programmes.models import Organisation, OrganisationAdmin


class Command(BaseCommand):
    help = "Create an organisation (or find it by slug) and make the person with --admin-email one of its admins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True)
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--slug", default="")
        parser.add_argument("--country", default="", help="ISO 3166 code, e.g. DE")
        parser.add_argument("--site", default="http://localhost:8000", help="The site's address, for the link.")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["slug"] or slugify(options["name"])[:80]
        email = options["admin_email"].strip()
        try:
            with transaction.atomic():
                organisation = Organisation.objects.filter(slug=slug).first()
                if organisation is None:
                    organisation = Organisation(name=options["name"], slug=slug, country=options["country"])
                    organisation.full_clean()
                    organisation.save()
                user = User.objects.filter(email__iexact=email).first()
                new_account = user is None
                if user is None:
                    user = User(email=email, display_name=email.split("@")[0][:80])
                    user.set_unusable_password()
                    user.full_clean(exclude=["password"])
                    user.save()
                OrganisationAdmin.objects.get_or_create(user=user, organisation=organisation)
        except ValidationError as error:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())) from None
        self.stdout.write(self.style.SUCCESS(f"{organisation.name} ({organisation.slug}): {email} is an admin."))
        if new_account:
            link = password_link(user, options["site"])
            self.stdout.write(f"Send her this link to set her password (it works once): {link}")

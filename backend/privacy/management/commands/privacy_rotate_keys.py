"""Re-encrypt every sensitive value with the newest key, after a new key was put first in
PRIVACY_ENCRYPTION_KEYS; the old key can be removed once this has run."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from privacy.crypto import rotate
from privacy.models import SensitiveAttributes


class Command(BaseCommand):
    help = "Re-encrypt sensitive attributes with the first key of PRIVACY_ENCRYPTION_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        table = connection.ops.quote_name(SensitiveAttributes._meta.db_table)
        rotated = 0
        with transaction.atomic(), connection.cursor() as cursor:
            # The raw tokens, not the decrypted values: MultiFernet.rotate re-encrypts without us holding keys.
            cursor.execute(f"SELECT id, codes FROM {table} WHERE codes IS NOT NULL")
            for pk, token in cursor.fetchall():
                cursor.execute(f"UPDATE {table} SET codes = %s WHERE id = %s", [rotate(token), pk])
                rotated += 1
        self.stdout.write(f"{rotated} sensitive records re-encrypted with the newest key.")

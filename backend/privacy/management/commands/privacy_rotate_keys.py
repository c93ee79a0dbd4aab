"""Re-encrypt every encrypted value (sensitive attributes, report texts, messages …) with the newest key, after a
new key was put first in PRIVACY_ENCRYPTION_KEYS; the old key can be removed once this has run."""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from privacy.crypto import ENCRYPTED_FIELDS, rotate

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt every encrypted field of every model with the first key of PRIVACY_ENCRYPTION_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        rotated = 0
        quote = connection.ops.quote_name
        for model in apps.get_models():
            fields = [f for f in model._meta.concrete_fields if isinstance(f, ENCRYPTED_FIELDS)]
            if not fields:
                continue
            table, pk = quote(model._meta.db_table), quote(str(model._meta.pk.column))
            for field in fields:
                column = quote(str(field.column))
                with transaction.atomic(), connection.cursor() as cursor:
                    # The raw tokens, not the decrypted values: MultiFernet.rotate re-encrypts without us holding keys.
                    cursor.execute(f"SELECT {pk}, {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> ''")
                    rows = cursor.fetchall()
                    for start in range(0, len(rows), BATCH):
                        cursor.executemany(
                            f"UPDATE {table} SET {column} = %s WHERE {pk} = %s",
                            [(rotate(token), key) for key, token in rows[start : start + BATCH]],
                        )
                    rotated += len(rows)
        self.stdout.write(f"{rotated} encrypted values re-encrypted with the newest key.")

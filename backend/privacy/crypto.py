"""Encryption at rest for sensitive attributes: cryptography's MultiFernet with keys from the environment.

The first key encrypts; every key decrypts, so keys rotate by putting a new one in front (see
config/settings/privacy.py). Only this module touches keys.
"""

import base64
import json
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


def _development_key(secret_key: str) -> bytes:
    """A Fernet key derived from SECRET_KEY, for development and tests only."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"bridges-privacy", info=b"sensitive-attributes").derive(
        secret_key.encode()
    )
    return base64.urlsafe_b64encode(derived)


@cache
def _fernet(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    try:
        fernets = [Fernet(key.encode()) for key in keys] if keys else [Fernet(_development_key(secret_key))]
    except ValueError as error:
        raise ImproperlyConfigured(f"PRIVACY_ENCRYPTION_KEYS holds a key that is not a Fernet key: {error}") from None
    return MultiFernet(fernets)


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.PRIVACY_ENCRYPTION_KEYS), settings.SECRET_KEY)


def encrypt_json(value: Any) -> str:
    return fernet().encrypt(json.dumps(value, sort_keys=True).encode()).decode()


def decrypt_json(token: str) -> Any:
    try:
        return json.loads(fernet().decrypt(token.encode()))
    except InvalidToken:
        raise ImproperlyConfigured(
            "A sensitive value cannot be decrypted with PRIVACY_ENCRYPTION_KEYS: was a key removed too early?"
        ) from None


def rotate(token: str) -> str:
    """The same value encrypted with the newest key."""
    return fernet().rotate(token.encode()).decode()


class EncryptedJSONField(models.TextField):  # type: ignore[type-arg]
    """A JSON value stored as a Fernet token: unreadable in the database, not filterable in SQL."""

    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        return None if value is None else decrypt_json(value)

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> str | None:
        return None if value is None else encrypt_json(value)

    def value_to_string(self, obj: models.Model) -> str:
        return json.dumps(self.value_from_object(obj))


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Free text stored as a Fernet token: unreadable in the database and its backups; "" reads back as ""."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str:
        return "" if not value else str(decrypt_json(value))

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> str | None:
        return None if value in (None, "") else encrypt_json(str(value))


ENCRYPTED_FIELDS = (EncryptedJSONField, EncryptedTextField)
"""Every field type that holds a token; key rotation re-encrypts all of them, in every model."""

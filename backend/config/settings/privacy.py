"""Privacy: the keys that encrypt sensitive attributes at rest.

PRIVACY_ENCRYPTION_KEYS is a comma-separated list of Fernet keys, newest first: new data is encrypted with
the first, and every key in the list can still decrypt, so keys rotate without downtime (add the new key in
front, run `manage.py privacy_rotate_keys`, then drop the old one). Make a key with
`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`.

In development and tests the list may be empty: a key is then derived from SECRET_KEY (itself generated per
checkout), so a fresh clone runs without configuration. Production refuses to start without keys.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from config.env import env

PRIVACY_ENCRYPTION_KEYS: list[str] = env.list("PRIVACY_ENCRYPTION_KEYS", default=[])

# Checked after SECRET_KEY (production.py reports a missing SECRET_KEY first).
if (
    os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(".production")
    and env.str("SECRET_KEY", default="")
    and not PRIVACY_ENCRYPTION_KEYS
):
    raise ImproperlyConfigured(
        "PRIVACY_ENCRYPTION_KEYS must be set in production (one or more Fernet keys, newest first)."
    )

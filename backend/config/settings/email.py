"""Email: printed to the console in development, SMTP in production; any Django backend through EMAIL_BACKEND."""

from typing import Any

from config.env import env


def build_mailers(default_backend: str) -> dict[str, dict[str, Any]]:
    backend = env.str("EMAIL_BACKEND", default=default_backend)
    options: dict[str, Any] = {}
    if backend.endswith("smtp.EmailBackend"):
        options = {
            "host": env.str("EMAIL_HOST", default="localhost"),
            "port": env.int("EMAIL_PORT", default=25),
            "username": env.str("EMAIL_HOST_USER", default=""),
            "password": env.str("EMAIL_HOST_PASSWORD", default=""),
            "use_tls": env.bool("EMAIL_USE_TLS", default=False),
            "timeout": 20,
        }
    elif backend.endswith("filebased.EmailBackend"):
        # One file per connection in this folder (the browser journeys read the invitations they send from it).
        options = {"file_path": env.str("EMAIL_FILE_PATH")}
    return {"default": {"BACKEND": backend, "OPTIONS": options}}


MAILERS = build_mailers("django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Bridges <no-reply@bridges.example>")

"""Helpers of the hardening tests: real logins through allauth's browser API, with a TOTP code when asked."""

import base64
import hashlib
import hmac
import struct
import time
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from rest_framework.test import APIClient

from accounts.models import User
from tests.backend.factories import PASSWORD

AUTH = "/_allauth/browser/v1/auth"
SECRET = "BRIDGESDEMOTOTPKEYFORCOORDINATOR"


def totp_code(secret: str = SECRET, at: float | None = None) -> str:
    """RFC 6238 with allauth's defaults (SHA-1, 30 s, 6 digits), written out so the test checks allauth."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{value:06d}"


def add_totp(user: User, secret: str = SECRET) -> Authenticator:
    return TOTP.activate(user, secret).instance


def password_login(client: APIClient, user: User, password: str = PASSWORD) -> Any:
    return client.post(f"{AUTH}/login", {"email": user.email, "password": password}, format="json")


def full_login(user: User) -> APIClient:
    """Log in as the web app does: password, then the TOTP code when allauth asks for it."""
    client = APIClient()
    response = password_login(client, user)
    if response.status_code == 401:
        flows = {flow["id"]: flow for flow in response.json()["data"]["flows"]}
        assert flows["mfa_authenticate"]["is_pending"]
        response = client.post(f"{AUTH}/2fa/authenticate", {"code": totp_code()}, format="json")
    assert response.status_code == 200, response.json()
    return client


@pytest.fixture
def totp() -> Any:
    return totp_code

"""Hardening shared by every mode: login lockout, our own rate limits, the trusted proxies, the admin's network,
the content security policy and the permissions policy. Production adds secure cookies and HSTS in
config/settings/security.py."""

from django.utils.csp import CSP

from config.env import env

LOGIN_LOCKOUT_ATTEMPTS = env.int("LOGIN_LOCKOUT_ATTEMPTS", default=5)
"""Login attempts per (email, address) that may fail before further attempts are refused."""
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=15 * 60)
"""How long the count is kept from the first attempt; the lockout lifts when it runs out."""

SIGNUP_RATE_LIMIT = env.str("SIGNUP_RATE_LIMIT", default="10/hour")
"""Accepted programme sign-ups per address (DRF rate syntax: N/second|minute|hour|day; empty turns it off)."""
SIGNUP_FAILED_RATE_LIMIT = env.str("SIGNUP_FAILED_RATE_LIMIT", default="60/hour")
"""Refused programme sign-ups (a mistyped field, an unknown programme) per address, counted apart from the accepted
ones so that typing mistakes do not use up her sign-up budget; reaching it pauses sign-up from that address."""

MESSAGE_RATE_PER_CONVERSATION = (env.int("MESSAGE_RATE_PER_CONVERSATION", default=20), 60)
"""Messages one person may send to one conversation per minute."""
MESSAGE_RATE_PER_PERSON = (env.int("MESSAGE_RATE_PER_PERSON", default=200), 60 * 60)
"""Messages one person may send per hour, all her conversations together."""

TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
"""How many reverse proxies stand in front of the app, each appending to X-Forwarded-For; 0 trusts no forwarded
header and takes the connection's own address (common/client_address.py)."""
TRUSTED_PROXY_NETWORKS: list[str] = env.list("TRUSTED_PROXY_NETWORKS", default=[])
"""Optional: X-Forwarded-For is read only on connections from these networks (CIDR), the proxies' own."""

ADMIN_ALLOWED_NETWORKS: list[str] = env.list("ADMIN_ALLOWED_NETWORKS", default=[])
"""Optional: the Django admin answers only from these networks (CIDR, e.g. 10.20.0.0/16,2001:db8::/32)."""

PERMISSIONS_POLICY_DISABLED = [
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
"""Browser features no page of Bridges uses, turned off in every answer's Permissions-Policy header (`camera=()`)."""

# The built web app loads only its own scripts; Mantine sets inline styles (style attributes and a <style> tag),
# hence 'unsafe-inline' for styles only. No frames, no plugins, no foreign hosts.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

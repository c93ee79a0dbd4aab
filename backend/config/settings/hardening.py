"""Hardening shared by every mode: login lockout, our own rate limits, the admin's network and the content
security policy. Production adds secure cookies and HSTS in config/settings/security.py."""

from django.utils.csp import CSP

from config.env import env

LOGIN_LOCKOUT_ATTEMPTS = env.int("LOGIN_LOCKOUT_ATTEMPTS", default=5)
"""Login attempts per (email, address) that may fail before further attempts are refused."""
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=15 * 60)
"""How long the count is kept from the first attempt; the lockout lifts when it runs out."""

SIGNUP_RATE_LIMIT = env.str("SIGNUP_RATE_LIMIT", default="10/hour")
"""Programme sign-ups per address (DRF rate syntax: N/second|minute|hour|day; empty turns it off)."""

ADMIN_ALLOWED_NETWORKS: list[str] = env.list("ADMIN_ALLOWED_NETWORKS", default=[])
"""Optional: the Django admin answers only from these networks (CIDR, e.g. 10.20.0.0/16,2001:db8::/32)."""

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

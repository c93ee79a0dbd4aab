"""django-allauth in headless mode: the browser talks to /_allauth/browser/v1/ with the session cookie."""

from config.env import env

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_UNIQUE_EMAIL = True
# Optional by default: a mentee signing up on a borrowed phone must not be locked out by an unread email.
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_PREVENT_ENUMERATION = True
# A reset asked for an unknown address answers the same but mails nobody (no mail to people who never joined).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# allauth's own rate limits (in the default cache: Redis in production, shared by every process). Our lockout
# per (account, address) after LOGIN_LOCKOUT_ATTEMPTS comes on top (accounts/lockout.py, config/settings/hardening.py).
# Per-address limits are generous: a whole NGO office may share one address.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "20/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/h/ip,5/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/ip",
}
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Bridges] "
HEADLESS_ONLY = True
HEADLESS_CLIENTS = ("browser",)
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": "/account/verify-email/{key}",
    "account_reset_password": "/account/password/reset",
    "account_reset_password_from_key": "/account/password/reset/key/{key}",
    "account_signup": "/signup",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Bridges"
# One period either side (±30 s) forgives a phone clock a little off; each code still works once only.
MFA_TOTP_TOLERANCE = 1

"""Asking what came of a match (backend/outcomes)."""

from config.env import env

SITE_URL = env.str("SITE_URL", default="http://localhost:8000")
"""The web app's address, for links in emails sent by scheduled tasks (no request to read it from)."""
OUTCOME_LINK_DAYS = env.int("OUTCOME_LINK_DAYS", default=60)
"""How long the one-tap links of an outcome question work after it was sent."""
OUTCOME_CATCH_UP_DAYS = env.int("OUTCOME_CATCH_UP_DAYS", default=30)
"""A question missed (the daily task did not run) is still asked this many days late, then skipped."""
OUTCOME_TOKEN_RATE_LIMIT = env.str("OUTCOME_TOKEN_RATE_LIMIT", default="60/hour")
"""Requests to the public outcome-link routes per address (DRF rate syntax; empty turns it off)."""

"""Invitations to join a programme (backend/invitations)."""

from config.env import env

INVITATION_EXPIRY_DAYS = env.int("INVITATION_EXPIRY_DAYS", default=14)
"""How long an invitation's link works after it was (last) sent."""
INVITATION_BATCH_MAX = 500
"""Most addresses one request may invite."""
INVITATION_TOKEN_RATE_LIMIT = env.str("INVITATION_TOKEN_RATE_LIMIT", default="60/hour")
"""Requests to the public invitation-link routes per address (DRF rate syntax; empty turns it off)."""
INVITATION_KEEP_DAYS = env.int("INVITATION_KEEP_DAYS", default=90)
"""Days an unused invitation (its link expired or revoked) is kept for the coordinators' table, then deleted."""

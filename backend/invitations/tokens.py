"""The invitation link's token: derived from the invitation (its id and which sending it is) and the site's secret
key, so neither the database nor a task message ever holds it; the database keeps only its hash to find the
invitation when the link is opened. A resend makes a new token, and the old link stops working."""

import hashlib

from django.utils.crypto import salted_hmac

from invitations.models import Invitation


def token_for(invitation: Invitation) -> str:
    value = f"{invitation.pk}:{invitation.send_count}:{invitation.sent_at.isoformat()}"
    return salted_hmac("invitations.token", value, algorithm="sha256").hexdigest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_link(invitation: Invitation, site: str) -> str:
    return f"{site.rstrip('/')}/invitations/{token_for(invitation)}"

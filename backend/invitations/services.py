"""Inviting people to a programme by email, resending and revoking invitations, and joining through a link.

An invitation's state follows one graph, worked out from its dates (``selectors.with_state``):

    sent --open the link--> opened --join--> joined
      \\--------------------------\\--> expired (the link's time ran out; a resend starts it again)
      \\--------------------------\\--> revoked (by a coordinator; final)
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext, ngettext
from rest_framework import status

from accounts.models import User
from common.errors import Conflict, DomainError, NotAllowed, NotFound
from common.languages import interface_language
from invitations.models import INVITABLE_ROLES, Invitation
from invitations.tasks import role_phrase, send_invitations
from invitations.tokens import token_for, token_hash
from privacy.audit import audit_record
from profiles.models import Profile
from profiles.services import ConsentInput, participant_join_invited
from programmes.models import Membership, Programme, Role
from programmes.services import check_programme_open

_SEPARATORS = re.compile(r"[,;\r\n]+")
_TOKEN = re.compile(r"^[0-9a-f]{64}$")


class InvitationExpired(DomainError):
    status_code = status.HTTP_410_GONE
    code = "invitation_expired"


def _not_valid() -> NotFound:
    # The same words for an unknown and a revoked link, so that links cannot be probed.
    return NotFound(
        gettext("This invitation link is not valid any more. Ask the person who invited you to send a new one.")
    )


def _expired() -> InvitationExpired:
    return InvitationExpired(gettext("This invitation has expired. Ask the person who invited you to send it again."))


def invitable_roles(programme: Programme) -> tuple[str, ...]:
    return tuple(role for role in INVITABLE_ROLES if role == Role.COORDINATOR or role in programme.participant_roles())


def default_language(programme: Programme) -> str:
    """The programme's first language when Bridges speaks it, else the fallback."""
    return interface_language((programme.languages or ["en"])[0])


def emails_parse(entries: list[str]) -> list[tuple[str, str | None]]:
    """Every address in ``entries`` (each may hold several, separated by commas, semicolons or new lines, and may
    be written "Name <address>"), once each, in order: (as given, the normalised address or None if invalid)."""
    found: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for entry in entries:
        for piece in _SEPARATORS.split(entry):
            given = piece.strip()
            if not given:
                continue
            address = parseaddr(given)[1] if "<" in given else given
            address = address.strip().lower()
            try:
                validate_email(address)
            except ValidationError:
                address = ""
            key = address or given
            if key in seen:
                continue
            seen.add(key)
            found.append((given, address or None))
    return found


@dataclass(frozen=True)
class InviteResult:
    email: str
    outcome: str
    """invited, resent, already_member or invalid."""
    detail: str
    invitation: Invitation | None = None


def _start_sending(invitation: Invitation, now: datetime, *, first: bool) -> None:
    """A fresh link for the invitation: a new token (the old link stops working) that works for the set days."""
    if not first:
        invitation.send_count += 1
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=settings.INVITATION_EXPIRY_DAYS)
    invitation.token_hash = token_hash(token_for(invitation))


def _queue_emails(invitations: list[Invitation], site: str) -> None:
    if invitations:
        batch: list[list[str | int]] = [[str(invitation.pk), invitation.send_count] for invitation in invitations]
        transaction.on_commit(lambda: send_invitations.delay(batch, site))


def invitations_send(
    *, programme: Programme, role: str, entries: list[str], language: str | None, by: User, now: datetime, site: str
) -> list[InviteResult]:
    """Invites every address in ``entries`` to the programme in ``role``; one answer per address. An address that
    already has a live invitation for this role gets it again (a new link), never a second one; someone already in
    the programme is told apart, not invited; the emails leave after the commit."""
    check_programme_open(programme)
    if role not in invitable_roles(programme):
        allowed = ", ".join(invitable_roles(programme))
        raise DomainError(
            gettext("This programme takes invitations for: %(roles)s.") % {"roles": allowed}, field="role"
        )
    parsed = emails_parse(entries)
    if not parsed:
        raise DomainError(gettext("Give at least one email address."), field="emails")
    if len(parsed) > settings.INVITATION_BATCH_MAX:
        limit = settings.INVITATION_BATCH_MAX
        raise DomainError(
            ngettext("Invite at most %(count)d address at once.", "Invite at most %(count)d addresses at once.", limit)
            % {"count": limit},
            field="emails",
        )
    language = language or default_language(programme)
    addresses = [address for _given, address in parsed if address]
    results: list[InviteResult] = []
    to_send: list[Invitation] = []
    with transaction.atomic():
        Programme.objects.select_for_update().get(pk=programme.pk)  # one batch at a time per programme
        members: dict[str, set[str]] = {}
        for email, member_role in (
            Membership.objects.filter(programme=programme, left_at__isnull=True)
            .annotate(email_lower=Lower("user__email"))
            .filter(email_lower__in=addresses)
            .values_list("email_lower", "role")
        ):
            members.setdefault(email, set()).add(member_role)
        live = {
            invitation.email: invitation
            for invitation in Invitation.objects.select_for_update().filter(
                programme=programme, role=role, email__in=addresses, joined_at__isnull=True, revoked_at__isnull=True
            )
        }
        for given, address in parsed:
            if address is None:
                results.append(InviteResult(given, "invalid", gettext("This is not an email address.")))
                continue
            roles = members.get(address, set())
            participant_roles = roles - {Role.COORDINATOR}
            if role in roles:
                detail = gettext("Already in this programme as %(role)s: not invited.") % {"role": role_phrase(role)}
                results.append(InviteResult(address, "already_member", detail))
                continue
            if role != Role.COORDINATOR and participant_roles:
                detail = gettext("Already in this programme as %(role)s: not invited.") % {
                    "role": role_phrase(sorted(participant_roles)[0])
                }
                results.append(InviteResult(address, "already_member", detail))
                continue
            invitation = live.get(address)
            if invitation is not None:
                invitation.language = language
                _start_sending(invitation, now, first=False)
                invitation.invited_by = by
                invitation.save()
                results.append(
                    InviteResult(
                        address,
                        "resent",
                        gettext("Already invited: the invitation was sent again with a new link."),
                        invitation,
                    )
                )
            else:
                invitation = Invitation(programme=programme, email=address, role=role, language=language, invited_by=by)
                _start_sending(invitation, now, first=True)
                invitation.full_clean()
                invitation.save()
                results.append(InviteResult(address, "invited", gettext("Invited."), invitation))
            to_send.append(invitation)
        _queue_emails(to_send, site)
        if to_send:
            # One row a batch, with counts: the addresses stay in the invitations (which are forgotten in time).
            counted = {
                outcome: sum(result.outcome == outcome for result in results) for outcome in ("invited", "resent")
            }
            audit_record(
                action="invitation.send",
                target=programme,
                at=now,
                actor=by,
                actor_role=_actor_role(by, programme),
                programme=programme,
                detail={"role": role, **counted},
            )
    return results


def _actor_role(user: User, programme: Programme) -> str:
    """A programme's coordinator, or an admin of its organisation acting on it."""
    coordinates = Membership.objects.filter(
        user=user, programme=programme, role=Role.COORDINATOR, left_at__isnull=True
    ).exists()
    return Role.COORDINATOR if coordinates else "organisation_admin"


def invitation_resend(*, invitation: Invitation, now: datetime, site: str) -> Invitation:
    """A new link, working for the set days again (also after it expired); a joined or revoked one is not sent."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().select_related("programme").get(pk=invitation.pk)
        if locked.joined_at is not None:
            raise Conflict(gettext("This person has already joined: there is nothing to resend."))
        if locked.revoked_at is not None:
            raise Conflict(gettext("This invitation was revoked. Invite the person again instead."))
        check_programme_open(locked.programme)
        _start_sending(locked, now, first=False)
        locked.save()
        _queue_emails([locked], site)
    return locked


def invitation_revoke(*, invitation: Invitation, now: datetime, by: User) -> Invitation:
    """The link stops working at once. Revoking twice changes nothing; a joined person is removed from the
    programme instead (an invitation that was used cannot be taken back)."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().select_related("programme").get(pk=invitation.pk)
        if locked.joined_at is not None:
            raise Conflict(gettext("This person has already joined with this invitation, so it cannot be revoked."))
        if locked.revoked_at is None:
            locked.revoked_at = now
            locked.save(update_fields=["revoked_at", "updated_at"])
            audit_record(
                action="invitation.revoke",
                target=locked,
                at=now,
                actor=by,
                actor_role=_actor_role(by, locked.programme),
                programme=locked.programme,
                detail={"role": locked.role},
            )
    return locked


def invitation_by_token(*, token: str, now: datetime) -> Invitation:
    """The invitation of a link: unknown and revoked links get the same answer; an expired one says so."""
    found = None
    if _TOKEN.match(token):
        found = (
            Invitation.objects.select_related("programme", "programme__organisation")
            .filter(token_hash=token_hash(token))
            .first()
        )
    if found is None or found.revoked_at is not None:
        raise _not_valid()
    if found.joined_at is None and found.expires_at <= now:
        raise _expired()
    return found


def invitation_open(*, invitation: Invitation, now: datetime) -> Invitation:
    """The link was opened (the first time counts)."""
    if invitation.opened_at is None and invitation.joined_at is None:
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(opened_at=now, updated_at=now)
        invitation.opened_at = now
    return invitation


@dataclass(frozen=True)
class Joined:
    user: User
    new_account: bool
    profile: Profile | None
    """The new participant profile; None for a coordinator."""


def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None,
    account: dict[str, Any] | None,
    profile_data: dict[str, Any] | None,
    consent: ConsentInput | None,
    now: datetime,
) -> Joined:
    """She joins the programme in the invited role: with the account she is logged in with (it must be the invited
    address's), or with a new account for the invited address, verified by the link itself. Never a second account
    for an address, never the wrong account."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().select_related("programme").filter(pk=invitation.pk).first()
        if locked is None or locked.revoked_at is not None:
            raise _not_valid()
        if locked.joined_at is not None:
            raise Conflict(gettext("This invitation has already been used. Log in to see the programme."))
        if locked.expires_at <= now:
            raise _expired()
        programme = locked.programme
        check_programme_open(programme)
        new_account = user is None
        if user is not None:
            if (user.email or "").lower() != locked.email:
                raise NotAllowed(
                    gettext(
                        "This invitation was sent to another email address than the one you are logged in with. "
                        "Log out, then open the link again and log in with the invited address (or create an "
                        "account for it)."
                    )
                )
        else:
            if account is None:
                raise DomainError(gettext("Give your name and a password."), field="account")
            if User.objects.annotate(email_lower=Lower("email")).filter(email_lower=locked.email).exists():
                raise Conflict(
                    gettext(
                        "An account with this email address already exists. Log in with it, then open the "
                        "invitation link again to join."
                    )
                )
            user = User.objects.create_user(
                locked.email,
                account["password"],
                display_name=account["display_name"],
                full_name=account.get("full_name", ""),
                phone=account.get("phone", ""),
                preferred_language=account.get("preferred_language") or locked.language,
                address_as=account.get("address_as", ""),
            )
        # The link reached this address: it is verified.
        address = EmailAddress.objects.filter(user=user, email__iexact=locked.email).first()
        if address is None:
            EmailAddress.objects.create(user=user, email=locked.email, primary=True, verified=True)
        elif not address.verified:
            address.verified = True
            address.save(update_fields=["verified"])
        profile = None
        if locked.role == Role.COORDINATOR:
            Membership.objects.get_or_create(user=user, programme=programme, role=Role.COORDINATOR)
        else:
            if Membership.objects.filter(user=user, programme=programme).exclude(role=Role.COORDINATOR).exists():
                raise Conflict(gettext("You are already in this programme."))
            if profile_data is None or consent is None:
                raise DomainError(gettext("Fill in your profile and give your consent to join."), field="profile")
            profile = participant_join_invited(
                programme=programme, role=locked.role, user=user, profile_data=profile_data, consent=consent, now=now
            )
        locked.joined_at = now
        locked.save(update_fields=["joined_at", "updated_at"])
        audit_record(
            action="invitation.join",
            target=locked,
            at=now,
            actor=user,
            actor_role=locked.role,
            programme=programme,
            detail={"role": locked.role, "new_account": new_account},
        )
    return Joined(user=user, new_account=new_account, profile=profile)


def invitations_forget_due(*, now: datetime) -> int:
    """Retention: an invitation nobody used is deleted INVITATION_KEEP_DAYS after its link stopped working (expired
    or revoked), so that addresses of people who never joined are not kept. Joined ones stay with the account."""
    before = now - timedelta(days=settings.INVITATION_KEEP_DAYS)
    unused = Invitation.objects.filter(joined_at__isnull=True)
    return unused.filter(Q(expires_at__lt=before) | Q(revoked_at__lt=before)).delete()[0]


def invitations_erase_for(*, email: str | None) -> int:
    """Every invitation to this address (an erased account's): the address is personal data."""
    if not email:
        return 0
    return Invitation.objects.filter(email=email.lower()).delete()[0]

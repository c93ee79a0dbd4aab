"""Erasing a person's account: her personal data goes, anonymous figures stay.

Rows she shares with the programme's figures (her membership, profile, matches, feedback ratings) stay, with
every personal field cleared, so that the programme's health figures still add up. Everything else that
points to her account and would be deleted with it is deleted. The user row stays as an anonymous stub
(no name, email, phone or password) so that the kept rows keep their keys. The erasure itself is logged with
her account's id only. Her part in every programme ends first, as when she leaves (``usecases.leave``).
"""

from datetime import datetime
from typing import Any

from django.db import models, transaction
from django.db.models import Q

from accounts.models import User
from invitations.services import invitations_erase_for
from mentoring.models import Feedback, Match
from messaging.services import messages_erase_by
from notifications.models import Notification
from outcomes.services import outcomes_erase_for
from privacy.audit import audit_record
from privacy.models import AuditEvent, ConsentRecord
from profiles.models import LanguageSkill, Profile, ProfileSector
from usecases.leave import memberships_end_for_erasure

ERASED_NAME = "—"
"""The display name an erased account keeps (the field may not be empty)."""

KEPT_RELATIONS: frozenset[str] = frozenset({"programmes.Membership", "mentoring.Feedback"})
"""Models whose rows pointing to her survive the erasure, anonymised, because the programme's figures count them.
Every other model with a cascading link to her account loses those rows; a new model is covered unless added
here."""


def _scrub_names(value: Any, names: set[str]) -> Any:
    if isinstance(value, str):
        return "" if any(name and name.lower() in value.lower() for name in names) else value
    if isinstance(value, dict):
        return {key: _scrub_names(item, names) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub_names(item, names) for item in value]
    return value


def account_erase(*, user: User, now: datetime, by_role: str = "self") -> dict[str, int]:
    """Erase her account. ``by_role`` is "self" (she asked) or "system" (retention). Returns what was done,
    as counts (nothing personal)."""
    names = {user.display_name.strip(), user.full_name.strip(), (user.email or "").strip()} - {"", ERASED_NAME}
    counts: dict[str, int] = {}
    with transaction.atomic():
        memberships_end_for_erasure(user=user, now=now, by_role=by_role)
        profiles = Profile.objects.filter(membership__user=user)
        match_ids = list(
            Match.objects.filter(Q(mentee__in=profiles) | Q(mentor__in=profiles)).values_list("pk", flat=True)
        )
        counts["matches_kept_anonymous"] = len(match_ids)
        # Free texts about or by her on the pairings she was part of.
        Match.objects.filter(pk__in=match_ids).update(reason_text="", updated_at=now)
        counts["feedback_kept_anonymous"] = Feedback.objects.filter(match_id__in=match_ids).update(text="")
        # What came of her matches: her answers, the mentor's about her, those a coordinator recorded for her.
        counts["outcomes_deleted"] = outcomes_erase_for(user=user, mentee_profiles=profiles)
        # Her profile keeps its role and dates for the figures; everything about her goes.
        LanguageSkill.objects.filter(profile__in=profiles).delete()
        ProfileSector.objects.filter(profile__in=profiles).delete()
        profiles.update(
            goals=[],
            goals_text="",
            city="",
            country="",
            availability=[],
            gender="unspecified",
            share_email=False,
            share_phone=False,
            woman_mentor_only=False,
            online_only=False,
            support_qualities=[],
            available=False,
            organisation="",
            worker_role="",
            topics_expertise=[],
            topics_interest=[],
            updated_at=now,
        )
        _erase_profile_linked_texts(profiles)
        # What she wrote goes; the others see "message deleted" in its place.
        counts["messages_deleted"] = messages_erase_by(user=user, now=now)
        counts["consents_deleted"] = ConsentRecord.objects.filter(user=user).delete()[0]
        counts["notifications_deleted"] = Notification.objects.filter(user=user).delete()[0]
        # Notices to others about the pairings she was part of may carry her first name.
        for notice in Notification.objects.filter(match_id__in=match_ids):
            scrubbed = _scrub_names(notice.params, names)
            if scrubbed != notice.params:
                Notification.objects.filter(pk=notice.pk).update(params=scrubbed)
        # Free-text reasons on the audit trail about her pairings or her profile may name her.
        targets = [str(pk) for pk in [*match_ids, *profiles.values_list("pk", flat=True), user.pk]]
        AuditEvent.objects.filter(target_id__in=targets).exclude(reason="").update(reason="")
        counts["other_rows_deleted"] = _delete_linked_rows(user)
        # Invitations to her address (pending or used): the address is personal data.
        counts["invitations_deleted"] = invitations_erase_for(email=user.email)
        user.email = None
        user.display_name = ERASED_NAME
        user.full_name = ""
        user.phone = ""
        user.address_as = ""
        user.is_active = False
        user.last_login = None
        user.set_unusable_password()
        user.save()
        audit_record(
            action="account.erase",
            target=user,
            at=now,
            actor=None,
            actor_role=by_role,
            detail=counts,
        )
    return counts


def _erase_profile_linked_texts(profiles: Any) -> None:
    """Free text other apps keep on her profile (e.g. a peer group follow-up comment): every text column of a
    model with a link to Profile is cleared for her rows."""
    for relation in Profile._meta.related_objects:
        model = relation.related_model
        if not isinstance(relation, models.ManyToOneRel) or model._meta.label in ("profiles.LanguageSkill",):
            continue
        texts = {
            field.name: ""
            for field in model._meta.concrete_fields
            if isinstance(field, models.TextField) and field.blank
        }
        if texts:
            model._default_manager.filter(**{f"{relation.field.name}__in": profiles}).update(**texts)


def _delete_linked_rows(user: User) -> int:
    """Delete every row that points to her account with a cascading link, except the anonymised kept ones."""
    deleted = 0
    for relation in User._meta.related_objects:
        model = relation.related_model
        if model._meta.label in KEPT_RELATIONS or not isinstance(relation, models.ManyToOneRel):
            continue
        if relation.on_delete is not models.CASCADE:
            continue
        deleted += model._default_manager.filter(**{relation.field.name: user}).delete()[0]
    return deleted

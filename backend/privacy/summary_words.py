"""The words of the printable summary of her data: English msgids, translated in backend/locale/*/django.po
(msgctxt "data summary" for headings, "data summary field" for the names of her data's fields)."""

from django.utils.translation import pgettext


def summary_words() -> dict[str, str]:
    """The headings, in the active language."""
    return {
        "title": pgettext("data summary", "My data on Bridges"),
        "intro": pgettext("data summary", "Everything Bridges holds about you, as of"),
        "print": pgettext("data summary", "Print or save as PDF"),
        "account": pgettext("data summary", "My account"),
        "programmes": pgettext("data summary", "My programmes"),
        "programme": pgettext("data summary", "Programme"),
        "role": pgettext("data summary", "Role"),
        "since": pgettext("data summary", "Since"),
        "left": pgettext("data summary", "Left"),
        "profile": pgettext("data summary", "My profile"),
        "sensitive": pgettext("data summary", "My sensitive answers"),
        "none": pgettext("data summary", "None."),
        "consents": pgettext("data summary", "My consents"),
        "purpose": pgettext("data summary", "Purpose"),
        "version": pgettext("data summary", "Version"),
        "given": pgettext("data summary", "Given"),
        "withdrawn": pgettext("data summary", "Withdrawn"),
        "matches": pgettext("data summary", "My pairings"),
        "state": pgettext("data summary", "State"),
        "closed": pgettext("data summary", "Ended"),
        "feedback": pgettext("data summary", "My feedback"),
        "notifications": pgettext("data summary", "Messages I received"),
    }


def field_labels() -> dict[str, str]:
    """The names of her data's fields, in the active language."""
    return {
        "id": pgettext("data summary field", "Number"),
        "email": pgettext("data summary field", "Email"),
        "display_name": pgettext("data summary field", "First name"),
        "full_name": pgettext("data summary field", "Full name"),
        "phone": pgettext("data summary field", "Phone"),
        "preferred_language": pgettext("data summary field", "Language"),
        "address_as": pgettext("data summary field", "How to address you"),
        "date_joined": pgettext("data summary field", "Joined"),
        "last_login": pgettext("data summary field", "Last login"),
        "programme": pgettext("data summary field", "Programme"),
        "role": pgettext("data summary field", "Role"),
        "languages": pgettext("data summary field", "Languages"),
        "sectors": pgettext("data summary field", "Work areas"),
        "goals": pgettext("data summary field", "Goals"),
        "goals_text": pgettext("data summary field", "Your goals in your words"),
        "city": pgettext("data summary field", "City"),
        "country": pgettext("data summary field", "Country"),
        "online": pgettext("data summary field", "Open to meeting online"),
        "availability": pgettext("data summary field", "Free times"),
        "gender": pgettext("data summary field", "Gender"),
        "woman_mentor_only": pgettext("data summary field", "Woman mentor only"),
        "online_only": pgettext("data summary field", "Online only"),
        "share_email": pgettext("data summary field", "Email shared with your match"),
        "share_phone": pgettext("data summary field", "Phone shared with your match"),
        "capacity": pgettext("data summary field", "Places"),
        "support_qualities": pgettext("data summary field", "Support you offer"),
        "available": pgettext("data summary field", "Available"),
        "organisation": pgettext("data summary field", "Organisation"),
        "worker_role": pgettext("data summary field", "Your work"),
        "topics_expertise": pgettext("data summary field", "Topics you know"),
        "topics_interest": pgettext("data summary field", "Topics you want to learn"),
        "created_at": pgettext("data summary field", "Created"),
        "updated_at": pgettext("data summary field", "Last changed"),
    }

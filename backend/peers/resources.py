"""A small, fixed list of reputable public pages per topic, shown to a group for the topics it shares."""

from typing import TypedDict


class Resource(TypedDict):
    title: str
    url: str


RESOURCES: dict[str, tuple[Resource, ...]] = {
    "lgbtqi_migrants": (
        {"title": "ILGA-Europe: asylum and migration", "url": "https://www.ilga-europe.org/"},
        {"title": "UNHCR: LGBTIQ+ persons in forced displacement", "url": "https://www.unhcr.org/lgbtiq"},
    ),
    "gender_based_violence": (
        {"title": "UNHCR: gender-based violence", "url": "https://www.unhcr.org/gender-based-violence"},
        {"title": "WHO: violence against women", "url": "https://www.who.int/health-topics/violence-against-women"},
    ),
    "unaccompanied_children": (
        {
            "title": "UNICEF: refugee and migrant children",
            "url": "https://www.unicef.org/migrant-refugee-internally-displaced-children",
        },
        {"title": "European Union Agency for Asylum: children", "url": "https://euaa.europa.eu/"},
    ),
    "migrant_parents": (
        {"title": "UNICEF: parenting", "url": "https://www.unicef.org/parenting"},
        {"title": "IOM: migrant integration", "url": "https://www.iom.int/migrant-integration"},
    ),
    "mental_health": (
        {
            "title": "WHO: mental health of refugees and migrants",
            "url": "https://www.who.int/news-room/fact-sheets/detail/mental-health-and-forced-displacement",
        },
        {
            "title": "IOM: mental health and psychosocial support",
            "url": "https://www.iom.int/mental-health-and-psychosocial-support",
        },
    ),
    "reception_asylum": (
        {"title": "European Union Agency for Asylum", "url": "https://euaa.europa.eu/"},
        {
            "title": "UNHCR: asylum and protection",
            "url": "https://www.unhcr.org/what-we-do/protect-human-rights/asylum-and-migration",
        },
    ),
    "labour_market": (
        {"title": "EU: European Website on Integration", "url": "https://migrant-integration.ec.europa.eu/"},
        {"title": "ILO: labour migration", "url": "https://www.ilo.org/topics/labour-migration"},
    ),
    "intercultural_mediation": (
        {"title": "EU: European Website on Integration", "url": "https://migrant-integration.ec.europa.eu/"},
        {
            "title": "Council of Europe: intercultural integration",
            "url": "https://www.coe.int/en/web/interculturalcities",
        },
    ),
    "trafficking_survivors": (
        {"title": "IOM: counter-trafficking", "url": "https://www.iom.int/counter-trafficking"},
        {
            "title": "EU: together against trafficking in human beings",
            "url": "https://home-affairs.ec.europa.eu/policies/internal-security/organised-crime-and-human-trafficking/together-against-trafficking-human-beings_en",
        },
    ),
    "health_access": (
        {
            "title": "WHO: refugee and migrant health",
            "url": "https://www.who.int/health-topics/refugee-and-migrant-health",
        },
        {"title": "IOM: migration health", "url": "https://www.iom.int/migration-health"},
    ),
    "housing": (
        {"title": "UNHCR: shelter", "url": "https://www.unhcr.org/what-we-do/protect-human-rights/protection/shelter"},
        {"title": "EU: European Website on Integration", "url": "https://migrant-integration.ec.europa.eu/"},
    ),
    "education_access": (
        {"title": "UNICEF: education", "url": "https://www.unicef.org/education"},
        {"title": "UNHCR: education", "url": "https://www.unhcr.org/what-we-do/build-better-futures/education"},
    ),
    "maternal_health": (
        {"title": "WHO: maternal health", "url": "https://www.who.int/health-topics/maternal-health"},
        {
            "title": "UNICEF: maternal and newborn health",
            "url": "https://www.unicef.org/health/maternal-and-newborn-health",
        },
    ),
    "legal_status": (
        {"title": "UNHCR: help for refugees and asylum-seekers", "url": "https://help.unhcr.org/"},
        {"title": "EU Immigration Portal", "url": "https://immigration-portal.ec.europa.eu/"},
    ),
    "disability": (
        {
            "title": "UNHCR: persons with disabilities",
            "url": "https://www.unhcr.org/what-we-do/protect-human-rights/protection/persons-disabilities",
        },
        {"title": "WHO: disability", "url": "https://www.who.int/health-topics/disability"},
    ),
    "staff_wellbeing": (
        {
            "title": "WHO: mental health at work",
            "url": "https://www.who.int/news-room/fact-sheets/detail/mental-health-at-work",
        },
        {
            "title": "IASC: guidance on mental health and psychosocial support",
            "url": "https://interagencystandingcommittee.org/mental-health-and-psychosocial-support-emergency-settings",
        },
    ),
}


def resources_for(topics: list[str]) -> list[dict[str, str]]:
    """Pages for the given topics, in topic order, each page once."""
    seen: set[str] = set()
    found: list[dict[str, str]] = []
    for topic in topics:
        for resource in RESOURCES.get(topic, ()):
            if resource["url"] not in seen:
                seen.add(resource["url"])
                found.append({"topic": topic, "title": resource["title"], "url": resource["url"]})
    return found

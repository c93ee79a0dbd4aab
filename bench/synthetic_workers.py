"""Seeded synthetic frontline workers of a cross-European peer network, with realistic skew, for benchmarks and tests.

Cities and organisations follow Zipf-like frequencies; most workers speak their country's language and many speak
English; home languages of migrant staff follow a Zipf-like tail; topics of interest and expertise are skewed
towards the most common needs.
"""

from __future__ import annotations

import numpy as np

from matching.records import FrontlineWorker

TOPICS = (
    "reception_asylum",
    "mental_health",
    "gender_based_violence",
    "migrant_parents",
    "labour_market",
    "unaccompanied_children",
    "intercultural_mediation",
    "lgbtqi_migrants",
)
"""The network's topics, most common first."""

CITIES = (
    ("Brussels", "BE", ("fr", "nl")), ("Antwerp", "BE", ("nl",)), ("Ghent", "BE", ("nl",)),
    ("Liège", "BE", ("fr",)), ("Charleroi", "BE", ("fr",)), ("Luxembourg", "LU", ("fr", "de", "lb")),
    ("Esch-sur-Alzette", "LU", ("fr", "lb")), ("Rome", "IT", ("it",)), ("Milan", "IT", ("it",)),
    ("Turin", "IT", ("it",)), ("Naples", "IT", ("it",)), ("Bologna", "IT", ("it",)), ("Palermo", "IT", ("it",)),
    ("Stockholm", "SE", ("sv",)), ("Gothenburg", "SE", ("sv",)), ("Malmö", "SE", ("sv",)), ("Uppsala", "SE", ("sv",)),
    ("Berlin", "DE", ("de",)), ("Hamburg", "DE", ("de",)), ("Athens", "GR", ("el",)), ("Madrid", "ES", ("es",)),
    ("Barcelona", "ES", ("es", "ca")), ("Lyon", "FR", ("fr",)), ("Marseille", "FR", ("fr",)),
)  # fmt: skip
HOME_LANGUAGES = ("ar", "fr", "es", "uk", "ru", "fa", "tr", "so", "ti", "pt", "ro", "pl", "ps", "ku", "am", "wo")
ROLES = ("social_worker", "nurse", "counsellor", "doula", "ngo_staff", "psychologist", "teacher", "lawyer", "midwife")
LEVELS = ("A2", "B1", "B2", "C1", "C2")


def _zipf_weights(n_items: int, exponent: float) -> np.ndarray:
    weights = 1.0 / np.arange(1, n_items + 1) ** exponent
    return weights / weights.sum()


def synthetic_workers(n: int, seed: int = 0) -> list[FrontlineWorker]:
    """``n`` frontline workers drawn with a fixed seed (the same ``n`` and ``seed`` give the same workers)."""
    rng = np.random.default_rng(seed)
    city_choice = rng.choice(len(CITIES), size=n, p=_zipf_weights(len(CITIES), 0.9))
    orgs_per_city = max(2, n // (15 * len(CITIES)))
    org_weights = _zipf_weights(orgs_per_city, 1.0)
    topic_weights = _zipf_weights(len(TOPICS), 0.7)
    workers = []
    for i in range(n):
        city, country, local = CITIES[city_choice[i]]
        languages: dict[str, str] = {local[0]: "C2"}
        for extra in local[1:]:
            if rng.random() < 0.4:
                languages[extra] = str(rng.choice(LEVELS[1:]))
        if rng.random() < 0.75:
            languages.setdefault("en", str(rng.choice(LEVELS, p=(0.1, 0.25, 0.35, 0.2, 0.1))))
        if rng.random() < 0.3:
            home = HOME_LANGUAGES[rng.choice(len(HOME_LANGUAGES), p=_zipf_weights(len(HOME_LANGUAGES), 1.1))]
            languages.setdefault(home, "C2")
        organisation = f"{city.lower()}-org-{rng.choice(orgs_per_city, p=org_weights)}"
        interest = rng.choice(len(TOPICS), size=rng.integers(1, 4), replace=False, p=topic_weights)
        expertise = rng.choice(len(TOPICS), size=rng.integers(0, 4), replace=False, p=topic_weights)
        workers.append(
            FrontlineWorker(
                id=f"fw{i:06d}",
                languages=languages,
                city=city,
                country=country,
                organisation=organisation,
                role=ROLES[rng.integers(len(ROLES))],
                topics_expertise=frozenset(TOPICS[t] for t in expertise),
                topics_interest=frozenset(TOPICS[t] for t in interest),
            )
        )
    return workers


ISLAND_LANGUAGES = (
    "en", "fr", "de", "es", "it", "ar", "uk", "pl", "tr", "fa", "ro", "pt", "ru", "nl", "sv", "el", "so", "ti", "am",
    "ps", "ku", "wo", "bn", "ur", "hi", "zh", "vi", "ta", "sq", "sr", "hr", "bg", "hu", "cs", "sk", "lt", "lv", "et",
    "fi", "da",
)  # fmt: skip
"""Languages of the island-shaped network, most widely spoken first."""


def language_island_workers(n: int, seed: int = 0) -> list[FrontlineWorker]:
    """``n`` workers without a language everyone speaks: each has a first language (Zipf-like over forty, so the
    tail languages have a handful of speakers) and six in ten also speak one of the three most common ones. A
    group can share a tail language only if enough of its speakers join it, bilinguals included: grouping each
    worker by her most widely spoken language strands the rest."""
    rng = np.random.default_rng(seed)
    weights = _zipf_weights(len(ISLAND_LANGUAGES), 1.5)
    city_choice = rng.choice(len(CITIES), size=n, p=_zipf_weights(len(CITIES), 0.9))
    topic_weights = _zipf_weights(len(TOPICS), 0.7)
    workers = []
    for i in range(n):
        languages = {ISLAND_LANGUAGES[int(rng.choice(len(ISLAND_LANGUAGES), p=weights))]: "C2"}
        if rng.random() < 0.6:
            languages.setdefault(ISLAND_LANGUAGES[int(rng.integers(3))], "B2")
        city, country, _ = CITIES[city_choice[i]]
        interest = rng.choice(len(TOPICS), size=rng.integers(1, 4), replace=False, p=topic_weights)
        expertise = rng.choice(len(TOPICS), size=rng.integers(0, 4), replace=False, p=topic_weights)
        workers.append(
            FrontlineWorker(
                id=f"li{i:06d}",
                languages=languages,
                city=city,
                country=country,
                organisation=f"{city.lower()}-org-{rng.integers(max(2, n // 200))}",
                role=ROLES[rng.integers(len(ROLES))],
                topics_expertise=frozenset(TOPICS[t] for t in expertise),
                topics_interest=frozenset(TOPICS[t] for t in interest),
            )
        )
    return workers

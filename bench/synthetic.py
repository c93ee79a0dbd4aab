"""Seeded synthetic mentees and mentors with realistic skew, for benchmarks and tests.

Languages, sectors and cities follow Zipf-like frequencies; goal and offer texts are drawn from a small
vocabulary tied to each sector (in English and German), so text similarity carries signal.
"""

from __future__ import annotations

import numpy as np

from matching.records import AVAILABILITY_SLOTS, CEFR_LEVELS, Mentee, Mentor

HOME_LANGUAGES = (
    "ar",
    "uk",
    "fa",
    "tr",
    "ru",
    "en",
    "fr",
    "ti",
    "so",
    "ku",
    "es",
    "pl",
    "ro",
    "ps",
    "ur",
    "vi",
    "zh",
    "it",
)
SECTOR_PARENTS: dict[str, str] = {
    "86": "Q", "87": "Q", "88": "Q", "85": "P", "62": "J", "63": "J", "56": "I", "55": "I", "47": "G", "46": "G",
    "41": "F", "43": "F", "49": "H", "52": "H", "69": "M", "70": "M", "10": "C", "25": "C", "96": "S", "94": "S",
    "84": "O", "64": "K", "78": "N", "81": "N", "90": "R", "01": "A",
}  # fmt: skip
SECTORS = tuple(SECTOR_PARENTS)
SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    "Q": ("nursing", "hospital", "healthcare", "Pflege", "Krankenhaus", "elderly care", "social work"),
    "P": ("teaching", "school", "education", "Erzieherin", "kindergarten"),
    "J": ("software", "IT support", "web development", "Informatik", "data analysis"),
    "I": ("hotel", "restaurant", "cooking", "Gastronomie", "catering"),
    "G": ("retail", "shop", "sales", "Einzelhandel", "customer service"),
    "F": ("construction", "architecture", "Bau", "engineering"),
    "H": ("logistics", "transport", "warehouse", "Logistik"),
    "M": ("accounting", "law", "consulting", "Buchhaltung"),
    "C": ("manufacturing", "factory", "food production", "Produktion"),
    "S": ("hairdressing", "beauty", "community work", "Friseurin"),
    "O": ("public administration", "Verwaltung", "translation"),
    "K": ("banking", "finance", "insurance", "Finanzen"),
    "N": ("cleaning", "office support", "Reinigung"),
    "R": ("arts", "music", "sports", "Kunst"),
    "A": ("farming", "gardening", "Landwirtschaft"),
}
GOALS = ("job_search", "recognition", "language_practice", "training", "business", "networking", "childcare")
GOAL_TEMPLATES = {
    "job_search": ("find a job in {w}", "Arbeit finden in {w}", "job search {w}"),
    "recognition": ("recognition of my {w} diploma", "Anerkennung meines Abschlusses {w}"),
    "language_practice": ("practise German for {w}", "Deutsch üben {w}"),
    "training": ("training in {w}", "Ausbildung {w}", "course in {w}"),
    "business": ("start my own {w} business", "Selbstständigkeit {w}"),
    "networking": ("meet people in {w}", "Netzwerk {w}"),
    "childcare": ("childcare while I work in {w}", "Kinderbetreuung {w}"),
}
OFFER_TEMPLATES = ("{w} careers", "help with {w} applications", "Beratung {w}", "mentoring in {w}", "{w} and {g}")
CITIES = (
    ("Berlin", "DE"), ("Hamburg", "DE"), ("München", "DE"), ("Köln", "DE"), ("Frankfurt", "DE"), ("Stuttgart", "DE"),
    ("Düsseldorf", "DE"), ("Leipzig", "DE"), ("Dortmund", "DE"), ("Essen", "DE"), ("Bremen", "DE"), ("Dresden", "DE"),
    ("Hannover", "DE"), ("Nürnberg", "DE"), ("Duisburg", "DE"), ("Bochum", "DE"), ("Wuppertal", "DE"), ("Bonn", "DE"),
    ("Wien", "AT"), ("Graz", "AT"), ("Zürich", "CH"), ("Amsterdam", "NL"), ("Paris", "FR"), ("Lyon", "FR"),
    ("Bruxelles", "BE"), ("Athina", "GR"), ("Milano", "IT"), ("Madrid", "ES"), ("Stockholm", "SE"), ("Warszawa", "PL"),
)  # fmt: skip


def _zipf(rng: np.random.Generator, n_items: int, size: int, exponent: float = 1.1) -> np.ndarray:
    weights = 1.0 / np.arange(1, n_items + 1) ** exponent
    return rng.choice(n_items, size=size, p=weights / weights.sum())


def _slots(rng: np.random.Generator, low: int, high: int) -> frozenset[str]:
    count = int(rng.integers(low, high + 1))
    return frozenset(AVAILABILITY_SLOTS[i] for i in rng.choice(len(AVAILABILITY_SLOTS), size=count, replace=False))


def _text(rng: np.random.Generator, sector: str, templates: tuple[str, ...], goal: str = "") -> str:
    words = SECTOR_WORDS[SECTOR_PARENTS[sector]]
    return templates[int(rng.integers(len(templates)))].format(w=words[int(rng.integers(len(words)))], g=goal)


def mentees(n: int, seed: int = 0, id_prefix: str = "mentee") -> list[Mentee]:
    """``n`` seeded mentees: a home language at C2, German mostly A2–C1, some English; one or two sectors."""
    rng = np.random.default_rng([seed, 1])
    home = _zipf(rng, len(HOME_LANGUAGES), n)
    sectors = _zipf(rng, len(SECTORS), (n, 2), 0.9)
    cities = _zipf(rng, len(CITIES), n, 1.0)
    german = rng.choice(len(CEFR_LEVELS), size=n, p=[0.02, 0.18, 0.35, 0.25, 0.15, 0.05])
    people = []
    for i in range(n):
        languages = {HOME_LANGUAGES[home[i]]: "C2", "de": CEFR_LEVELS[german[i]]}
        if rng.random() < 0.3:
            languages.setdefault("en", CEFR_LEVELS[int(rng.integers(1, 5))])
        own_sectors = [SECTORS[sectors[i, 0]]] + ([SECTORS[sectors[i, 1]]] if rng.random() < 0.2 else [])
        goals = frozenset(GOALS[g] for g in _zipf(rng, len(GOALS), int(rng.integers(1, 4)), 0.8))
        text_goal = sorted(goals)[int(rng.integers(len(goals)))]
        city, country = CITIES[cities[i]]
        online_only = bool(rng.random() < 0.1)
        people.append(
            Mentee(
                id=f"{id_prefix}-{i:07d}",
                languages=languages,
                sectors=frozenset(own_sectors),
                goals=goals,
                goal_text=_text(rng, own_sectors[0], GOAL_TEMPLATES[text_goal]) if rng.random() < 0.7 else "",
                city=city,
                country=country,
                online=online_only or bool(rng.random() < 0.8),
                availability=_slots(rng, 1, 8),
                woman_mentor_only=bool(rng.random() < 0.25),
                online_only=online_only,
            )
        )
    return people


def mentors(n: int, seed: int = 0, id_prefix: str = "mentor") -> list[Mentor]:
    """``n`` seeded mentors: German at C1/C2, often English, sometimes a home language; capacity 1–5."""
    rng = np.random.default_rng([seed, 2])
    home = _zipf(rng, len(HOME_LANGUAGES), n)
    sectors = _zipf(rng, len(SECTORS), (n, 2), 0.9)
    cities = _zipf(rng, len(CITIES), n, 1.0)
    capacity = rng.choice([1, 2, 3, 4, 5], size=n, p=[0.35, 0.3, 0.15, 0.1, 0.1])
    people = []
    for i in range(n):
        languages = {"de": "C2" if rng.random() < 0.8 else "C1"}
        if rng.random() < 0.6:
            languages["en"] = CEFR_LEVELS[int(rng.integers(2, 6))]
        if rng.random() < 0.25:
            languages[HOME_LANGUAGES[home[i]]] = CEFR_LEVELS[int(rng.integers(2, 6))]
        own_sectors = [SECTORS[sectors[i, 0]]] + ([SECTORS[sectors[i, 1]]] if rng.random() < 0.3 else [])
        offers = frozenset(GOALS[g] for g in _zipf(rng, len(GOALS), int(rng.integers(1, 5)), 0.6))
        city, country = CITIES[cities[i]]
        people.append(
            Mentor(
                id=f"{id_prefix}-{i:07d}",
                languages=languages,
                capacity=int(capacity[i]),
                sectors=frozenset(own_sectors),
                offers=offers,
                offer_text=_text(rng, own_sectors[0], OFFER_TEMPLATES, sorted(offers)[0]) if rng.random() < 0.8 else "",
                city=city,
                country=country,
                online=bool(rng.random() < 0.7),
                availability=_slots(rng, 2, 10),
                is_woman=bool(rng.random() < 0.65),
                kind="employer" if rng.random() < 0.1 else "mentor",
            )
        )
    return people


SHAPES = ("default", "rare_sector", "language_islands", "scarce_capacity", "ties")
"""Population shapes for :func:`population`. ``default`` is :func:`mentees` and :func:`mentors` as they are;
the others are built to be unfriendly to a pruned candidate graph:

- ``rare_sector``: 80 % of the mentees want one of three sectors that only 3 % of the mentors cover (the rest
  of the mentors spread over all the other sectors), so most of them compete for a handful of mentors.
- ``language_islands``: 60 % of the mentees speak German below B1 and only their home language well; 12 % of
  the mentors speak a home language, so each such mentee shares a working language with few mentors.
- ``scarce_capacity``: 75 % of the mentors take one mentee, 10 % none, 5 % are unavailable, 5 % are not
  verified, the rest take 2–8.
- ``ties``: look-alike people with exact ties: six mentee profiles and four mentor profiles, no free text,
  one city, so thousands of pairs share each score.
"""

RARE_SECTORS = ("01", "64", "90")


def population(shape: str, n_mentees: int, n_mentors: int, seed: int = 0) -> tuple[list[Mentee], list[Mentor]]:
    """Seeded mentees and mentors of one of :data:`SHAPES`."""
    from dataclasses import replace

    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {', '.join(SHAPES)}, not {shape!r}")
    people, helpers = mentees(n_mentees, seed), mentors(n_mentors, seed)
    rng = np.random.default_rng([seed, 3, SHAPES.index(shape)])
    if shape == "rare_sector":
        common = [s for s in SECTORS if s not in RARE_SECTORS]
        people = [
            replace(p, sectors=frozenset({RARE_SECTORS[int(rng.integers(3))]})) if rng.random() < 0.8 else p
            for p in people
        ]
        helpers = [
            replace(h, sectors=frozenset({RARE_SECTORS[int(rng.integers(3))]}))
            if rng.random() < 0.03
            else replace(h, sectors=frozenset({common[int(rng.integers(len(common)))]}))
            for h in helpers
        ]
    elif shape == "language_islands":
        weak = ("A1", "A2")
        people = [
            replace(p, languages={k: v for k, v in p.languages.items() if k not in ("de", "en")} | {"de": weak[i % 2]})
            if rng.random() < 0.6
            else p
            for i, p in enumerate(people)
        ]
        helpers = [
            replace(h, languages={"de": "C2", HOME_LANGUAGES[int(rng.integers(len(HOME_LANGUAGES)))]: "C1"})
            if rng.random() < 0.12
            else replace(h, languages={"de": h.languages["de"]})
            for h in helpers
        ]
    elif shape == "scarce_capacity":
        kinds = rng.choice(5, size=n_mentors, p=[0.75, 0.10, 0.05, 0.05, 0.05])
        extra = rng.integers(2, 9, size=n_mentors)
        helpers = [
            replace(h, capacity=1)
            if k == 0
            else replace(h, capacity=0)
            if k == 1
            else replace(h, available=False)
            if k == 2
            else replace(h, verified=False)
            if k == 3
            else replace(h, capacity=min(8, int(extra[j])))
            for j, (h, k) in enumerate(zip(helpers, kinds.tolist(), strict=True))
        ]
    elif shape == "ties":
        templates = [
            dict(sectors=frozenset({"86"}), goals=frozenset({"job_search"})),
            dict(sectors=frozenset({"86"}), goals=frozenset({"recognition"})),
            dict(sectors=frozenset({"62"}), goals=frozenset({"job_search", "training"})),
            dict(sectors=frozenset({"56"}), goals=frozenset({"language_practice"})),
            dict(sectors=frozenset({"47"}), goals=frozenset({"job_search"})),
            dict(sectors=frozenset({"01"}), goals=frozenset({"business"})),
        ]
        slots = frozenset(AVAILABILITY_SLOTS[:4])
        people = [
            replace(
                p, languages={"ar": "C2", "de": "B1"}, goal_text="", city="Berlin", country="DE", online=True,
                online_only=False, woman_mentor_only=False, availability=slots, **templates[int(rng.integers(6))],
            )
            for p in people
        ]  # fmt: skip
        mentor_templates = [
            dict(sectors=frozenset({"86"}), offers=frozenset({"job_search", "recognition"})),
            dict(sectors=frozenset({"62"}), offers=frozenset({"training"})),
            dict(sectors=frozenset({"56", "47"}), offers=frozenset({"job_search"})),
            dict(sectors=frozenset({"85"}), offers=frozenset({"language_practice"})),
        ]
        helpers = [
            replace(
                h, languages={"de": "C2"}, offer_text="", city="Berlin", country="DE", online=True, availability=slots,
                capacity=int(rng.choice([1, 2])), **mentor_templates[int(rng.integers(4))],
            )
            for h in helpers
        ]  # fmt: skip
    return people, helpers

"""The fixed list of optional sensitive attributes, what each asks the matching to do, and their words.

A person may tell us one or more of these, only if she wants, and only with the "sensitive_matching"
consent are they used, and then only as matching preferences. Mentors never see them: mentors declare, on
their own profile, the kinds of support they are ready to give (``SUPPORT_QUALITIES``), and the engine
prefers a mentor who offers what she needs.
"""

from dataclasses import dataclass

SENSITIVE_FIELD_NAMES: tuple[str, ...] = ("sensitive_attributes",)
"""Response keys that hold sensitive data (her own view, her coordinators' view and her export only). The
security tests use these and ``SENSITIVE_CODES`` (the values themselves) as canaries: no response to a
mentor, employer, peer or outsider may contain either."""


# The effects the adapter knows: "woman_mentor" (a hard rule the engine already has), "school_hours"
# (availability limited to weekday mornings and afternoons) and "support:<quality>" (a soft preference for a
# mentor who offers that kind of support).
SCHOOL_HOURS = tuple(
    f"{day}:{part}" for day in ("mon", "tue", "wed", "thu", "fri") for part in ("morning", "afternoon")
)


@dataclass(frozen=True)
class SensitiveAttribute:
    code: str
    effects: tuple[str, ...]
    labels: dict[str, str]
    explanations: dict[str, str]


SENSITIVE_ATTRIBUTES: tuple[SensitiveAttribute, ...] = (
    SensitiveAttribute(
        code="gbv_survivor",
        effects=("woman_mentor", "support:trauma_aware"),
        labels={
            "en": "I have lived through gender-based violence",
            "de": "Ich habe geschlechtsspezifische Gewalt erlebt",
            "fr": "J'ai vécu des violences fondées sur le genre",
            "ar": "تعرّضتُ للعنف القائم على النوع الاجتماعي",
            "uk": "Я пережила гендерно зумовлене насильство",
        },
        explanations={
            "en": "We look for a woman mentor who has learned how to support people after violence.",
            "de": "Wir suchen eine Mentorin, die weiß, wie man Menschen nach Gewalterfahrungen unterstützt.",
            "fr": "Nous cherchons une mentore formée pour accompagner les personnes après des violences.",
            "ar": "نبحث عن مرشدة امرأة تعرف كيف تدعم الأشخاص بعد تجربة العنف.",
            "uk": "Ми шукаємо наставницю, яка вміє підтримувати людей після насильства.",
        },
    ),
    SensitiveAttribute(
        code="lgbtqi_identity",
        effects=("support:lgbtqi_friendly",),
        labels={
            "en": "I am LGBTQI+",
            "de": "Ich bin LGBTQI+",
            "fr": "Je suis LGBTQI+",
            "ar": "أنا من مجتمع الميم (LGBTQI+)",
            "uk": "Я належу до ЛГБТКІ+",
        },
        explanations={
            "en": "We look for a mentor who says they welcome and support LGBTQI+ people.",
            "de": "Wir suchen eine Person, die LGBTQI+-Menschen ausdrücklich willkommen heißt und unterstützt.",
            "fr": "Nous cherchons une personne qui accueille et soutient les personnes LGBTQI+.",
            "ar": "نبحث عن مرشد أو مرشدة يرحّب بأفراد مجتمع الميم ويدعمهم.",
            "uk": "Ми шукаємо наставника чи наставницю, які підтримують ЛГБТКІ+ людей.",
        },
    ),
    SensitiveAttribute(
        code="children_school_hours",
        effects=("school_hours",),
        labels={
            "en": "I have children: I can meet only during school hours",
            "de": "Ich habe Kinder: Ich kann mich nur während der Schulzeit treffen",
            "fr": "J'ai des enfants : je ne peux me libérer que pendant les heures d'école",
            "ar": "لديّ أطفال: أستطيع اللقاء في ساعات المدرسة فقط",
            "uk": "У мене діти: я можу зустрічатися лише під час шкільних годин",
        },
        explanations={
            "en": "We only suggest meetings on weekday mornings and afternoons.",
            "de": "Wir schlagen nur Treffen an Wochentagen vormittags und nachmittags vor.",
            "fr": "Nous proposons seulement des rencontres en semaine, le matin ou l'après-midi.",
            "ar": "نقترح اللقاءات فقط في صباح وبعد ظهر أيام الأسبوع.",
            "uk": "Ми пропонуємо зустрічі лише в будні, вранці та вдень.",
        },
    ),
    SensitiveAttribute(
        code="uncertain_residence",
        effects=("support:migration_law_aware",),
        labels={
            "en": "My residence status is not settled (for example, asylum procedure or tolerated stay)",
            "de": "Mein Aufenthaltsstatus ist nicht gesichert (zum Beispiel Asylverfahren oder Duldung)",
            "fr": "Mon titre de séjour n'est pas stable (par exemple demande d'asile en cours)",
            "ar": "وضع إقامتي غير مستقر (مثلًا: إجراءات لجوء أو إقامة مؤقتة)",
            "uk": "Мій статус перебування не остаточний (наприклад, процедура притулку)",
        },
        explanations={
            "en": "We look for a mentor who knows the rules about work and residence permits.",
            "de": "Wir suchen eine Person, die sich mit Regeln zu Arbeits- und Aufenthaltserlaubnis auskennt.",
            "fr": "Nous cherchons une personne qui connaît les règles du travail et du droit au séjour.",
            "ar": "نبحث عن مرشد أو مرشدة يعرف قواعد تصاريح العمل والإقامة.",
            "uk": "Ми шукаємо наставника, який знає правила щодо дозволів на роботу та перебування.",
        },
    ),
    SensitiveAttribute(
        code="health_or_disability",
        effects=("support:disability_aware",),
        labels={
            "en": "I have a health condition or disability that matters for meetings",
            "de": "Ich habe eine Erkrankung oder Behinderung, die für Treffen wichtig ist",
            "fr": "J'ai un problème de santé ou un handicap qui compte pour les rencontres",
            "ar": "لديّ حالة صحية أو إعاقة تؤثر على اللقاءات",
            "uk": "Я маю стан здоров'я чи інвалідність, що важливі для зустрічей",
        },
        explanations={
            "en": "We look for a mentor who is ready to adapt meetings to your needs.",
            "de": "Wir suchen eine Person, die Treffen an Ihre Bedürfnisse anpasst.",
            "fr": "Nous cherchons une personne prête à adapter les rencontres à vos besoins.",
            "ar": "نبحث عن مرشد أو مرشدة مستعد لتكييف اللقاءات مع احتياجاتك.",
            "uk": "Ми шукаємо наставника, готового пристосувати зустрічі до Ваших потреб.",
        },
    ),
)

SENSITIVE_CODES: frozenset[str] = frozenset(item.code for item in SENSITIVE_ATTRIBUTES)
BY_CODE: dict[str, SensitiveAttribute] = {item.code: item for item in SENSITIVE_ATTRIBUTES}

SUPPORT_QUALITIES: dict[str, dict[str, str]] = {
    "trauma_aware": {
        "en": "Trained to support people after violence (trauma-aware)",
        "de": "Geschult in traumasensibler Begleitung",
        "fr": "Formé·e à l'accompagnement tenant compte des traumatismes",
        "ar": "مدرَّب على الدعم المراعي للصدمات",
        "uk": "Маю навички травмоінформованої підтримки",
    },
    "lgbtqi_friendly": {
        "en": "LGBTQI+-friendly",
        "de": "LGBTQI+-freundlich",
        "fr": "Accueillant·e envers les personnes LGBTQI+",
        "ar": "داعم لمجتمع الميم",
        "uk": "Дружній до ЛГБТКІ+",
    },
    "migration_law_aware": {
        "en": "Knows the rules about work and residence permits",
        "de": "Kennt Regeln zu Arbeits- und Aufenthaltserlaubnis",
        "fr": "Connaît les règles du travail et du séjour",
        "ar": "يعرف قواعد تصاريح العمل والإقامة",
        "uk": "Знає правила щодо дозволів на роботу й перебування",
    },
    "disability_aware": {
        "en": "Ready to adapt meetings to health needs or disability",
        "de": "Passt Treffen an Gesundheit oder Behinderung an",
        "fr": "Adapte les rencontres à la santé ou au handicap",
        "ar": "مستعد لتكييف اللقاءات مع الاحتياجات الصحية أو الإعاقة",
        "uk": "Готовий пристосувати зустрічі до потреб здоров'я чи інвалідності",
    },
}
"""What a mentor may say she offers; not sensitive about the mentor, and the engine's counterpart to needs."""

SUPPORT_PREFIX = "support:"
"""Codes the adapter adds to a mentee's goals and a mentor's offers; never shown to mentors in reasons."""


def label(code: str, language: str) -> str:
    item = BY_CODE[code]
    return item.labels.get(language) or item.labels["en"]


def pseudonym(display_name: str) -> str:
    """What a mentor or employer sees of a mentee's name until the match is accepted: her initial."""
    name = display_name.strip()
    return f"{name[0].upper()}." if name else "–"

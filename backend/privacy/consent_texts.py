"""The consent texts for each purpose, versioned, in the five interface languages.

A new wording gets a new version; the ledger keeps the exact text and version each person agreed to, so old
records stay true to what was shown. The programme purpose may also use the programme's own text and version
(set by its coordinators); the others use these texts.
"""

from dataclasses import dataclass

from privacy.models import ConsentPurpose


@dataclass(frozen=True)
class ConsentText:
    purpose: str
    version: str
    texts: dict[str, str]
    stops: dict[str, str]
    """What stops at once if it is withdrawn, said plainly (for the confirmation)."""

    def text(self, language: str) -> str:
        return self.texts.get(language) or self.texts["en"]

    def stop(self, language: str) -> str:
        return self.stops.get(language) or self.stops["en"]


CONSENT_TEXTS: dict[str, ConsentText] = {
    ConsentPurpose.PROGRAMME: ConsentText(
        purpose=ConsentPurpose.PROGRAMME,
        version="1",
        texts={
            "en": "I agree that Bridges and the organisation running this programme store the information I give "
            "and use it to find a suitable match for me and to contact me about the programme. I can see, "
            "correct, download or delete my data at any time.",
            "de": "Ich bin einverstanden, dass Bridges und die Organisation, die dieses Programm durchführt, meine "
            "Angaben speichern und nutzen, um eine passende Begleitung für mich zu finden und mich zum Programm "
            "zu kontaktieren. Ich kann meine Daten jederzeit ansehen, berichtigen, herunterladen oder löschen.",
            "fr": "J'accepte que Bridges et l'organisation qui gère ce programme conservent les informations que je "
            "donne et les utilisent pour me trouver un binôme adapté et me contacter au sujet du programme. Je "
            "peux à tout moment voir, corriger, télécharger ou supprimer mes données.",
            "ar": "أوافق على أن يحفظ Bridges والجهة التي تدير هذا البرنامج المعلومات التي أقدّمها، وأن يستخدماها "
            "لإيجاد شخص مناسب لي وللتواصل معي بخصوص البرنامج. يمكنني في أي وقت رؤية بياناتي أو تصحيحها أو "
            "تنزيلها أو حذفها.",
            "uk": "Я погоджуюся, що Bridges і організація, яка проводить цю програму, зберігають надану мною "
            "інформацію та використовують її, щоб знайти мені відповідну пару й зв'язуватися зі мною щодо програми. "
            "Я можу будь-коли переглянути, виправити, завантажити або видалити свої дані.",
        },
        stops={
            "en": "You leave the programme: you will not be matched any more, and open offers end.",
            "de": "Sie verlassen das Programm: Sie werden nicht mehr vermittelt, offene Angebote enden.",
            "fr": "Vous quittez le programme : plus de mise en relation, les propositions en cours s'arrêtent.",
            "ar": "ستغادرين البرنامج: لن نبحث لك عن مرشد بعد الآن، وتنتهي العروض المفتوحة.",
            "uk": "Ви виходите з програми: Вам більше не підбиратимуть пару, відкриті пропозиції завершаться.",
        },
    ),
    ConsentPurpose.SENSITIVE_MATCHING: ConsentText(
        purpose=ConsentPurpose.SENSITIVE_MATCHING,
        version="1",
        texts={
            "en": "I agree that the sensitive information I choose to give (for example about violence I lived "
            "through, being LGBTQI+, my children or my residence status) is used only to find a mentor who suits "
            "me. It is stored encrypted. Only I and my programme's coordinators can read it, and every reading is "
            "recorded. Mentors never see it.",
            "de": "Ich bin einverstanden, dass die sensiblen Angaben, die ich freiwillig mache (zum Beispiel zu "
            "erlebter Gewalt, LGBTQI+, meinen Kindern oder meinem Aufenthaltsstatus), nur genutzt werden, um eine "
            "passende Begleitung zu finden. Sie werden verschlüsselt gespeichert. Nur ich und die Koordination "
            "meines Programms können sie lesen, jedes Lesen wird protokolliert. Mentorinnen und Mentoren sehen sie "
            "nie.",
            "fr": "J'accepte que les informations sensibles que je choisis de donner (par exemple sur des violences "
            "vécues, le fait d'être LGBTQI+, mes enfants ou mon titre de séjour) servent uniquement à trouver une "
            "personne qui me convient. Elles sont chiffrées. Seules moi et la coordination de mon programme "
            "pouvons les lire, et chaque lecture est enregistrée. Les mentors ne les voient jamais.",
            "ar": "أوافق على أن تُستخدم المعلومات الحساسة التي أختار تقديمها (مثلًا عن عنف تعرّضت له، أو كوني من "
            "مجتمع الميم، أو أطفالي، أو وضع إقامتي) فقط لإيجاد مرشد مناسب لي. تُحفظ مشفّرة. لا يقرؤها إلا أنا "
            "ومنسّقو برنامجي، وتُسجَّل كل قراءة. لا يراها المرشدون أبدًا.",
            "uk": "Я погоджуюся, що чутлива інформація, яку я вирішу надати (наприклад, про пережите насильство, "
            "належність до ЛГБТКІ+, моїх дітей чи мій статус перебування), використовується лише для пошуку "
            "відповідного наставника. Вона зберігається зашифрованою. Її можу читати лише я та координатори моєї "
            "програми, і кожне читання записується. Наставники її ніколи не бачать.",
        },
        stops={
            "en": "Your sensitive answers are no longer used for matching, from the next suggestion on.",
            "de": "Ihre sensiblen Angaben werden ab dem nächsten Vorschlag nicht mehr für die Vermittlung genutzt.",
            "fr": "Vos réponses sensibles ne servent plus à la mise en relation, dès la prochaine proposition.",
            "ar": "لن تُستخدم إجاباتك الحساسة في المطابقة بعد الآن، بدءًا من الاقتراح التالي.",
            "uk": "Ваші чутливі відповіді більше не використовуються для підбору, починаючи з наступної пропозиції.",
        },
    ),
    ConsentPurpose.CONTACT_SHARING: ConsentText(
        purpose=ConsentPurpose.CONTACT_SHARING,
        version="1",
        texts={
            "en": "I agree that the contact details I choose (email, phone) are shown to my mentor once we both "
            "said yes, or to the members of my peer group.",
            "de": "Ich bin einverstanden, dass die Kontaktdaten, die ich auswähle (E-Mail, Telefon), meiner "
            "Begleitung angezeigt werden, sobald wir beide zugesagt haben, oder den Mitgliedern meiner Peer-Gruppe.",
            "fr": "J'accepte que les coordonnées que je choisis (e-mail, téléphone) soient montrées à mon binôme "
            "une fois que nous avons tous deux dit oui, ou aux membres de mon groupe de pairs.",
            "ar": "أوافق على أن تظهر بيانات التواصل التي أختارها (البريد الإلكتروني، الهاتف) لمرشدي بعد أن نوافق "
            "نحن الاثنين، أو لأعضاء مجموعتي.",
            "uk": "Я погоджуюся, що вибрані мною контакти (ел. пошта, телефон) бачитиме мій наставник, коли ми "
            "обидва погодимося, або учасники моєї групи.",
        },
        stops={
            "en": "Your mentor and group members no longer see your email or phone number.",
            "de": "Ihre Begleitung und Ihre Gruppe sehen Ihre E-Mail und Telefonnummer nicht mehr.",
            "fr": "Votre binôme et votre groupe ne voient plus votre e-mail ni votre téléphone.",
            "ar": "لن يرى مرشدك وأعضاء مجموعتك بريدك الإلكتروني أو رقم هاتفك بعد الآن.",
            "uk": "Ваш наставник і група більше не бачать Вашої ел. пошти та телефону.",
        },
    ),
    ConsentPurpose.OUTCOME_REPORTING: ConsentText(
        purpose=ConsentPurpose.OUTCOME_REPORTING,
        version="1",
        texts={
            "en": "I agree that my feedback and what I reached (for example a job or a course) are counted, "
            "without my name, in the programme's reports to show whether it works.",
            "de": "Ich bin einverstanden, dass meine Rückmeldung und was ich erreicht habe (zum Beispiel eine "
            "Stelle oder ein Kurs) ohne meinen Namen in den Berichten des Programms gezählt werden.",
            "fr": "J'accepte que mon avis et ce que j'ai obtenu (par exemple un emploi ou une formation) soient "
            "comptés, sans mon nom, dans les bilans du programme.",
            "ar": "أوافق على أن يُحتسب رأيي وما حقّقته (مثلًا عمل أو دورة) دون اسمي في تقارير البرنامج.",
            "uk": "Я погоджуюся, що мій відгук і мої результати (наприклад, робота чи курс) враховуються без "
            "мого імені у звітах програми.",
        },
        stops={
            "en": "Your feedback and results are no longer counted in the programme's figures.",
            "de": "Ihre Rückmeldung und Ergebnisse werden nicht mehr in den Zahlen des Programms gezählt.",
            "fr": "Votre avis et vos résultats ne sont plus comptés dans les chiffres du programme.",
            "ar": "لن يُحتسب رأيك ونتائجك في أرقام البرنامج بعد الآن.",
            "uk": "Ваш відгук і результати більше не враховуються в показниках програми.",
        },
    ),
    ConsentPurpose.IMPROVE_MATCHING: ConsentText(
        purpose=ConsentPurpose.IMPROVE_MATCHING,
        version="1",
        texts={
            "en": "I agree to be asked, 3 and 6 months after my match ends, what came of it (for example work or "
            "a course), and that my answers are used, without my name, to learn which pairings help people most "
            "and so to improve matching. It is never about my origin, religion or health.",
            "de": "Ich bin einverstanden, 3 und 6 Monate nach dem Ende meiner Begleitung gefragt zu werden, was "
            "daraus geworden ist (zum Beispiel Arbeit oder ein Kurs), und dass meine Antworten ohne meinen Namen "
            "genutzt werden, um zu lernen, welche Paare am meisten helfen, und so die Vermittlung zu verbessern. "
            "Es geht nie um meine Herkunft, Religion oder Gesundheit.",
            "fr": "J'accepte qu'on me demande, 3 et 6 mois après la fin de mon binôme, ce qu'il a apporté (par "
            "exemple un emploi ou une formation), et que mes réponses servent, sans mon nom, à apprendre quels "
            "binômes aident le plus, pour améliorer les mises en relation. Cela ne porte jamais sur mon origine, "
            "ma religion ou ma santé.",
            "ar": "أوافق على أن أُسأل بعد 3 و6 أشهر من انتهاء الإرشاد عمّا نتج عنه (مثلًا عمل أو دورة)، وعلى أن "
            "تُستخدم إجاباتي دون اسمي لمعرفة أيّ الثنائيات تساعد أكثر ولتحسين المطابقة. لا يتعلّق ذلك أبدًا "
            "بأصلي أو ديني أو صحتي.",
            "uk": "Я погоджуюся, щоб через 3 і 6 місяців після завершення наставництва мене запитали, що воно "
            "дало (наприклад, роботу чи курс), і щоб мої відповіді без мого імені використовували, аби "
            "дізнатися, які пари допомагають найбільше, і так покращити підбір. Це ніколи не стосується мого "
            "походження, релігії чи здоров'я.",
        },
        stops={
            "en": "You are no longer asked what came of your match, and your answers are no longer used to "
            "improve matching.",
            "de": "Sie werden nicht mehr gefragt, was aus Ihrer Begleitung geworden ist, und Ihre Antworten werden "
            "nicht mehr zur Verbesserung der Vermittlung genutzt.",
            "fr": "On ne vous demande plus ce que votre binôme a apporté, et vos réponses ne servent plus à "
            "améliorer les mises en relation.",
            "ar": "لن تُسألي بعد الآن عمّا نتج عن الإرشاد، ولن تُستخدم إجاباتك لتحسين المطابقة.",
            "uk": "Вас більше не питатимуть, що дало наставництво, і Ваші відповіді більше не використовуватимуть "
            "для покращення підбору.",
        },
    ),
}

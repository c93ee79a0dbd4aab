"""The demo programmes' own texts, as their coordinators would write them: the mentoring programme in all five
interface languages; the peer network in the languages it runs in, so the web app shows its fallback marker
and the coordinators' form shows what is missing."""

MENTORING_TEXTS = {
    "name": {
        "en": "Jobs and mentoring for newcomer women — Berlin",
        "de": "Arbeit und Mentoring für neu angekommene Frauen — Berlin",
        "fr": "Emploi et mentorat pour les femmes nouvellement arrivées — Berlin",
        "ar": "عمل وإرشاد للنساء القادمات حديثًا — برلين",
        "uk": "Робота і менторство для жінок, які нещодавно приїхали, — Берлін",
    },
    "description": {
        "en": "Women who have come to Germany are paired with volunteer mentors and employers who know their "
        "sector, to find work, get qualifications recognised and build a network.",
        "de": "Frauen, die nach Deutschland gekommen sind, werden mit ehrenamtlichen Mentorinnen, Mentoren und "
        "Arbeitgebern aus ihrer Branche zusammengebracht: um Arbeit zu finden, Abschlüsse anerkennen zu lassen "
        "und ein Netzwerk aufzubauen.",
        "fr": "Les femmes arrivées en Allemagne sont mises en relation avec des mentors bénévoles et des employeurs "
        "de leur secteur, pour trouver un emploi, faire reconnaître leurs diplômes et se constituer un réseau.",
        "ar": "نساء قدمن إلى ألمانيا يُربطن بمرشدين متطوعين وأصحاب عمل يعرفون مجالهن، للعثور على عمل والاعتراف "
        "بمؤهلاتهن وبناء شبكة علاقات.",
        "uk": "Жінок, які приїхали до Німеччини, знайомлять із волонтерами-менторами та роботодавцями з їхньої "
        "галузі, щоб знайти роботу, визнати кваліфікацію і побудувати мережу контактів.",
    },
    "welcome": {
        "en": "Welcome! A coordinator reads every sign-up and will be in touch within a week.",
        "de": "Willkommen! Eine Koordinatorin liest jede Anmeldung und meldet sich innerhalb einer Woche.",
        "fr": "Bienvenue ! Une coordinatrice lit chaque inscription et vous contactera dans la semaine.",
        "ar": "أهلًا بك! تقرأ منسّقة كل تسجيل وستتواصل معك خلال أسبوع.",
        "uk": "Ласкаво просимо! Координаторка читає кожну реєстрацію і зв'яжеться з Вами протягом тижня.",
    },
}

NETWORK_TEXTS = {
    "name": {
        "en": "Frontline peer network — Belgium, Luxembourg, Italy, Sweden",
        "de": "Peer-Netzwerk für Fachkräfte — Belgien, Luxemburg, Italien, Schweden",
        "fr": "Réseau de pairs de terrain — Belgique, Luxembourg, Italie, Suède",
        "ar": "شبكة الأقران للعاملين الميدانيين — بلجيكا ولوكسمبورغ وإيطاليا والسويد",
        "uk": "Мережа колег для фахівців на передовій — Бельгія, Люксембург, Італія, Швеція",
    },
    "description": {
        "en": "Social workers, nurses, counsellors, doulas and NGO staff meet in small peer groups across cities "
        "to exchange what works for LGBTQI+ migrants, survivors of gender-based violence, unaccompanied "
        "children and migrant parents.",
        "fr": "Travailleurs sociaux, infirmières, conseillers, doulas et personnel d'ONG se retrouvent en petits "
        "groupes de pairs entre villes pour échanger ce qui fonctionne auprès des personnes migrantes LGBTQI+, "
        "des survivantes de violences fondées sur le genre, des enfants non accompagnés et des parents migrants.",
    },
    "welcome": {
        "en": "Welcome to the network. Groups are formed once a round closes; you will get a notice then.",
        "fr": "Bienvenue dans le réseau. Les groupes sont formés à la fin d'une session ; vous recevrez un avis.",
    },
}

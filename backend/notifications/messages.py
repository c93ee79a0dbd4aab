"""The words of every notice, in each interface language, and the one function that fills them in.

Plain, short and warm: many readers have limited literacy or read in their second language. Messages only
ever carry first names, a programme's name, a date and reason codes turned into fixed labels.
"""

import datetime
import re
from collections.abc import Mapping
from typing import Any

from babel.dates import format_date

from common.languages import FALLBACK_LANGUAGE, interface_language
from programmes import reference_data

# The parameters each kind expects; every kind may also use {programme}, filled from the notice's programme.
KIND_PARAMS: dict[str, tuple[str, ...]] = {
    "offer_received": ("mentee", "expires"),
    "offer_shown_to_mentee": ("mentor",),
    "offer_reminder": ("expires",),
    "offer_accepted": ("mentor", "mentee"),
    "offer_declined": ("mentee", "mentor", "reason", "by"),
    "offer_expired": ("mentor",),
    "match_ended": ("reason",),
    "match_completed_feedback": (),
    "mentor_verified": (),
    "run_finished": ("proposals", "unmatched"),
    "groups_published": ("round",),
    "group_followup": ("round",),
    "retention_due": ("count", "erase_on"),
    "safety_report": (),
}

# kind -> audience ("" for anyone) -> language -> (subject, body)
Texts = dict[str, tuple[str, str]]
CATALOG: dict[str, dict[str, Texts]] = {
    "offer_received": {
        "": {
            "en": (
                "A new mentee is waiting for your answer",
                "Hello!\n\nWe think you and {mentee} could be a good pair in {programme}.\n"
                "Please open Bridges and say yes or no.\n\nLast day to answer: {expires}\n\nThank you!",
            ),
            "de": (
                "Eine neue Mentee wartet auf Ihre Antwort",
                "Hallo!\n\nWir glauben, Sie und {mentee} passen gut zusammen – im Programm „{programme}“.\n"
                "Bitte öffnen Sie Bridges und sagen Sie Ja oder Nein.\n\n"
                "Letzter Tag für Ihre Antwort: {expires}\n\nVielen Dank!",
            ),
            "fr": (
                "Une nouvelle personne attend votre réponse",
                "Bonjour,\n\nnous pensons que vous et {mentee} pourriez bien travailler ensemble "
                "dans le programme « {programme} ».\nOuvrez Bridges et répondez oui ou non.\n\n"
                "Dernier jour pour répondre : {expires}\n\nMerci !",
            ),
            "ar": (
                "متدرّبة جديدة تنتظر ردّك",
                "مرحبًا،\n\nنعتقد أنك و {mentee} يمكن أن تكونا ثنائيًا جيدًا في برنامج «{programme}».\n"
                "يرجى فتح Bridges والرد بنعم أو لا.\n\nآخر يوم للرد: {expires}\n\nشكرًا لك!",
            ),
            "uk": (
                "Нова учасниця чекає на Вашу відповідь",
                "Вітаємо!\n\nМи думаємо, що Ви та {mentee} можете бути гарною парою в програмі «{programme}».\n"
                "Будь ласка, відкрийте Bridges і дайте відповідь: так чи ні.\n\n"
                "Останній день для відповіді: {expires}\n\nДякуємо!",
            ),
        },
    },
    "offer_shown_to_mentee": {
        "": {
            "en": (
                "We found a mentor for you",
                "Good news!\n\nWe found a mentor for you: {mentor}.\n"
                "Now we wait for the answer of {mentor}. We will write to you again when there is news.",
            ),
            "de": (
                "Wir haben eine Mentorin oder einen Mentor für Sie gefunden",
                "Gute Nachricht!\n\nWir haben jemanden für Sie gefunden: {mentor}.\n"
                "Jetzt warten wir auf die Antwort. Wir schreiben Ihnen wieder, wenn es Neuigkeiten gibt.",
            ),
            "fr": (
                "Nous avons trouvé un mentor pour vous",
                "Bonne nouvelle !\n\nNous avons trouvé une personne pour vous accompagner : {mentor}.\n"
                "Nous attendons maintenant sa réponse. Nous vous écrirons quand il y aura du nouveau.",
            ),
            "ar": (
                "وجدنا مرشدًا أو مرشدة لك",
                "خبر جيد!\n\nوجدنا شخصًا يرافقك: {mentor}.\nننتظر الآن الرد. سنكتب لك مرة أخرى عندما يكون هناك جديد.",
            ),
            "uk": (
                "Ми знайшли для Вас ментора",
                "Гарна новина!\n\nМи знайшли для Вас ментора: {mentor}.\n"
                "Скоро {mentor} дасть відповідь. Ми напишемо Вам, коли будуть новини.",
            ),
        },
    },
    "offer_reminder": {
        "": {
            "en": (
                "Reminder: a mentee is waiting for your answer",
                "Hello!\n\nA mentee in {programme} is still waiting for your answer.\n"
                "Please open Bridges and say yes or no.\n\nLast day to answer: {expires}\n\nThank you!",
            ),
            "de": (
                "Erinnerung: Eine Mentee wartet auf Ihre Antwort",
                "Hallo!\n\nEine Mentee im Programm „{programme}“ wartet noch auf Ihre Antwort.\n"
                "Bitte öffnen Sie Bridges und sagen Sie Ja oder Nein.\n\n"
                "Letzter Tag für Ihre Antwort: {expires}\n\nVielen Dank!",
            ),
            "fr": (
                "Rappel : une personne attend votre réponse",
                "Bonjour,\n\nune personne du programme « {programme} » attend toujours votre réponse.\n"
                "Ouvrez Bridges et répondez oui ou non.\n\nDernier jour pour répondre : {expires}\n\nMerci !",
            ),
            "ar": (
                "تذكير: متدرّبة تنتظر ردّك",
                "مرحبًا،\n\nما زالت متدرّبة في برنامج «{programme}» تنتظر ردّك.\n"
                "يرجى فتح Bridges والرد بنعم أو لا.\n\nآخر يوم للرد: {expires}\n\nشكرًا لك!",
            ),
            "uk": (
                "Нагадування: учасниця чекає на Вашу відповідь",
                "Вітаємо!\n\nУчасниця програми «{programme}» досі чекає на Вашу відповідь.\n"
                "Будь ласка, відкрийте Bridges і дайте відповідь: так чи ні.\n\n"
                "Останній день для відповіді: {expires}\n\nДякуємо!",
            ),
        },
    },
    "offer_accepted": {
        "": {
            "en": (
                "Good news: {mentor} said yes!",
                "{mentor} is happy to be your mentor in {programme}.\n"
                "Open Bridges to see how to get in touch.\n\nWe wish you a good start!",
            ),
            "de": (
                "Gute Nachricht: {mentor} hat Ja gesagt!",
                "{mentor} begleitet Sie gern im Programm „{programme}“.\n"
                "Öffnen Sie Bridges. Dort sehen Sie, wie Sie Kontakt aufnehmen.\n\n"
                "Wir wünschen Ihnen einen guten Start!",
            ),
            "fr": (
                "Bonne nouvelle : {mentor} a dit oui !",
                "{mentor} accepte de vous accompagner dans le programme « {programme} ».\n"
                "Ouvrez Bridges pour voir comment prendre contact.\n\nNous vous souhaitons un bon début !",
            ),
            "ar": (
                "خبر جيد: جاءت الموافقة من {mentor}!",
                "تمّت الموافقة على الإرشاد مع {mentor} في برنامج «{programme}».\n"
                "افتحي Bridges لمعرفة طريقة التواصل.\n\nنتمنى لك بداية جيدة!",
            ),
            "uk": (
                "Гарна новина: {mentor} каже «так»!",
                "{mentor} стане Вашим ментором у програмі «{programme}».\n"
                "Відкрийте Bridges, щоб побачити, як зв'язатися.\n\nБажаємо Вам гарного початку!",
            ),
        },
        "coordinator": {
            "en": (
                "Pairing accepted: {mentor} and {mentee}",
                "{mentor} accepted the pairing with {mentee} in {programme}. The match is now active.",
            ),
            "de": (
                "Paar angenommen: {mentor} und {mentee}",
                "{mentor} hat das Paar mit {mentee} im Programm „{programme}“ angenommen. Das Match ist jetzt aktiv.",
            ),
            "fr": (
                "Binôme accepté : {mentor} et {mentee}",
                "{mentor} a accepté le binôme avec {mentee} dans le programme « {programme} ». "
                "Le binôme est maintenant actif.",
            ),
            "ar": (
                "تم قبول الثنائي: {mentor} و {mentee}",
                "تم قبول الإرشاد بين {mentor} و {mentee} في برنامج «{programme}». أصبح الثنائي نشطًا الآن.",
            ),
            "uk": (
                "Пару прийнято: {mentor} і {mentee}",
                "Пару «{mentor} — {mentee}» у програмі «{programme}» прийнято. Тепер пара активна.",
            ),
        },
    },
    "offer_declined": {
        "": {
            "en": (
                "This pairing will not go ahead",
                "Hello!\n\nThe pairing in {programme} will not go ahead.\n"
                "Thank you. We will write to you when there is news.",
            ),
            "de": (
                "Dieses Paar kommt nicht zustande",
                "Hallo!\n\nDas Paar im Programm „{programme}“ kommt nicht zustande.\n"
                "Danke. Wir schreiben Ihnen, wenn es Neuigkeiten gibt.",
            ),
            "fr": (
                "Ce binôme ne se fera pas",
                "Bonjour,\n\nle binôme du programme « {programme} » ne se fera pas.\n"
                "Merci. Nous vous écrirons quand il y aura du nouveau.",
            ),
            "ar": (
                "لن يتم هذا الثنائي",
                "مرحبًا،\n\nلن يتم الثنائي في برنامج «{programme}».\nشكرًا لك. سنكتب لك عندما يكون هناك جديد.",
            ),
            "uk": (
                "Ця пара не відбудеться",
                "Вітаємо!\n\nПара в програмі «{programme}» не відбудеться.\n"
                "Дякуємо. Ми напишемо Вам, коли будуть новини.",
            ),
        },
        "mentee": {
            "en": (
                "We are looking for another mentor for you",
                "Hello!\n\nThis time the pairing did not work out. This is not your fault.\n"
                "We are looking for another mentor for you and will write to you soon.\n\n"
                "Thank you for your patience!",
            ),
            "de": (
                "Wir suchen weiter eine Mentorin oder einen Mentor für Sie",
                "Hallo!\n\nDieses Mal hat es leider nicht gepasst. Das ist nicht Ihre Schuld.\n"
                "Wir suchen eine andere Mentorin oder einen anderen Mentor für Sie und schreiben Ihnen bald.\n\n"
                "Danke für Ihre Geduld!",
            ),
            "fr": (
                "Nous cherchons un autre mentor pour vous",
                "Bonjour,\n\ncette fois, ça n'a pas marché. Ce n'est pas de votre faute.\n"
                "Nous cherchons une autre personne pour vous accompagner et nous vous écrirons bientôt.\n\n"
                "Merci pour votre patience !",
            ),
            "ar": (
                "نبحث لك عن مرشد آخر",
                "مرحبًا،\n\nهذه المرة لم ينجح الثنائي. هذا ليس خطأك.\n"
                "نحن نبحث لك عن مرشد آخر أو مرشدة أخرى، وسنكتب لك قريبًا.\n\nشكرًا لصبرك!",
            ),
            "uk": (
                "Ми шукаємо для Вас іншого ментора",
                "Вітаємо!\n\nЦього разу пара не склалася. Це не Ваша провина.\n"
                "Ми шукаємо для Вас іншого ментора і скоро напишемо.\n\nДякуємо за терпіння!",
            ),
        },
        "mentor": {
            "en": (
                "This pairing will not go ahead",
                "Hello!\n\n{mentee} has decided not to go ahead with this pairing.\n"
                "Thank you for your time and your help.\nWe will write to you when there is a new pairing.",
            ),
            "de": (
                "Dieses Paar kommt nicht zustande",
                "Hallo!\n\n{mentee} hat sich gegen dieses Paar entschieden.\n"
                "Danke für Ihre Zeit und Ihre Hilfe.\nWir schreiben Ihnen, wenn es ein neues Paar gibt.",
            ),
            "fr": (
                "Ce binôme ne se fera pas",
                "Bonjour,\n\n{mentee} a choisi de ne pas continuer avec ce binôme.\n"
                "Merci pour votre temps et votre aide.\nNous vous écrirons quand il y aura un nouveau binôme.",
            ),
            "ar": (
                "لن يتم هذا الثنائي",
                "مرحبًا،\n\nقرّرت {mentee} عدم المتابعة في هذا الثنائي.\n"
                "شكرًا لوقتك ومساعدتك.\nسنكتب لك عندما يكون هناك ثنائي جديد.",
            ),
            "uk": (
                "Ця пара не відбудеться",
                "Вітаємо!\n\n{mentee} вирішила не продовжувати цю пару.\n"
                "Дякуємо за Ваш час і допомогу.\nМи напишемо Вам, коли буде нова пара.",
            ),
        },
        "coordinator": {
            "en": (
                "Pairing declined: {mentee} and {mentor}",
                "The pairing of {mentee} and {mentor} in {programme} will not go ahead.\n"
                "Said no: {decliner}\nReason: {reason}\n\nYou can offer another pairing in Bridges.",
            ),
            "de": (
                "Paar abgelehnt: {mentee} und {mentor}",
                "Das Paar {mentee} und {mentor} im Programm „{programme}“ kommt nicht zustande.\n"
                "Abgelehnt von: {decliner}\nGrund: {reason}\n\nSie können in Bridges ein anderes Paar vorschlagen.",
            ),
            "fr": (
                "Binôme refusé : {mentee} et {mentor}",
                "Le binôme {mentee} et {mentor} du programme « {programme} » ne se fera pas.\n"
                "Refusé par : {decliner}\nRaison : {reason}\n\nVous pouvez proposer un autre binôme dans Bridges.",
            ),
            "ar": (
                "تم رفض الثنائي: {mentee} و {mentor}",
                "لن يتم الثنائي بين {mentee} و {mentor} في برنامج «{programme}».\n"
                "الرفض من: {decliner}\nالسبب: {reason}\n\nيمكنك اقتراح ثنائي آخر في Bridges.",
            ),
            "uk": (
                "Пару відхилено: {mentee} і {mentor}",
                "Пара «{mentee} — {mentor}» у програмі «{programme}» не відбудеться.\n"
                "Відмова: {decliner}\nПричина: {reason}\n\nВи можете запропонувати іншу пару в Bridges.",
            ),
        },
    },
    "offer_expired": {
        "": {
            "en": (
                "The pairing offer has ended",
                "Hello!\n\nWe did not get your answer in time, so the pairing offer has ended. That is all right.\n"
                "We will write to you when there is a new pairing.\n\nThank you!",
            ),
            "de": (
                "Das Angebot ist abgelaufen",
                "Hallo!\n\nWir haben Ihre Antwort nicht rechtzeitig bekommen. Darum ist das Angebot abgelaufen. "
                "Das ist in Ordnung.\nWir schreiben Ihnen, wenn es ein neues Paar gibt.\n\nVielen Dank!",
            ),
            "fr": (
                "La proposition est terminée",
                "Bonjour,\n\nnous n'avons pas reçu votre réponse à temps, donc la proposition est terminée. "
                "Ce n'est pas grave.\nNous vous écrirons quand il y aura un nouveau binôme.\n\nMerci !",
            ),
            "ar": (
                "انتهى عرض الثنائي",
                "مرحبًا،\n\nلم يصلنا ردّك في الوقت المحدد، لذلك انتهى العرض. لا بأس.\n"
                "سنكتب لك عندما يكون هناك ثنائي جديد.\n\nشكرًا لك!",
            ),
            "uk": (
                "Пропозиція пари закінчилася",
                "Вітаємо!\n\nМи не отримали Вашу відповідь вчасно, тому пропозиція закінчилася. Нічого страшного.\n"
                "Ми напишемо Вам, коли буде нова пара.\n\nДякуємо!",
            ),
        },
        "coordinator": {
            "en": (
                "Offer expired: {mentor} did not answer",
                "The pairing offer to {mentor} in {programme} has ended: there was no answer in time.\n"
                "You can offer the mentee another mentor in Bridges.",
            ),
            "de": (
                "Angebot abgelaufen: keine Antwort von {mentor}",
                "Das Angebot an {mentor} im Programm „{programme}“ ist abgelaufen: Es kam keine Antwort.\n"
                "Sie können der Mentee in Bridges eine andere Begleitung vorschlagen.",
            ),
            "fr": (
                "Proposition expirée : {mentor} n'a pas répondu",
                "La proposition faite à {mentor} dans le programme « {programme} » est terminée : "
                "pas de réponse à temps.\nVous pouvez proposer un autre mentor à la personne accompagnée dans Bridges.",
            ),
            "ar": (
                "انتهى العرض: لم يصل رد من {mentor}",
                "انتهى عرض الثنائي المرسل إلى {mentor} في برنامج «{programme}»، لأنه لم يصل رد في الوقت المحدد.\n"
                "يمكنك اقتراح مرشد آخر للمتدرّبة في Bridges.",
            ),
            "uk": (
                "Пропозиція минула без відповіді: {mentor}",
                "Пропозиція пари в програмі «{programme}» закінчилася: відповіді вчасно не було.\n"
                "Ментор: {mentor}\nВи можете запропонувати учасниці іншого ментора в Bridges.",
            ),
        },
    },
    "match_ended": {
        "": {
            "en": (
                "Your mentoring has ended",
                "Hello!\n\nYour mentoring match in {programme} has ended.\nReason: {reason}\n\n"
                "Thank you for your time. If you have questions, please write to your coordinator.",
            ),
            "de": (
                "Ihr Mentoring ist beendet",
                "Hallo!\n\nIhr Mentoring im Programm „{programme}“ ist beendet.\nGrund: {reason}\n\n"
                "Danke für Ihre Zeit. Bei Fragen schreiben Sie bitte der Koordination.",
            ),
            "fr": (
                "Votre mentorat est terminé",
                "Bonjour,\n\nvotre mentorat dans le programme « {programme} » est terminé.\nRaison : {reason}\n\n"
                "Merci pour votre temps. Si vous avez des questions, écrivez à l'équipe de coordination.",
            ),
            "ar": (
                "انتهى الإرشاد",
                "مرحبًا،\n\nانتهى الإرشاد في برنامج «{programme}».\nالسبب: {reason}\n\n"
                "شكرًا لوقتك. إذا كان لديك سؤال، يرجى الكتابة إلى فريق التنسيق.",
            ),
            "uk": (
                "Ваше менторство завершено",
                "Вітаємо!\n\nВаше менторство в програмі «{programme}» завершено.\nПричина: {reason}\n\n"
                "Дякуємо за Ваш час. Якщо маєте запитання, напишіть координаторам програми.",
            ),
        },
    },
    "match_completed_feedback": {
        "": {
            "en": (
                "Your mentoring is complete – how was it?",
                "Hello!\n\nYour mentoring in {programme} is now complete. Thank you!\n"
                "Please open Bridges and tell us how it went. It takes only a few taps and helps us a lot.",
            ),
            "de": (
                "Ihr Mentoring ist abgeschlossen – wie war es?",
                "Hallo!\n\nIhr Mentoring im Programm „{programme}“ ist jetzt abgeschlossen. Vielen Dank!\n"
                "Bitte öffnen Sie Bridges und sagen Sie uns, wie es war. Das geht schnell und hilft uns sehr.",
            ),
            "fr": (
                "Votre mentorat est terminé : comment ça s'est passé ?",
                "Bonjour,\n\nvotre mentorat dans le programme « {programme} » est maintenant terminé. Merci !\n"
                "Ouvrez Bridges et dites-nous comment ça s'est passé. Cela prend peu de temps et nous aide beaucoup.",
            ),
            "ar": (
                "اكتمل الإرشاد – كيف كانت التجربة؟",
                "مرحبًا،\n\nاكتمل الإرشاد في برنامج «{programme}». شكرًا لك!\n"
                "يرجى فتح Bridges وإخبارنا كيف كانت التجربة. الأمر يحتاج بضع نقرات فقط، ويساعدنا كثيرًا.",
            ),
            "uk": (
                "Менторство завершено — як усе пройшло?",
                "Вітаємо!\n\nВаше менторство в програмі «{programme}» завершено. Дякуємо!\n"
                "Будь ласка, відкрийте Bridges і розкажіть, як усе пройшло. Це займе кілька хвилин "
                "і дуже нам допоможе.",
            ),
        },
    },
    "mentor_verified": {
        "": {
            "en": (
                "Welcome: your profile is checked",
                "Hello!\n\nThe coordinators have checked your profile in {programme}. Thank you for helping!\n"
                "From now on, we can suggest mentees to you. We will write to you when there is a pairing.",
            ),
            "de": (
                "Willkommen: Ihr Profil ist geprüft",
                "Hallo!\n\nDie Koordination hat Ihr Profil im Programm „{programme}“ geprüft. "
                "Danke, dass Sie helfen!\nAb jetzt können wir Ihnen Mentees vorschlagen. "
                "Wir schreiben Ihnen, wenn es ein Paar gibt.",
            ),
            "fr": (
                "Bienvenue : votre profil est vérifié",
                "Bonjour,\n\nl'équipe de coordination a vérifié votre profil dans le programme « {programme} ». "
                "Merci de votre aide !\nNous pouvons maintenant vous proposer des personnes à accompagner. "
                "Nous vous écrirons dès qu'il y aura un binôme.",
            ),
            "ar": (
                "أهلًا بك: تم التحقق من ملفك",
                "مرحبًا،\n\nتحقّق فريق التنسيق من ملفك في برنامج «{programme}». شكرًا لمساعدتك!\n"
                "من الآن يمكننا أن نقترح عليك متدرّبات. سنكتب لك عندما يكون هناك ثنائي.",
            ),
            "uk": (
                "Вітаємо: Ваш профіль перевірено",
                "Вітаємо!\n\nКоординатори перевірили Ваш профіль у програмі «{programme}». "
                "Дякуємо, що допомагаєте!\nТепер ми можемо пропонувати Вам учасниць. "
                "Ми напишемо Вам, коли буде пара.",
            ),
        },
    },
    "run_finished": {
        "": {
            "en": (
                "Matching finished – proposed pairs: {proposals}",
                "The matching run for {programme} has finished.\n"
                "Proposed pairs: {proposals}\nMentees without a match: {unmatched}\n\n"
                "Open Bridges to review the proposals.",
            ),
            "de": (
                "Matching fertig – vorgeschlagene Paare: {proposals}",
                "Der Matching-Lauf für „{programme}“ ist fertig.\n"
                "Vorgeschlagene Paare: {proposals}\nMentees ohne Match: {unmatched}\n\n"
                "Öffnen Sie Bridges, um die Vorschläge zu prüfen.",
            ),
            "fr": (
                "Appariement terminé – binômes proposés : {proposals}",
                "L'appariement pour « {programme} » est terminé.\n"
                "Binômes proposés : {proposals}\nPersonnes sans binôme : {unmatched}\n\n"
                "Ouvrez Bridges pour examiner les propositions.",
            ),
            "ar": (
                "انتهت المطابقة – الثنائيات المقترحة: {proposals}",
                "انتهت عملية المطابقة لبرنامج «{programme}».\n"
                "الثنائيات المقترحة: {proposals}\nمتدرّبات بلا مطابقة: {unmatched}\n\n"
                "يرجى فتح Bridges لمراجعة الاقتراحات.",
            ),
            "uk": (
                "Підбір завершено — запропоновані пари: {proposals}",
                "Підбір пар для програми «{programme}» завершено.\n"
                "Запропоновані пари: {proposals}\nБез пари: {unmatched}\n\n"
                "Відкрийте Bridges, щоб переглянути пропозиції.",
            ),
        },
    },
    "groups_published": {
        "": {
            "en": (
                "Your peer group is ready",
                "Hello!\n\nThe peer groups of {round} in {programme} are ready, and you are in one of them.\n"
                "Open Bridges to meet the members of your group, see how to reach them and find a good time "
                "for a first meeting.\n\nWe wish you good exchanges!",
            ),
            "de": (
                "Ihre Peer-Gruppe ist bereit",
                "Hallo!\n\nDie Peer-Gruppen der Runde „{round}“ im Programm „{programme}“ sind bereit, "
                "und Sie sind in einer davon.\nÖffnen Sie Bridges. Dort sehen Sie, wer in Ihrer Gruppe ist, "
                "wie Sie die anderen erreichen und wann ein erstes Treffen gut passt.\n\n"
                "Wir wünschen Ihnen einen guten Austausch!",
            ),
            "fr": (
                "Votre groupe de pairs est prêt",
                "Bonjour,\n\nles groupes de pairs de la session « {round} » du programme « {programme} » "
                "sont prêts, et vous faites partie de l'un d'eux.\nOuvrez Bridges pour découvrir les membres "
                "de votre groupe, voir comment les joindre et trouver un moment pour une première rencontre."
                "\n\nNous vous souhaitons de beaux échanges !",
            ),
            "ar": (
                "مجموعة الأقران الخاصة بك جاهزة",
                "مرحبًا،\n\nأصبحت مجموعات الأقران لجولة «{round}» في برنامج «{programme}» جاهزة، "
                "وأنت عضو في إحداها.\nافتح Bridges لتتعرّف على أعضاء مجموعتك وطرق التواصل معهم "
                "ووقت مناسب لأول لقاء.\n\nنتمنى لك تبادلًا مفيدًا!",
            ),
            "uk": (
                "Ваша група рівних готова",
                "Вітаємо!\n\nГрупи рівних раунду «{round}» у програмі «{programme}» сформовано, "
                "і Ви в одній із них.\nВідкрийте Bridges, щоб побачити учасників Вашої групи, "
                "як з ними зв'язатися і коли зручно зустрітися вперше.\n\nБажаємо корисного обміну досвідом!",
            ),
        },
    },
    "retention_due": {
        "": {
            "en": (
                "Inactive participants will be erased",
                "Hello!\n\n{count} participants of {programme} have not been active for a long time.\n"
                "Their accounts will be erased on {erase_on}, unless they come back.\n"
                "Open Bridges to see the list and contact them if needed.",
            ),
            "de": (
                "Inaktive Teilnehmende werden gelöscht",
                "Hallo!\n\n{count} Teilnehmende im Programm „{programme}“ waren lange nicht aktiv.\n"
                "Ihre Konten werden am {erase_on} gelöscht, wenn sie nicht zurückkommen.\n"
                "Öffnen Sie Bridges, um die Liste zu sehen und sie bei Bedarf zu kontaktieren.",
            ),
            "fr": (
                "Des participantes inactives vont être effacées",
                "Bonjour,\n\n{count} personnes du programme « {programme} » ne sont plus actives depuis "
                "longtemps.\nLeurs comptes seront effacés le {erase_on}, sauf si elles reviennent.\n"
                "Ouvrez Bridges pour voir la liste et les contacter si besoin.",
            ),
            "ar": (
                "سيتم حذف حسابات مشاركين غير نشطين",
                "مرحبًا،\n\n{count} من المشاركين في برنامج «{programme}» غير نشطين منذ مدة طويلة.\n"
                "ستُحذف حساباتهم في {erase_on} إن لم يعودوا.\nافتح Bridges لرؤية القائمة والتواصل معهم عند الحاجة.",
            ),
            "uk": (
                "Неактивних учасників буде видалено",
                "Вітаємо!\n\n{count} учасників програми «{programme}» давно не були активні.\n"
                "Їхні облікові записи буде видалено {erase_on}, якщо вони не повернуться.\n"
                "Відкрийте Bridges, щоб побачити список і за потреби зв'язатися з ними.",
            ),
        },
    },
    "group_followup": {
        "": {
            "en": (
                "Did your peer group meet?",
                "Hello!\n\nSome weeks ago you joined a peer group in {round} of {programme}.\n"
                "Did your group meet? Please open Bridges and tell us in two taps, "
                "with a short rating. It helps us plan the next round.\n\nThank you!",
            ),
            "de": (
                "Hat sich Ihre Peer-Gruppe getroffen?",
                "Hallo!\n\nVor einigen Wochen sind Sie in der Runde „{round}“ im Programm „{programme}“ "
                "einer Peer-Gruppe beigetreten.\nHat sich Ihre Gruppe getroffen? Bitte öffnen Sie Bridges "
                "und sagen Sie es uns mit zwei Klicks und einer kurzen Bewertung. "
                "Das hilft uns bei der nächsten Runde.\n\nVielen Dank!",
            ),
            "fr": (
                "Votre groupe de pairs s'est-il réuni ?",
                "Bonjour,\n\nil y a quelques semaines, vous avez rejoint un groupe de pairs lors de la session "
                "« {round} » du programme « {programme} ».\nVotre groupe s'est-il réuni ? Ouvrez Bridges et "
                "dites-le-nous en deux clics, avec une courte note. Cela nous aide à préparer la prochaine "
                "session.\n\nMerci !",
            ),
            "ar": (
                "هل اجتمعت مجموعة الأقران الخاصة بك؟",
                "مرحبًا،\n\nانضممت قبل بضعة أسابيع إلى مجموعة أقران في جولة «{round}» من برنامج «{programme}».\n"
                "هل اجتمعت مجموعتك؟ يرجى فتح Bridges وإخبارنا بنقرتين مع تقييم قصير. "
                "هذا يساعدنا في التخطيط للجولة القادمة.\n\nشكرًا لك!",
            ),
            "uk": (
                "Чи зустрілася Ваша група рівних?",
                "Вітаємо!\n\nКілька тижнів тому Ви приєдналися до групи рівних у раунді «{round}» "
                "програми «{programme}».\nЧи зустрілася Ваша група? Будь ласка, відкрийте Bridges і "
                "розкажіть нам двома натисканнями та короткою оцінкою. Це допоможе спланувати наступний раунд."
                "\n\nДякуємо!",
            ),
        },
    },
    # Safeguarding: no names, no category, no free text in an email; the details are only in the app.
    "safety_report": {
        "": {
            "en": (
                "A safety report needs your attention",
                "Hello,\n\nsomeone in {programme} has made a safety report. If it concerns a match, the match "
                "is paused.\nPlease open Bridges soon and look at the open safety reports.\n\nThank you.",
            ),
            "de": (
                "Eine Sicherheitsmeldung braucht Ihre Aufmerksamkeit",
                "Hallo,\n\njemand im Programm „{programme}“ hat eine Sicherheitsmeldung gemacht. Betrifft sie "
                "ein Tandem, ist es pausiert.\nBitte öffnen Sie bald Bridges und sehen Sie sich die offenen "
                "Sicherheitsmeldungen an.\n\nVielen Dank.",
            ),
            "fr": (
                "Un signalement de sécurité demande votre attention",
                "Bonjour,\n\nune personne du programme « {programme} » a fait un signalement de sécurité. "
                "S'il concerne un binôme, celui-ci est suspendu.\nOuvrez Bridges rapidement et consultez les "
                "signalements ouverts.\n\nMerci.",
            ),
            "ar": (
                "بلاغ أمان يحتاج إلى انتباهك",
                "مرحبًا،\n\nقدّم شخص في برنامج «{programme}» بلاغ أمان. إذا كان يتعلق بثنائي إرشاد، "
                "فقد تم إيقافه مؤقتًا.\nيرجى فتح Bridges قريبًا والاطلاع على بلاغات الأمان المفتوحة.\n\nشكرًا لك.",
            ),
            "uk": (
                "Повідомлення про безпеку потребує Вашої уваги",
                "Вітаємо!\n\nХтось у програмі «{programme}» надіслав повідомлення про безпеку. Якщо воно "
                "стосується пари, її призупинено.\nБудь ласка, невдовзі відкрийте Bridges і перегляньте "
                "відкриті повідомлення про безпеку.\n\nДякуємо.",
            ),
        },
    },
}

# Shown for a kind this catalog no longer knows, so an old row never breaks a list.
UNKNOWN_KIND: Texts = {
    "en": ("New message in Bridges", "You have a new message. Please open Bridges to read it."),
    "de": ("Neue Nachricht in Bridges", "Sie haben eine neue Nachricht. Bitte öffnen Sie Bridges."),
    "fr": ("Nouveau message dans Bridges", "Vous avez un nouveau message. Ouvrez Bridges pour le lire."),
    "ar": ("رسالة جديدة في Bridges", "لديك رسالة جديدة. يرجى فتح Bridges لقراءتها."),
    "uk": ("Нове повідомлення в Bridges", "У Вас нове повідомлення. Відкрийте Bridges, щоб прочитати."),
}

EMAIL_FOOTER: dict[str, str] = {
    "en": "— Bridges\nYou get this email because you take part in a programme on Bridges.",
    "de": "— Bridges\nSie bekommen diese E-Mail, weil Sie bei einem Programm auf Bridges mitmachen.",
    "fr": "— Bridges\nVous recevez cet e-mail parce que vous participez à un programme sur Bridges.",
    "ar": "— Bridges\nتصلك هذه الرسالة لأنك تشارك في برنامج على Bridges.",
    "uk": "— Bridges\nВи отримали цей лист, бо берете участь у програмі на Bridges.",
}

# Safe words for a parameter the caller did not give; any other missing one is left empty.
FALLBACKS: dict[str, dict[str, str]] = {
    "en": {
        "mentor": "the mentor",
        "mentee": "the mentee",
        "decliner": "one of them",
        "programme": "Bridges",
        "expires": "see Bridges",
        "proposals": "–",
        "unmatched": "–",
        "round": "the new round",
    },
    "de": {
        "mentor": "die Begleitperson",
        "mentee": "die Mentee",
        "decliner": "eine Person",
        "programme": "Bridges",
        "expires": "siehe Bridges",
        "proposals": "–",
        "unmatched": "–",
        "round": "die neue Runde",
    },
    "fr": {
        "mentor": "la personne mentor",
        "mentee": "la personne accompagnée",
        "decliner": "une des deux personnes",
        "programme": "Bridges",
        "expires": "voir Bridges",
        "proposals": "–",
        "unmatched": "–",
        "round": "la nouvelle session",
    },
    "ar": {
        "mentor": "المرشد",
        "mentee": "المتدرّبة",
        "decliner": "أحد الطرفين",
        "programme": "Bridges",
        "expires": "انظر في Bridges",
        "proposals": "–",
        "unmatched": "–",
        "round": "الجولة الجديدة",
    },
    "uk": {
        "mentor": "ментор",
        "mentee": "учасниця",
        "decliner": "одна зі сторін",
        "programme": "Bridges",
        "expires": "дивіться в Bridges",
        "proposals": "–",
        "unmatched": "–",
        "round": "новий раунд",
    },
}

# Reason codes whose label could put someone at risk if the other side read it; they see "Other".
PRIVATE_REASONS = frozenset({"safety_concern"})
_REASON_LISTS = {"offer_declined": reference_data.decline_reasons, "match_ended": reference_data.end_reasons}
_MAX_VALUE_LENGTH = 80
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def audiences(kind: str) -> tuple[str, ...]:
    """The audiences a kind has its own words for ("" is everyone else)."""
    return tuple(CATALOG.get(kind, {}))


class _Values(dict[str, str]):
    def __init__(self, values: Mapping[str, str], fallbacks: Mapping[str, str]) -> None:
        super().__init__(values)
        self.fallbacks = fallbacks

    def __missing__(self, key: str) -> str:
        return self.fallbacks.get(key, "")


def _clean(value: Any) -> str:
    # Names come from people: one line, no control characters, bounded length.
    return _CONTROL.sub(" ", str(value)).strip()[:_MAX_VALUE_LENGTH]


def _reason_label(kind: str, code: str, language: str, audience: str) -> str:
    items = {item.code: item for item in _REASON_LISTS[kind]()}
    if code in PRIVATE_REASONS and audience != "coordinator":
        code = "other"
    item = items.get(code) or items.get("other")
    return item.label(language) if item else ""


def _date_label(value: str, language: str) -> str:
    try:
        day = datetime.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return format_date(day, format="long", locale=language)


def _values(kind: str, language: str, params: Mapping[str, Any], audience: str) -> dict[str, str]:
    values = {key: _clean(value) for key, value in params.items() if value is not None and value != ""}
    if kind in _REASON_LISTS:
        values["reason"] = _reason_label(kind, values.get("reason", "other"), language, audience)
    if "expires" in values:
        values["expires"] = _date_label(values["expires"], language)
    if "erase_on" in values:
        values["erase_on"] = _date_label(values["erase_on"], language)
    by = values.pop("by", "")
    if by in ("mentee", "mentor") and by in values:
        values["decliner"] = values[by]
    return values


def _fill(template: str, values: _Values) -> str:
    text = template.format_map(values).strip()
    return text[:1].upper() + text[1:]


def render(kind: str, language: str | None, params: Mapping[str, Any], audience: str = "") -> tuple[str, str]:
    """The subject and body of a notice in ``language``.

    Falls back to English for a language without words, to the general wording for an audience without its own,
    and to a safe word or nothing for a parameter that is missing, so it never fails on old or partial rows.
    """
    language = interface_language(language)
    variants = CATALOG.get(kind)
    texts = UNKNOWN_KIND if variants is None else (variants.get(audience) or variants[""])
    subject, body = texts.get(language) or texts[FALLBACK_LANGUAGE]
    values = _Values(_values(kind, language, params, audience), FALLBACKS[language])
    return " ".join(_fill(subject, values).split()), _fill(body, values)


def email_footer(language: str | None) -> str:
    return EMAIL_FOOTER[interface_language(language)]

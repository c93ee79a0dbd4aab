// The engine's reasons are codes with parameters; this turns them into words in the UI language.
import type { TFunction } from 'i18next';

export type Reason = { code: string; params: Record<string, unknown> };
export type ReasonLabels = {
  sector?: (code: string) => string;
  goal?: (code: string) => string;
  /** Grammatical form for texts about both people ('feminine' when both asked for it; lib/address pairContext). */
  context?: 'feminine' | 'masculine';
};

function displayName(language: string, type: 'language' | 'region', code: string): string {
  try {
    return new Intl.DisplayNames([language], { type }).of(code) ?? code;
  } catch {
    return code;
  }
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

export function translateReason(t: TFunction, language: string, reason: Reason, labels: ReasonLabels = {}): string {
  const p = reason.params ?? {};
  const sector = labels.sector ?? ((code: string) => code);
  const goal = labels.goal ?? ((code: string) => code);
  // Texts about both people take the pair's form where a language has one; the plain key is the mixed form.
  const say = (key: string, options: Record<string, unknown> = {}): string =>
    t(key, { ...options, context: labels.context }) as string;
  switch (reason.code) {
    case 'shared_language': {
      const languageName = displayName(language, 'language', text(p.language));
      return p.mentee_level && p.mentor_level
        ? say('reasons.shared_language', { language: languageName, mentee_level: p.mentee_level, mentor_level: p.mentor_level })
        : say('reasons.shared_language_plain', { language: languageName });
    }
    case 'same_sector':
      return say('reasons.same_sector', { sector: sector(text(p.sector)) });
    case 'related_sector':
      return say('reasons.related_sector', {
        mentee_sector: sector(text(p.mentee_sector)),
        mentor_sector: sector(text(p.mentor_sector)),
      });
    case 'same_city':
      return say('reasons.same_city', { city: text(p.city) });
    case 'same_country':
      return say('reasons.same_country', { country: displayName(language, 'region', text(p.country)) });
    case 'availability_overlap':
      return say('reasons.availability_overlap', { count: Array.isArray(p.slots) ? p.slots.length : 0 });
    case 'goal_matches_offer_code':
      return say('reasons.goal_matches_offer_code', { goal: goal(text(p.goal)) });
    case 'below_min_score':
      return say('reasons.below_min_score', {
        best_score: Number(p.best_score ?? 0).toFixed(2),
        min_score: Number(p.min_score ?? 0).toFixed(2),
      });
    case 'learned_success': {
      // the programme's chosen target decides the words: work, work or training, or what she came for
      const suffix = p.target === 'work_6m' ? '_work' : p.target === 'work_or_training_6m' ? '_work_or_training' : '';
      return say(`reasons.learned_success${suffix}`, {
        percent: Number(p.percent ?? 0),
        base_percent: Number(p.base_percent ?? 0),
      });
    }
    case 'no_shared_working_language':
      return say('reasons.no_shared_working_language', { min_level: text(p.min_level) });
    default: {
      const key = `reasons.${reason.code}`;
      return say(key, { defaultValue: t('reasons.unknown', { code: reason.code }) });
    }
  }
}

// The engine's reasons for a peer group (and the rules a move would break) in words of the UI language.
import type { TFunction } from 'i18next';
import { languageName } from '@/lib/format';
import type { PeerReason } from '../api/types';

export type PeerReasonLabels = {
  /** topic code → label */
  topic?: (code: string) => string;
  /** profile id → name, for the people a move would repeat or put with colleagues */
  person?: (id: string) => string;
};

function list(language: string, items: string[]): string {
  try {
    return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const number = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

/** "Group 2: …" when the reason names a group (moves); groups are numbered from 1 for people. */
function inGroup(t: TFunction, params: Record<string, unknown>, text: string): string {
  return typeof params.group === 'number' ? t('peers.reasons.inGroup', { group: params.group + 1, text }) : text;
}

export function translatePeerReason(t: TFunction, language: string, reason: PeerReason, labels: PeerReasonLabels = {}): string {
  const p = (reason.params ?? {}) as Record<string, unknown>;
  const topic = labels.topic ?? ((code: string) => code);
  const person = labels.person ?? ((id: string) => id);
  switch (reason.code) {
    case 'shared_topics':
      return t('peers.reasons.shared_topics', { topics: list(language, strings(p.topics).map(topic)) });
    case 'shared_language':
      return t('peers.reasons.shared_language', { language: languageName(String(p.language ?? ''), language) });
    case 'no_common_language':
      return inGroup(t, p, t('peers.reasons.no_common_language'));
    case 'cities_mixed':
      return t('peers.reasons.cities_mixed', { cities: list(language, strings(p.cities)) });
    case 'too_few_cities':
      return inGroup(
        t,
        p,
        t('peers.reasons.too_few_cities', { cities: list(language, strings(p.cities)), required: number(p.required) }),
      );
    case 'organisations_mixed':
      return t('peers.reasons.organisations_mixed', { number: strings(p.organisations).length });
    case 'same_organisation':
      return Array.isArray(p.with)
        ? inGroup(t, p, t('peers.reasons.same_organisation_with', { names: list(language, strings(p.with).map(person)) }))
        : t('peers.reasons.same_organisation', { number: number(p.pairs) });
    case 'repeat_pairs':
      return t('peers.reasons.repeat_pairs', { number: number(p.count) });
    case 'repeat_pair':
      return inGroup(t, p, t('peers.reasons.repeat_pair', { names: list(language, strings(p.with).map(person)) }));
    case 'group_too_small':
      return inGroup(t, p, t('peers.reasons.group_too_small', { size: number(p.size), min_size: number(p.min_size) }));
    case 'group_too_large':
      return inGroup(t, p, t('peers.reasons.group_too_large', { size: number(p.size), max_size: number(p.max_size) }));
    case 'too_few_workers':
      return t('peers.reasons.too_few_workers', { workers: number(p.workers), min_size: number(p.min_size) });
    case 'sizes_not_possible':
      return t('peers.reasons.sizes_not_possible', {
        workers: number(p.workers),
        min_size: number(p.min_size),
        max_size: number(p.max_size),
      });
    case 'kept_apart':
      return inGroup(t, p, t('peers.reasons.kept_apart'));
    case 'kept_apart_together':
      return t('peers.reasons.kept_apart_together', { number: number(p.count) });
    case 'not_placed_kept_apart':
      return t('peers.reasons.not_placed_kept_apart');
    case 'workers_not_placed':
      return t('peers.reasons.workers_not_placed', { workers: number(p.workers) });
    default:
      return t('peers.reasons.unknown', { code: reason.code });
  }
}

/** Reasons that speak against a grouping: shown as warnings, with a word and not only a colour. */
export const PROBLEM_CODES = new Set([
  'no_common_language',
  'too_few_cities',
  'same_organisation',
  'repeat_pairs',
  'repeat_pair',
  'group_too_small',
  'group_too_large',
  'too_few_workers',
  'sizes_not_possible',
  'kept_apart',
  'kept_apart_together',
  'not_placed_kept_apart',
  'workers_not_placed',
]);

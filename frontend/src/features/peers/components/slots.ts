// Weekly availability slots ("wed:evening") in words, and the order of a week.
import type { TFunction } from 'i18next';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const TIMES = ['morning', 'afternoon', 'evening'] as const;

export function slotLabel(t: TFunction, slot: string): string {
  const [day, time] = slot.split(':');
  if (!day || !time) return slot;
  return t('peers.slot', { day: t(`peers.days.${day}`), time: t(`peers.times.${time}`) });
}

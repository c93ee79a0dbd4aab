// Profile fields shared by sign-up and profile editing (t('fields.key')).
export default {
  availability: 'When are you usually free?',
  availabilityHint: 'Tick the times that usually suit you. You can change this later.',
  day: 'Day',
  parts: { morning: 'Morning', afternoon: 'Afternoon', evening: 'Evening' },
};

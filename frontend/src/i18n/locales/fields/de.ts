export default {
  availability: 'Wann haben Sie meistens Zeit?',
  availabilityHint: 'Kreuzen Sie die Zeiten an, die Ihnen meistens passen. Sie können das später ändern.',
  day: 'Tag',
  parts: { morning: 'Vormittag', afternoon: 'Nachmittag', evening: 'Abend' },
};

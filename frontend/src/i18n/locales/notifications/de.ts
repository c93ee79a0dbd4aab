export default {
  title: 'Mitteilungen',
  unreadCount: 'Ungelesen: {{count, number}}',
  none: 'Sie haben noch keine Mitteilungen.',
  new: 'Neu',
  markRead: 'Als gelesen markieren',
  markAllRead: 'Alle als gelesen markieren',
  open: 'Öffnen',
};

export default {
  title: 'Mitteilungen',
  unreadCount: 'Ungelesen: {{count}}',
  none: 'Sie haben noch keine Mitteilungen.',
  new: 'Neu',
  markRead: 'Als gelesen markieren',
  markAllRead: 'Alle als gelesen markieren',
  open: 'Öffnen',
};

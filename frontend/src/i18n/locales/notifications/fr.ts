export default {
  title: 'Notifications',
  unreadCount: 'Non lues : {{count, number}}',
  none: 'Vous n’avez pas encore de notification.',
  new: 'Nouveau',
  markRead: 'Marquer comme lu',
  markAllRead: 'Tout marquer comme lu',
  open: 'Ouvrir',
};

// The in-app notices: the header link and the list (t('notifications.key')).
export default {
  title: 'Notifications',
  unreadCount: 'Unread: {{count, number}}',
  none: 'You have no notifications yet.',
  new: 'New',
  markRead: 'Mark as read',
  markAllRead: 'Mark all as read',
  open: 'Open',
};

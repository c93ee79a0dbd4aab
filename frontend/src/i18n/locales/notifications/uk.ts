export default {
  title: 'Сповіщення',
  unreadCount: 'Непрочитані: {{count, number}}',
  none: 'У Вас ще немає сповіщень.',
  new: 'Нове',
  markRead: 'Позначити як прочитане',
  markAllRead: 'Позначити всі як прочитані',
  open: 'Відкрити',
};

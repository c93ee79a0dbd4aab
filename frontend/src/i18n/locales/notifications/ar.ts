export default {
  title: 'الإشعارات',
  unreadCount: 'غير المقروءة: {{count, number}}',
  none: 'لا توجد لديك إشعارات بعد.',
  new: 'جديد',
  markRead: 'تعليم كمقروء',
  markAllRead: 'تعليم الكل كمقروء',
  open: 'فتح',
};

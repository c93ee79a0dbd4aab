import { NotificationList } from '@/features/notifications/components/notification-list';
import { RequireLogin } from './require-login';

export function NotificationsRoute() {
  return (
    <RequireLogin>
      <NotificationList />
    </RequireLogin>
  );
}

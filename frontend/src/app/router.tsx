// The routes: each composes features; features never import each other.
import { Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout } from '@/components/layout';
import { Loading } from '@/components/query-state';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { QuickExitButton } from '@/features/safety/components/quick-exit-button';
import { PasswordResetKeyRoute, PasswordResetRequestRoute, VerifyEmailRoute } from './routes/account-lazy';
import {
  CoordinatorRoute,
  HomeRoute,
  LoginRoute,
  MyPageRoute,
  NotFoundRoute,
  NotificationsRoute,
  ProfileRoute,
  SignUpRoute,
  WelcomeRoute,
} from './routes/lazy';
import { JoinedNetworkRoute, JoinNetworkRoute, NetworksRoute } from './routes/peers-lazy';
import { PrivacyRoute } from './routes/privacy-lazy';

export function AppRoutes() {
  return (
    <Layout notifications={<NotificationBell />} quickExit={<QuickExitButton />}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<HomeRoute />} />
          <Route path="/login" element={<LoginRoute />} />
          <Route path="/account/password/reset" element={<PasswordResetRequestRoute />} />
          <Route path="/account/password/reset/key/:key" element={<PasswordResetKeyRoute />} />
          <Route path="/account/verify-email/:key" element={<VerifyEmailRoute />} />
          <Route path="/programmes/:programmeId/signup" element={<SignUpRoute />} />
          <Route path="/welcome" element={<WelcomeRoute />} />
          <Route path="/me" element={<MyPageRoute />} />
          <Route path="/me/profile" element={<ProfileRoute />} />
          <Route path="/me/privacy" element={<PrivacyRoute />} />
          <Route path="/notifications" element={<NotificationsRoute />} />
          <Route path="/networks" element={<NetworksRoute />} />
          <Route path="/networks/welcome" element={<JoinedNetworkRoute />} />
          <Route path="/networks/:programmeId/join" element={<JoinNetworkRoute />} />
          <Route path="/coordinator" element={<CoordinatorRoute />} />
          <Route path="/coordinator/:programmeId" element={<CoordinatorRoute />} />
          <Route path="*" element={<NotFoundRoute />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}

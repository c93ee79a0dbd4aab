// Every page is loaded when it is first visited (React.lazy), so a mentee's first page on a phone stays small.
import { lazyRoute } from './lazy-route';

export const HomeRoute = lazyRoute(() => import('./home'), (m) => m.HomeRoute);
export const LoginRoute = lazyRoute(() => import('./login'), (m) => m.LoginRoute);
export const SignUpRoute = lazyRoute(() => import('./signup'), (m) => m.SignUpRoute);
export const WelcomeRoute = lazyRoute(() => import('./signup'), (m) => m.WelcomeRoute);
export const MyPageRoute = lazyRoute(() => import('./my-page'), (m) => m.MyPageRoute);
export const ProfileRoute = lazyRoute(() => import('./profile'), (m) => m.ProfileRoute);
export const NotificationsRoute = lazyRoute(() => import('./notifications'), (m) => m.NotificationsRoute);
export const CoordinatorRoute = lazyRoute(() => import('./coordinator'), (m) => m.CoordinatorRoute);
export const NotFoundRoute = lazyRoute(() => import('./not-found'), (m) => m.NotFoundRoute);

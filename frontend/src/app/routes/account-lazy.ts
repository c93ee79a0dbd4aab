// The account pages (password reset, email confirmation), loaded when first visited (as ./lazy does for the others).
import { lazyRoute } from './lazy-route';

export const PasswordResetRequestRoute = lazyRoute(() => import('./account'), (m) => m.PasswordResetRequestRoute);
export const PasswordResetKeyRoute = lazyRoute(() => import('./account'), (m) => m.PasswordResetKeyRoute);
export const VerifyEmailRoute = lazyRoute(() => import('./account'), (m) => m.VerifyEmailRoute);

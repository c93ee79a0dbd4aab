// The privacy page, loaded when first visited.
import { lazy } from 'react';

export const PrivacyRoute = lazy(() => import('./privacy').then((m) => ({ default: m.PrivacyRoute })));

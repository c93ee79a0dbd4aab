// The peer-network pages, loaded when first visited (as ./lazy does for the others).
import { lazy } from 'react';

export const NetworksRoute = lazy(() => import('./peers').then((m) => ({ default: m.NetworksRoute })));
export const JoinNetworkRoute = lazy(() => import('./peers').then((m) => ({ default: m.JoinNetworkRoute })));
export const JoinedNetworkRoute = lazy(() => import('./peers').then((m) => ({ default: m.JoinedNetworkRoute })));

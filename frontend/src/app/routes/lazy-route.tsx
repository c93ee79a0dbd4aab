// A page loaded when first visited (React.lazy), robust to a new release: if its file is gone because the app
// was rebuilt while this tab was open, the page reloads once to fetch the new files; if it still fails, a plain
// message with a reload button replaces the blank screen.
import { Alert, Button, Stack, Text } from '@mantine/core';
import { Component, type ComponentType, lazy, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const RELOADED_KEY = 'bridges.reloadedForNewVersion';

function LoadFailed() {
  const { t } = useTranslation();
  return (
    <Alert color="red.9" role="alert" title={t('common.error')}>
      <Stack gap="xs">
        <Text size="sm">{t('common.loadFailed')}</Text>
        <Button variant="outline" color="red.9" size="xs" w="fit-content" onClick={() => window.location.reload()}>
          {t('common.retry')}
        </Button>
      </Stack>
    </Alert>
  );
}

class LoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    return this.state.failed ? <LoadFailed /> : this.props.children;
  }
}

/** A page loaded when first visited; ``preload`` starts the download early (main.tsx, for the page being opened). */
export type LazyPage = ComponentType & { preload: () => Promise<unknown> };

export function lazyRoute<Module>(load: () => Promise<Module>, pick: (module: Module) => ComponentType): LazyPage {
  const Page = lazy(async () => {
    try {
      const module = await load();
      sessionStorage.removeItem(RELOADED_KEY);
      return { default: pick(module) };
    } catch (error) {
      if (!sessionStorage.getItem(RELOADED_KEY)) {
        sessionStorage.setItem(RELOADED_KEY, '1');
        window.location.reload();
        return new Promise<never>(() => {});
      }
      throw error;
    }
  });
  function LazyRoute() {
    return (
      <LoadBoundary>
        <Page />
      </LoadBoundary>
    );
  }
  // The browser keeps a module once imported, so the page's own load later finds it there.
  return Object.assign(LazyRoute, { preload: () => load().catch(() => undefined) });
}

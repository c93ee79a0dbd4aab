// Loading, error and empty states shared by every page.
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="lg" role="status" aria-live="polite">
      <Loader size="sm" me="sm" aria-hidden />
      <Text>{t('common.loading')}</Text>
    </Center>
  );
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const details = error instanceof ApiError ? error.errors.map((e) => e.detail) : [];
  return (
    <Alert color="red.9" title={t('common.error')} role="alert">
      <Stack gap="xs">
        {details.map((detail) => (
          <Text key={detail} size="sm">
            {detail}
          </Text>
        ))}
        {onRetry && (
          <Button variant="outline" color="red.9" size="xs" onClick={onRetry} w="fit-content">
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Text c="gray.7" py="md">
      {children}
    </Text>
  );
}

export function QueryState<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: { data: T | undefined; isPending: boolean; error: unknown; refetch: () => unknown };
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.error || query.data === undefined) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <Empty>{empty}</Empty>;
  return <>{children(query.data)}</>;
}

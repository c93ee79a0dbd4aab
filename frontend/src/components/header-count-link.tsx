// A header link with an unread count written out (never shown by colour alone): the messages and the notices. On a
// phone the word is only read out (global.css: .app-header-label); the icon and the count are shown. The count is
// written in her language's digits, and above 99 as "99+".
import type { ReactNode } from 'react';
import { Anchor, Badge, Group, VisuallyHidden } from '@mantine/core';
import { formatNumber } from '@/lib/format';
import { Link } from '@/lib/router';

export function HeaderCountLink({
  to,
  icon,
  label,
  count,
  unreadLabel,
  testId,
  badgeTestId,
}: {
  to: string;
  /** The drawing's paths, in a 24 × 24 stroke icon. */
  icon: ReactNode;
  label: string;
  count: number;
  /** What a screen reader hears for the count, e.g. "3 unread". */
  unreadLabel: string;
  testId: string;
  badgeTestId: string;
}) {
  return (
    <Anchor component={Link} to={to} data-testid={testId}>
      <Group gap={4} wrap="nowrap" component="span">
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          {icon}
        </svg>
        <span className="app-header-label">{label}</span>
        {count > 0 && (
          <Badge size="sm" color="red.9" circle={count < 10} aria-hidden="true" data-testid={badgeTestId}>
            {count > 99 ? `${formatNumber(99)}+` : formatNumber(count)}
          </Badge>
        )}
        {count > 0 && <VisuallyHidden>{unreadLabel}</VisuallyHidden>}
      </Group>
    </Anchor>
  );
}

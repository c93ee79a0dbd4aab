import { Button } from '@mantine/core';
import { useEffect, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { leaveIfReturning, quickExit, tripleEscapeListener } from '../quick-exit';

/** Always on screen (in the layout's bar, components/layout.tsx) and reachable with the keyboard; Escape three
 * times does the same from anywhere. */
export function QuickExitButton() {
  const { t } = useTranslation();
  // Back into a tab that left by quick exit leaves again before the page is painted (also from the bfcache).
  useLayoutEffect(() => {
    leaveIfReturning();
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) leaveIfReturning('back_forward');
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, []);
  useEffect(() => {
    const listener = tripleEscapeListener();
    // Capture phase: a dialog that handles Escape itself does not swallow the presses.
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, []);
  return (
    // The hint is a plain title (a pop-up tooltip would need a positioning library on every page's first load) and
    // is read out with the button.
    <Button
      className="quick-exit"
      color="red.9"
      size="md"
      mih={44}
      miw={44}
      onClick={quickExit}
      aria-describedby="quick-exit-hint"
      title={t('safety.quickExitHint')}
    >
      {t('safety.quickExit')}
      <span id="quick-exit-hint" hidden>
        {t('safety.quickExitHint')}
      </span>
    </Button>
  );
}

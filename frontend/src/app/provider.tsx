// Everything a page needs around it: theme and direction, translations, server state.
import './mantine-styles';
import './global.css';
import { createTheme, type CSSVariablesResolver, DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { directionOf } from '@/i18n/languages';
import { initI18n } from '@/i18n/i18n';
import { createQueryClient } from '@/lib/query-client';

// Shade 8 keeps white text on filled buttons above 4.5:1 contrast.
// Transitions are skipped for people who ask their system for reduced motion.
// Error text readable by everyone: Mantine's default red (#fa5252) is 3.3:1 on white; red.9 is 5.4:1, and red.3
// on the dark background as much.
const errorColours: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: { '--mantine-color-error': 'var(--mantine-color-red-3)' },
});

// Buttons and badges grow with their words instead of cutting them off: a translation may be half as long
// again as the English (the pseudo-locale journey, e2e/pseudo.spec.ts, checks every page on a phone).
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  respectReducedMotion: true,
  components: {
    Button: {
      styles: {
        root: { height: 'auto', minHeight: 'var(--button-height)', paddingBlock: 'calc(var(--mantine-spacing-xs) / 2)' },
        // A label on two lines needs room between them (Arabic script above all); one line stays as high as before.
        label: { whiteSpace: 'normal', overflow: 'visible', textAlign: 'center', lineHeight: 1.35 },
      },
    },
    Badge: { styles: { root: { height: 'auto', minHeight: 'var(--badge-height)' }, label: { whiteSpace: 'normal', overflow: 'visible' } } },
    // A dialog's title bar is not the page's banner: one <header> landmark per page, the app's own.
    ModalHeader: { defaultProps: { component: 'div' } },
  },
});

function DirectionSync() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  const language = i18n.resolvedLanguage ?? 'en';
  useEffect(() => {
    setDirection(directionOf(language));
  }, [language, setDirection]);
  return null;
}

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  const i18n = initI18n();
  return (
    <I18nextProvider i18n={i18n}>
      <DirectionProvider initialDirection={directionOf(i18n.resolvedLanguage ?? 'en')} detectDirection={false}>
        <MantineProvider theme={theme} cssVariablesResolver={errorColours}>
          <DirectionSync />
          <QueryClientProvider client={client}>{children}</QueryClientProvider>
        </MantineProvider>
      </DirectionProvider>
    </I18nextProvider>
  );
}

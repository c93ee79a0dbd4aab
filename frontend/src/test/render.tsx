import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from '@/lib/router';
import { AppProvider } from '@/app/provider';
import { createQueryClient } from '@/lib/query-client';

export function renderWithProviders(ui: ReactNode, { route = '/' } = {}) {
  return render(
    <AppProvider queryClient={createQueryClient()}>
      <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
    </AppProvider>,
  );
}

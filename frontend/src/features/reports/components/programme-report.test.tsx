import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from 'i18next';
import { renderWithProviders } from '@/test/render';
import { on, serve } from '@/test/api-handlers';
import type { Report } from '../api/get-report';
import { OrganisationReport, ProgrammeReport } from './programme-report';

const ROUTE = '/api/v1/programmes/{programme_id}/reports/';
const ORGANISATION_ROUTE = '/api/v1/organisations/{organisation_id}/reports/';
const reply = (status: number, body: unknown) => ({ status, body, typed: true }) as const;

function report(by = ''): Report {
  const cell = (value: number | null, status: 'shown' | 'small' | 'hidden' = 'shown') => ({
    value: status === 'shown' ? value : null,
    display: status === 'shown' ? String(value) : status === 'small' ? '< 5' : '–',
    status,
  });
  return {
    programmes: [{ id: 'p1', name: 'Jobs Berlin', kind: 'mentoring' }],
    period: { from: '2026-03-01', to: '2026-04-30' },
    asked: { from: '2026-03-01', to: '2026-04-30' },
    by,
    threshold: 5,
    figures: [
      {
        key: 'signed_up',
        label: 'People who signed up',
        about_people: true,
        columns: [{ key: 'people', label: 'People' }],
        rows: by
          ? [
              { key: 'Berlin', label: 'Berlin', total: false, cells: [cell(19, 'hidden')] },
              { key: 'Potsdam', label: 'Potsdam', total: false, cells: [cell(3, 'small')] },
              { key: 'Leipzig', label: 'Leipzig', total: false, cells: [cell(12)] },
              { key: '__total__', label: 'Total', total: true, cells: [cell(34)] },
            ]
          : [{ key: '__all__', label: 'Everybody', total: false, cells: [cell(34)] }],
      },
      {
        key: 'declined',
        label: 'Offers declined, by reason',
        about_people: true,
        columns: [
          { key: 'no_time', label: 'I don’t have time now' },
          { key: 'not_a_good_fit', label: 'Not a good fit' },
          { key: '__total__', label: 'Total' },
        ],
        rows: [{ key: '__all__', label: 'Everybody', total: false, cells: [cell(6), cell(2, 'small'), cell(8)] }],
      },
    ],
    waiting: {
      label: 'Median waiting time from sign-up to the first match',
      overall: { days: 6.5, display: '6.5 days', status: 'shown' },
      rows: by ? [{ key: 'Berlin', label: 'Berlin', days: null, display: '< 5 people', status: 'small' }] : [],
    },
  };
}

function renderPage() {
  return renderWithProviders(<ProgrammeReport programmeId="p1" programmeName="Jobs Berlin" today={new Date(2026, 3, 15)} />);
}

afterEach(async () => {
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

describe('ProgrammeReport', () => {
  it('asks for the last twelve whole months and shows each figure with small counts hidden', async () => {
    const api = serve(on('get', ROUTE, ({ url }) => reply(200, report(url.searchParams.get('by') ?? ''))));
    renderPage();
    const signedUp = await screen.findByTestId('report-figure-signed_up');
    expect(api.calls[0]?.search).toBe('?from=2025-05-01&to=2026-04-30');
    expect(within(signedUp).getByTestId('report-figure-value')).toHaveTextContent('34');
    const declined = screen.getByTestId('report-figure-declined');
    const table = within(declined).getByRole('table');
    expect(within(table).getByRole('columnheader', { name: 'Not a good fit' })).toBeInTheDocument();
    expect(within(table).getByText('< 5')).toHaveAttribute('title', 'Between 1 and 4 people');
    // The chart is a picture of the table, named as such.
    expect(within(declined).getByRole('img', { name: 'Chart of “Offers declined, by reason”; the table gives the same figures' })).toBeInTheDocument();
    expect(screen.getByTestId('report-waiting')).toHaveTextContent('6.5 days');
  });

  it('changes the months and the breakdown, and the downloads follow', async () => {
    const api = serve(on('get', ROUTE, ({ url }) => reply(200, report(url.searchParams.get('by') ?? ''))));
    renderPage();
    await screen.findByTestId('report-figure-signed_up');
    fireEvent.change(screen.getByLabelText('From (month)'), { target: { value: '2026-03' } });
    await userEvent.selectOptions(screen.getByLabelText('Break down by'), 'city');
    await waitFor(() => expect(api.calls.at(-1)?.search).toBe('?from=2026-03-01&to=2026-04-30&by=city'));
    const signedUp = await screen.findByTestId('report-figure-signed_up');
    await waitFor(() => expect(within(signedUp).getByRole('table')).toBeInTheDocument());
    const rows = within(within(signedUp).getByRole('table')).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'GroupPeople',
      expect.stringMatching(/^Berlin–/),
      'Potsdam< 5',
      'Leipzig12',
      'Total34',
    ]);
    expect(screen.getByTestId('report-period')).toHaveTextContent('Counted: March 1, 2026 to April 30, 2026 (whole months).');
    expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
      'href',
      '/api/v1/programmes/p1/reports/?from=2026-03-01&to=2026-04-30&by=city&format=csv',
    );
    expect(screen.getByRole('link', { name: 'Download XLSX' }).getAttribute('href')).toContain('format=xlsx');
  });

  it('says in plain words when the months are the wrong way round, and asks nothing', async () => {
    const api = serve(on('get', ROUTE, () => reply(200, report())));
    renderPage();
    await screen.findByTestId('report-figure-signed_up');
    const asked = api.calls.length;
    fireEvent.change(screen.getByLabelText('From (month)'), { target: { value: '2026-06' } });
    expect(await screen.findByText('The last month is before the first.')).toBeInTheDocument();
    expect(api.calls.length).toBe(asked);
  });

  it('shows the server’s words when it refuses', async () => {
    serve(on('get', ROUTE, () => reply(400, { type: 'validation_error', errors: [{ code: 'invalid', detail: 'A report covers at most three years; choose a shorter period.', attr: 'to' }] })));
    renderPage();
    expect(await screen.findByText('A report covers at most three years; choose a shorter period.')).toBeInTheDocument();
  });

  it('reads right to left in Arabic', async () => {
    serve(on('get', ROUTE, () => reply(200, report())));
    await i18n.changeLanguage('ar');
    renderPage();
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('تقرير للجهات المموّلة');
    expect(document.documentElement).toHaveAttribute('dir', 'rtl');
  });
});

describe('OrganisationReport', () => {
  it('asks for the organisation’s report, names the programmes it counts and downloads the same', async () => {
    const body = { ...report(), programmes: [{ id: 'p1', name: 'Jobs Berlin', kind: 'mentoring' }, { id: 'p2', name: 'Peers Europe', kind: 'peer_network' }] };
    const api = serve(on('get', ORGANISATION_ROUTE, () => reply(200, body)));
    renderWithProviders(<OrganisationReport organisationId="o1" organisationName="IOM Germany" today={new Date(2026, 3, 15)} />);
    expect(await screen.findByTestId('report-programmes')).toHaveTextContent('Programmes counted: \u2068Jobs Berlin\u2069, \u2068Peers Europe\u2069.');
    expect(api.calls[0]?.path).toBe('/api/v1/organisations/o1/reports/');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Report for funders: \u2068IOM Germany\u2069');
    expect(screen.getByRole('link', { name: 'Back to the organisation' })).toHaveAttribute('href', '/organisations/o1');
    expect(screen.getByRole('link', { name: 'Download XLSX' })).toHaveAttribute(
      'href',
      '/api/v1/organisations/o1/reports/?from=2025-05-01&to=2026-04-30&format=xlsx',
    );
  });
});

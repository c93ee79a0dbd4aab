import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { components } from '@/api/schema';
import { renderWithProviders } from '@/test/render';
import { on, serve } from '@/test/api-handlers';
import { ImportParticipants } from './import-participants';

type Report = components['schemas']['ImportOutput'];
type Problem = components['schemas']['ImportProblem'];
const ROUTE = '/api/v1/programmes/{programme_id}/imports/' as const;

const FIELDS: Report['fields'] = [
  { key: 'email', label: 'Email', required: false },
  { key: 'first_name', label: 'First name', required: true },
  { key: 'languages', label: 'Languages spoken, with levels', required: true },
  { key: 'sectors', label: 'Sectors', required: false },
  { key: 'goals_text', label: 'Goals in her words', required: false },
];

function report(overrides: Partial<Report> = {}): Report {
  return {
    role: 'mentee',
    columns: [
      { header: 'Vorname', letter: 'A', field: 'first_name', sample: 'Amal' },
      { header: 'E-Mail', letter: 'B', field: 'email', sample: 'amal@example.org' },
      { header: 'Languages', letter: 'C', field: 'languages', sample: 'ar C2; de A2' },
      { header: 'Notes', letter: 'D', field: '', sample: '' },
    ],
    fields: FIELDS,
    rows: 5,
    valid: 3,
    problems: [
      { row: 3, column: 'E-Mail', letter: 'B', field: 'email', message: 'Enter a valid email address.' },
      { row: 6, column: 'Languages', letter: 'C', field: 'languages', message: 'The level is missing for “ku”. Write it like ku B1 (A1 to C2).' },
    ],
    committed: false,
    imported: 0,
    joined: 0,
    invited: 0,
    ...overrides,
  };
}

const csv = () => new File(['Vorname;E-Mail;Languages;Notes\nAmal;amal@example.org;ar C2;\n'], 'mentees.csv', { type: 'text/csv' });

function fileInput(): HTMLInputElement {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('no file input');
  return input;
}

async function chooseMenteesAndFile() {
  await userEvent.click(screen.getByRole('radio', { name: 'Mentees' }));
  await userEvent.upload(fileInput(), csv());
}

function renderPage(kind = 'mentoring') {
  return renderWithProviders(<ImportParticipants programmeId="p1" programmeName="Berlin jobs" kind={kind} />);
}

describe('ImportParticipants', () => {
  beforeEach(() => {
    document.cookie = 'csrftoken=test-token';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('checks the list as soon as a file is chosen and shows the columns, the summary and every problem', async () => {
    const api = serve(on('post', ROUTE, ({ reply }) => reply(200, report())));
    renderPage();
    // Only the programme's participant roles are offered.
    expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual(['mentee', 'mentor', 'employer']);
    await chooseMenteesAndFile();

    expect(await screen.findByText('3 of 5 rows can be imported.')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('2 problems to fix, listed below.');
    const [check] = api.calls;
    expect(check?.path).toBe('/api/v1/programmes/p1/imports/');
    expect(check?.form).toEqual({ file: '(file)', role: 'mentee', commit: 'false' });

    const columns = screen.getByRole('table', { name: 'The columns of the file' });
    expect(within(columns).getByRole('rowheader', { name: 'Vorname' })).toBeInTheDocument();
    expect(within(columns).getByText('ar C2; de A2')).toBeInTheDocument();
    expect(within(columns).getByRole('combobox', { name: 'Imported as: column A, Vorname' })).toHaveValue('first_name');
    expect(within(columns).getByRole('combobox', { name: 'Imported as: column D, Notes' })).toHaveValue('');
    const first = within(columns).getByRole('combobox', { name: 'Imported as: column A, Vorname' });
    expect(within(first).getByRole('option', { name: 'Languages spoken, with levels (needed)' })).toBeDefined();
    expect(screen.getByText('Needed for everyone: First name, Languages spoken, with levels.')).toBeInTheDocument();

    const problems = screen.getByRole('table', { name: 'Problems, by row and column' });
    const rows = within(problems).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent))).toEqual([
      ['3', 'B E-Mail', 'Enter a valid email address.'],
      ['6', 'C Languages', 'The level is missing for “ku”. Write it like ku B1 (A1 to C2).'],
    ]);
    expect(screen.getByRole('button', { name: 'Import 3 people' })).toBeEnabled();
  });

  it('checks again with her choice of columns when she changes one, taking the field from the column that had it', async () => {
    const api = serve(
      on('post', ROUTE, ({ form, reply }) => {
        if (!form.mapping) return reply(200, report());
        const mapping = JSON.parse(form.mapping) as Record<string, string>;
        return reply(200, report({ columns: report().columns.map((column) => ({ ...column, field: mapping[column.header] ?? '' })), valid: 4 }));
      }),
    );
    renderPage();
    await chooseMenteesAndFile();
    const notes = await screen.findByRole('combobox', { name: 'Imported as: column D, Notes' });

    await userEvent.selectOptions(notes, 'email');
    expect(await screen.findByText('4 of 5 rows can be imported.')).toBeInTheDocument();
    expect(api.calls).toHaveLength(2);
    expect(JSON.parse(api.calls[1]?.form.mapping ?? '{}')).toEqual({ Vorname: 'first_name', 'E-Mail': '', Languages: 'languages', Notes: 'email' });
    expect(api.calls[1]?.form.commit).toBe('false');
    expect(screen.getByRole('combobox', { name: 'Imported as: column B, E-Mail' })).toHaveValue('');
    expect(screen.getByRole('combobox', { name: 'Imported as: column D, Notes' })).toHaveValue('email');
  });

  it('imports with the consent method she chose, sending the file again, and says what happened', async () => {
    const api = serve(
      on('post', ROUTE, ({ form, reply }) =>
        form.commit === 'true' ? reply(201, report({ committed: true, imported: 3, joined: 1, invited: 1 })) : reply(200, report()),
      ),
    );
    renderPage();
    await chooseMenteesAndFile();
    const submit = await screen.findByRole('button', { name: 'Import 3 people' });

    await userEvent.click(submit);
    expect(await screen.findByText('Please say how they gave their consent.')).toBeInTheDocument();
    expect(api.calls).toHaveLength(1);

    await userEvent.click(screen.getByRole('radio', { name: 'On a signed paper form' }));
    await userEvent.click(submit);
    const done = await screen.findByRole('heading', { name: '3 people imported.' });
    await waitFor(() => expect(done).toHaveFocus());
    expect(api.calls[1]?.form).toEqual({
      file: '(file)',
      role: 'mentee',
      mapping: JSON.stringify({ Vorname: 'first_name', 'E-Mail': 'email', Languages: 'languages', Notes: '' }),
      consent_method: 'paper_form',
      commit: 'true',
    });
    expect(screen.getByText('1 of them already had an account and joined the programme with it.')).toBeInTheDocument();
    expect(screen.getByText('1 person received an email inviting them to choose a password.')).toBeInTheDocument();
    expect(screen.getByText('1 person has no email address, so Bridges cannot write to them: please keep them informed yourself.')).toBeInTheDocument();
    expect(screen.getByText(/2 rows were not imported because of their problems/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See the mentees waiting for a mentor' })).toHaveAttribute('href', '/coordinator/p1?tab=waiting');
  });

  it('shows the server’s words when the file cannot be read, or the import is refused', async () => {
    let commitAnswer = 0;
    serve(
      on('post', ROUTE, ({ form, reply }) => {
        if (form.role === 'mentor')
          return reply(400, {
            type: 'validation_error',
            errors: [{ code: 'invalid', detail: 'This file is not an Excel workbook. Save it as .xlsx or .csv and try again.', attr: 'file' }],
          });
        if (form.commit === 'true') {
          commitAnswer += 1;
          return reply(400, {
            type: 'client_error',
            errors: [{ code: 'invalid', detail: 'No row can be imported yet: fix the problems listed, then try again.', attr: null }],
          });
        }
        return reply(200, report());
      }),
    );
    renderPage();
    await userEvent.click(screen.getByRole('radio', { name: 'Mentors' }));
    await userEvent.upload(fileInput(), csv());
    expect(await screen.findByText('This file is not an Excel workbook. Save it as .xlsx or .csv and try again.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: 'Mentees' }));
    await userEvent.click(await screen.findByRole('radio', { name: 'Aloud, to a coordinator' }));
    await userEvent.click(screen.getByRole('button', { name: 'Import 3 people' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No row can be imported yet: fix the problems listed, then try again.');
    expect(commitAnswer).toBe(1);
    // The check stays on screen, to fix and try again.
    expect(screen.getByRole('table', { name: 'Problems, by row and column' })).toBeInTheDocument();
  });

  it('does not import while a needed column is not chosen, and says why; whole-file problems come first', async () => {
    const problems: Problem[] = [
      { row: 2, column: 'E-Mail', letter: 'B', field: 'email', message: 'Enter a valid email address.' },
      { row: null, column: '', letter: '', field: 'languages', message: 'Choose the column for “Languages spoken, with levels”.' },
    ];
    serve(on('post', ROUTE, ({ reply }) => reply(200, report({ problems, valid: 4 }))));
    renderPage('peer_network');
    // A peer network takes frontline workers only: already chosen.
    expect(screen.getByRole('radio', { name: 'Frontline workers' })).toBeChecked();
    await userEvent.upload(fileInput(), csv());

    const button = await screen.findByRole('button', { name: 'Import 4 people' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription('Choose a column for every field that is needed first.');
    const table = screen.getByRole('table', { name: 'Problems, by row and column' });
    const first = within(table).getAllByRole('row')[1]!;
    expect(within(first).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      'Whole file',
      'Languages spoken, with levels',
      'Choose the column for “Languages spoken, with levels”.',
    ]);
  });

  it('shows thousands of problems a page at a time', async () => {
    const problems: Problem[] = Array.from({ length: 3000 }, (_, index) => ({
      row: index + 2,
      column: 'E-Mail',
      letter: 'B',
      field: 'email',
      message: `Problem number ${index + 1}`,
    }));
    serve(on('post', ROUTE, ({ reply }) => reply(200, report({ rows: 3000, valid: 0, problems }))));
    renderPage();
    await chooseMenteesAndFile();

    expect(await screen.findByText('0 of 3,000 rows can be imported.')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Problems, by row and column' });
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    expect(screen.getByText('Problems 1–50 of 3,000')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import 0 people' })).toHaveAccessibleDescription(
      'No row can be imported yet: fix the problems listed, then choose the file again.',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(within(table).getByText('Problem number 51')).toBeInTheDocument();
    expect(screen.getByText('Problems 51–100 of 3,000')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Page 60' }));
    expect(within(table).getByText('Problem number 3000')).toBeInTheDocument();
  });
});

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { on, serve } from '@/test/api-handlers';
import type { OutcomeKind, OutcomeQuestion } from '../api/outcomes';
import { OutcomePage } from './outcome-page';

const TOKEN = 'b'.repeat(64);
const QUESTION_ROUTE = '/api/v1/outcomes/by-token/{token}/' as const;
const ANSWER_ROUTE = '/api/v1/outcomes/by-token/{token}/answer/' as const;

function question(answer: OutcomeKind | null = null, overrides: Partial<OutcomeQuestion> = {}): OutcomeQuestion {
  return {
    id: 'q1',
    programme: 'Jobs Berlin',
    other_first_name: 'Carla',
    checkpoint: '3m',
    respondent_role: 'mentee',
    answer,
    expires_at: '2027-02-01T10:00:00Z',
    ...overrides,
  };
}

describe('OutcomePage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('records the answer the link carries with one POST, thanks her, and lets her change it', async () => {
    document.cookie = 'csrftoken=test-token';
    const api = serve(
      on('get', QUESTION_ROUTE, ({ reply }) => reply(200, question())),
      on('post', ANSWER_ROUTE, ({ reply, body }) => reply(200, question((body as { kind: OutcomeKind }).kind))),
    );
    renderWithProviders(<OutcomePage token={TOKEN} tapped="work" />);
    expect(await screen.findByRole('heading', { level: 1, name: /^What came of your mentoring in .?Jobs Berlin.?\?$/ })).toBeInTheDocument();
    expect(await screen.findByText('Your answer is saved: Work.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Work' })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'A training place' }));
    expect(await screen.findByText('Your answer is saved: A training place.')).toBeInTheDocument();
    const posts = api.calls.filter((call) => call.method === 'POST');
    expect(posts.map((call) => call.body)).toEqual([{ kind: 'work' }, { kind: 'training' }]);
    expect(posts[0]?.path).toBe(`/api/v1/outcomes/by-token/${TOKEN}/answer/`);
  });

  it('asks the mentor how her mentee is doing, and records nothing without a tap', async () => {
    const api = serve(on('get', QUESTION_ROUTE, ({ reply }) => reply(200, question(null, { respondent_role: 'mentor', other_first_name: 'Amira' }))));
    renderWithProviders(<OutcomePage token={TOKEN} tapped={null} />);
    expect(await screen.findByRole('heading', { level: 1, name: /^How is .?Amira.? doing\?$/ })).toBeInTheDocument();
    expect(screen.getByText(/Do you know if your mentee has found work/)).toBeInTheDocument();
    expect(api.calls.filter((call) => call.method === 'POST')).toEqual([]);
  });

  it('says plainly when the link has expired, and records nothing', async () => {
    const api = serve(
      on('get', QUESTION_ROUTE, ({ reply }) =>
        reply(410 as never, { type: 'client_error', errors: [{ code: 'outcome_link_expired', detail: 'expired', attr: null }] } as never),
      ),
    );
    renderWithProviders(<OutcomePage token={TOKEN} tapped="work" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'This link has expired' })).toBeInTheDocument();
    expect(api.calls.filter((call) => call.method === 'POST')).toEqual([]);
  });

  it('says plainly when the link is unknown or cancelled', async () => {
    serve(
      on('get', QUESTION_ROUTE, ({ reply }) =>
        reply(404, { type: 'client_error', errors: [{ code: 'not_found', detail: 'not valid', attr: null }] }),
      ),
    );
    renderWithProviders(<OutcomePage token={TOKEN} tapped={null} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'This link does not work any more' })).toBeInTheDocument();
  });
});

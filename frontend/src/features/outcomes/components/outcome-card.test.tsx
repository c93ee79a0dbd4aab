import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { on, serve } from '@/test/api-handlers';
import type { OutcomeQuestion } from '../api/outcomes';
import { OutcomeQuestionsCard } from './outcome-card';

const QUESTION: OutcomeQuestion = {
  id: 'q1',
  programme: 'Jobs Berlin',
  other_first_name: 'Amira',
  checkpoint: '6m',
  respondent_role: 'mentor',
  answer: null,
  expires_at: '2027-02-01T10:00:00Z',
};

describe('OutcomeQuestionsCard', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the mentor about her mentee with one-tap answers and thanks her', async () => {
    document.cookie = 'csrftoken=test-token';
    let open = [QUESTION];
    const api = serve(
      on('get', '/api/v1/me/outcome-questions/', ({ reply }) => reply(200, open)),
      on('post', '/api/v1/me/outcome-questions/{question_id}/answer/', ({ reply }) => {
        open = [];
        return reply(200, { ...QUESTION, answer: 'recognition' });
      }),
    );
    renderWithProviders(<OutcomeQuestionsCard />);
    expect(await screen.findByRole('heading', { name: /^How is .?Amira.? doing\?$/ })).toBeInTheDocument();
    expect(screen.getByText(/ended about 6 months ago/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Qualification recognised' }));
    expect(await screen.findByText('Thank you! Your answer is saved.')).toBeInTheDocument();
    const post = api.calls.find((call) => call.method === 'POST');
    expect(post?.path).toBe('/api/v1/me/outcome-questions/q1/answer/');
    expect(post?.body).toEqual({ kind: 'recognition' });
  });

  it('shows nothing when she has no open question', async () => {
    const api = serve(on('get', '/api/v1/me/outcome-questions/', ({ reply }) => reply(200, [])));
    const { container } = renderWithProviders(<OutcomeQuestionsCard />);
    await vi.waitFor(() => expect(api.calls.length).toBe(1));
    expect(container.querySelector('section')).toBeNull();
  });
});

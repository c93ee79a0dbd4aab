import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { components } from '@/api/schema';
import { renderWithProviders } from '@/test/render';
import { on, serve } from '@/test/api-handlers';
import { InvitationLanding } from './invitation-landing';

type Preview = components['schemas']['InvitationPreviewOutput'];
const TOKEN = 'a'.repeat(64);
const PREVIEW_ROUTE = '/api/v1/invitations/by-token/{token}/' as const;

function preview(overrides: Partial<Preview> = {}): Preview {
  return {
    programme: 'p1',
    programme_name: 'Jobs Berlin',
    programme_kind: 'mentoring',
    organisation_name: 'IOM Germany',
    role: 'coordinator',
    expires_at: '2026-12-20T10:00:00Z',
    email_hint: 'no•••@example.org',
    joined: false,
    for_you: null,
    consent_version: '1',
    programme_details: {
      id: 'p1',
      kind: 'mentoring',
      name: 'Jobs Berlin',
      slug: 'jobs-berlin',
      description: '',
      welcome: '',
      text_languages: { name: 'en', description: '', welcome: '' },
      city: 'Berlin',
      country: 'DE',
      online: true,
      languages: ['de', 'en'],
      signup_open: false,
      consent_text: 'We use your data to find pairs.',
      consent_language: 'en',
      consent_languages: ['en'],
      consent_version: '1',
      offer_expiry_days: 7,
      match_duration_days: 180,
    },
    ...overrides,
  };
}

function renderLanding(onJoined = vi.fn()) {
  renderWithProviders(
    <InvitationLanding token={TOKEN} renderSignUp={() => <p>sign-up form</p>} renderLogin={() => <p>login form</p>} onJoined={onJoined} />,
  );
  return onJoined;
}

describe('InvitationLanding', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says plainly that an unknown or revoked link is no longer valid', async () => {
    serve(
      on('get', PREVIEW_ROUTE, ({ reply }) =>
        reply(404, { type: 'client_error', errors: [{ code: 'not_found', detail: 'This invitation link is not valid any more.', attr: null }] }),
      ),
    );
    renderLanding();
    expect(await screen.findByRole('heading', { level: 1, name: 'This invitation link is no longer valid' })).toBeInTheDocument();
  });

  it('says when a link has expired', async () => {
    serve(
      on('get', PREVIEW_ROUTE, ({ reply }) =>
        reply(410 as never, { type: 'client_error', errors: [{ code: 'invitation_expired', detail: 'expired', attr: null }] } as never),
      ),
    );
    renderLanding();
    expect(await screen.findByRole('heading', { level: 1, name: 'This invitation has expired' })).toBeInTheDocument();
  });

  it('lets a new co-coordinator make her account for the invited address, which the form never sends', async () => {
    document.cookie = 'csrftoken=test-token';
    const api = serve(
      on('get', PREVIEW_ROUTE, ({ reply }) => reply(200, preview())),
      on('post', '/api/v1/invitations/by-token/{token}/accept/', ({ reply }) =>
        reply(201, { programme: 'p1', role: 'coordinator', new_account: true, profile: null }),
      ),
    );
    const onJoined = renderLanding();
    expect(await screen.findByText(/IOM Germany.*invites you to help run.*Jobs Berlin.*as a coordinator/)).toBeInTheDocument();
    const email = screen.getByRole('textbox', { name: 'Email' });
    expect(email).toBeDisabled();
    expect(email).toHaveValue('no•••@example.org');
    await userEvent.type(screen.getByRole('textbox', { name: /^First name/ }), 'Nora');
    await userEvent.type(document.querySelector('input[type=password]')!, 'a-long-secret-2026');
    await userEvent.click(screen.getByRole('button', { name: 'Create my account and join' }));
    await vi.waitFor(() => expect(onJoined).toHaveBeenCalled());
    const accepted = api.calls.find((call) => call.method === 'POST');
    expect(accepted?.path).toBe(`/api/v1/invitations/by-token/${TOKEN}/accept/`);
    expect(accepted?.body).toEqual({ account: { display_name: 'Nora', password: 'a-long-secret-2026', preferred_language: 'en' } });
  });

  it('offers the sign-up form or logging in to someone new to the page', async () => {
    serve(on('get', PREVIEW_ROUTE, ({ reply }) => reply(200, preview({ role: 'mentor', email_hint: 'mi•••@example.org' }))));
    renderLanding();
    expect(await screen.findByText('sign-up form')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'I already have an account' }));
    expect(await screen.findByText('login form')).toBeInTheDocument();
    expect(screen.getByText(/mi•••@example.org/)).toBeInTheDocument();
  });
});

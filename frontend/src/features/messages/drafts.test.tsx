import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { Composer } from './components/composer';
import { clearMessageDrafts, draftKey, readDraft, writeDraft } from './drafts';

describe('message drafts', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });

  it('are kept in this tab only, per conversation, and clearMessageDrafts empties them all', () => {
    writeDraft('match', 'm1', 'Hello');
    writeDraft('group', 'g1', 'Hi all');
    sessionStorage.setItem('bridges.exited', '1');
    expect(readDraft('match', 'm1')).toBe('Hello');
    expect(localStorage.getItem(draftKey('match', 'm1'))).toBeNull();
    clearMessageDrafts();
    expect(readDraft('match', 'm1')).toBe('');
    expect(readDraft('group', 'g1')).toBe('');
    // Only the drafts: what else the tab keeps stays.
    expect(sessionStorage.getItem('bridges.exited')).toBe('1');
  });

  it('empties the composer on screen too (the Quick exit leaves nothing she was writing)', async () => {
    renderWithProviders(<Composer kind="match" id="m1" />);
    const field = screen.getByLabelText('Your message');
    await userEvent.type(field, 'My address is');
    expect(readDraft('match', 'm1')).toBe('My address is');
    expect(field).toHaveAttribute('dir', 'auto');
    act(() => clearMessageDrafts());
    expect(field).toHaveValue('');
    expect(readDraft('match', 'm1')).toBe('');
  });

  it('brings the draft back when she returns to the conversation', () => {
    writeDraft('match', 'm1', 'Half a sentence');
    renderWithProviders(<Composer kind="match" id="m1" />);
    expect(screen.getByLabelText('Your message')).toHaveValue('Half a sentence');
  });
});

// Unsent messages, kept only in this tab (sessionStorage, under one key prefix) so that a draft survives going to
// the list and back, and nowhere else. The Quick exit calls clearMessageDrafts() (registered below): it empties the
// stored drafts and the composers on screen at once, so that nothing she was writing is left behind on a shared phone.
import { onQuickExit } from '@/lib/exit-cleanup';

const PREFIX = 'bridges.messages.draft.';

const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // Storage blocked (private mode): drafts then live only in the composer.
  }
}

/** The key of one conversation's draft. */
export function draftKey(kind: string, id: string): string {
  return `${PREFIX}${kind}.${id}`;
}

export function readDraft(kind: string, id: string): string {
  try {
    return storage()?.getItem(draftKey(kind, id)) ?? '';
  } catch {
    return '';
  }
}

export function writeDraft(kind: string, id: string, text: string): void {
  try {
    const store = storage();
    if (!store) return;
    if (text === '') store.removeItem(draftKey(kind, id));
    else store.setItem(draftKey(kind, id), text);
  } catch {
    // Full or blocked: the draft stays in the composer only.
  }
}

/** Forget every unsent message: the stored ones and those in the composers on screen. */
export function clearMessageDrafts(): void {
  try {
    const store = storage();
    if (store) {
      const keys: string[] = [];
      for (let index = 0; index < store.length; index += 1) {
        const key = store.key(index);
        if (key?.startsWith(PREFIX)) keys.push(key);
      }
      for (const key of keys) store.removeItem(key);
    }
  } catch {
    // Nothing stored then; the composers below are still emptied.
  }
  for (const listener of [...listeners]) listener();
}

/** A composer registers here to be emptied by clearMessageDrafts(); returns the unsubscribe function. */
export function onDraftsCleared(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

onQuickExit(clearMessageDrafts);

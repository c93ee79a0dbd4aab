// Writing a message: a labelled text field with a character count, a send button big enough for a thumb, the
// server's words as the field's error (400: the text; 409: she cannot write here now, or writes too fast), and the
// draft kept on any error. The draft lives in this tab only and is emptied by the Quick exit (drafts.ts).
import { Button, Group, Stack, Textarea, VisuallyHidden } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { formatNumber } from '@/lib/format';
import { useSendMessage } from '../api/send-message';
import { onDraftsCleared, readDraft, writeDraft } from '../drafts';
import { type ConversationKind, MAX_MESSAGE_LENGTH, type Message } from '../kinds';

function errorText(error: unknown, fallback: string): string {
  return error instanceof ApiError && error.errors.length ? error.errors.map((e) => e.detail).join(' ') : fallback;
}

export function Composer({ kind, id, onSent }: { kind: ConversationKind; id: string; onSent?: (message: Message) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => readDraft(kind, id));
  const [empty, setEmpty] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const send = useSendMessage(kind, id);

  // Another conversation: its own draft. The Quick exit (clearMessageDrafts): nothing left on screen either.
  const reset = send.reset;
  useEffect(() => {
    setText(readDraft(kind, id));
    setEmpty(false);
    reset();
  }, [kind, id, reset]);
  useEffect(() => onDraftsCleared(() => setText('')), []);
  // The field follows what she types (Arabic right to left, a German sentence left to right) whatever the page's
  // direction; Mantine would put a dir prop on its wrapper, not on the textarea itself.
  useEffect(() => field.current?.setAttribute('dir', 'auto'), []);

  const change = (value: string) => {
    setText(value);
    writeDraft(kind, id, value);
    setEmpty(false);
    if (send.error) send.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (send.isPending) return;
    if (text.trim() === '') {
      setEmpty(true);
      field.current?.focus();
      return;
    }
    setAnnouncement('');
    send.mutate(text, {
      onSuccess: (message) => {
        setText('');
        writeDraft(kind, id, '');
        setAnnouncement(t('messages.composer.sent'));
        field.current?.focus();
        onSent?.(message);
      },
      // The draft stays; the field says why and keeps the focus, so she can change it or try again.
      onError: () => field.current?.focus(),
    });
  };

  const error = empty ? t('messages.composer.empty') : send.error ? errorText(send.error, t('messages.composer.failed')) : undefined;
  const nearLimit = text.length >= MAX_MESSAGE_LENGTH - 100;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap={6}>
        <Textarea
          ref={field}
          label={t('messages.composer.label')}
          value={text}
          onChange={(event) => change(event.currentTarget.value)}
          maxLength={MAX_MESSAGE_LENGTH}
          autosize
          minRows={2}
          maxRows={8}
          error={error}
          description={t('messages.composer.counter', { used: formatNumber(text.length), max: formatNumber(MAX_MESSAGE_LENGTH) })}
          descriptionProps={{ c: nearLimit ? 'red.9' : 'dark.6' }}
          inputWrapperOrder={['label', 'input', 'error', 'description']}
          data-testid="composer"
        />
        <Group justify="flex-end" align="center" gap="xs">
          <Button type="submit" size="md" mih={44} miw={96} loading={send.isPending}>
            {t('messages.composer.send')}
          </Button>
        </Group>
        <VisuallyHidden role="status" aria-live="polite">
          {announcement}
        </VisuallyHidden>
      </Stack>
    </form>
  );
}

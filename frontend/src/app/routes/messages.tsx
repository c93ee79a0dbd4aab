import { useTranslation } from 'react-i18next';
import { Stack, Text } from '@mantine/core';
import { Conversation } from '@/features/messages/components/conversation';
import { ConversationList } from '@/features/messages/components/conversation-list';
import { asConversationKind } from '@/features/messages/kinds';
import { useParams } from '@/lib/router';
import { RequireLogin } from './require-login';

export function MessagesRoute() {
  return (
    <RequireLogin>
      <ConversationList />
    </RequireLogin>
  );
}

export function ConversationRoute() {
  const { t } = useTranslation();
  const { kind, id } = useParams();
  const checked = asConversationKind(kind);
  return (
    <RequireLogin>
      {checked && id ? (
        <Conversation kind={checked} id={id} />
      ) : (
        <Stack>
          <Text>{t('common.notFound')}</Text>
        </Stack>
      )}
    </RequireLogin>
  );
}

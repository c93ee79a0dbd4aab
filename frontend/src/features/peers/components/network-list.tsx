// The peer networks a frontline worker can join, with a button to each one's sign-up.
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '@/lib/router';
import { LocalText, LocalTitle } from '@/components/local-text';
import { QueryState } from '@/components/query-state';
import { usePeerNetworks } from '../api/get-peer-networks';

export function PeerNetworkList() {
  const { t } = useTranslation();
  const networks = usePeerNetworks();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('peers.list.title')}
      </Title>
      <Text>{t('peers.list.intro')}</Text>
      <QueryState query={networks} isEmpty={(list) => list.length === 0} empty={t('peers.list.none')}>
        {(list) => (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {list.map((network) => (
              <Card key={network.id} withBorder component="article" aria-labelledby={`network-${network.id}`}>
                <Stack gap="sm">
                  <LocalTitle order={2} size="h4" id={`network-${network.id}`} text={network.name} language={network.text_languages.name} />
                  {network.online && (
                    <Group gap="xs">
                      <Badge variant="light" c="dark.9">
                        {t('peers.list.online')}
                      </Badge>
                    </Group>
                  )}
                  <LocalText size="sm" text={network.description} language={network.text_languages.description} />
                  {network.signup_open ? (
                    <Button component={Link} to={`/networks/${network.id}/join`} size="md">
                      {t('peers.list.join')}
                    </Button>
                  ) : (
                    <Text>{t('peers.join.closed')}</Text>
                  )}
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </QueryState>
    </Stack>
  );
}

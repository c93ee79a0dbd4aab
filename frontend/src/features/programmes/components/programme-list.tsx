import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '@/lib/router';
import { LocalText, LocalTitle } from '@/components/local-text';
import { QueryState } from '@/components/query-state';
import { useProgrammes } from '../api/get-programmes';

export function ProgrammeList() {
  const { t } = useTranslation();
  const programmes = useProgrammes();
  return (
    <Stack>
      <Title order={1}>{t('home.title')}</Title>
      <Text size="lg">{t('home.intro')}</Text>
      <Title order={2}>{t('home.programmes')}</Title>
      <QueryState query={programmes} isEmpty={(list) => list.length === 0} empty={t('home.noProgrammes')}>
        {(list) => (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {list
              .filter((programme) => programme.kind === 'mentoring')
              .map((programme) => (
                <Card key={programme.id} withBorder component="article" aria-labelledby={`programme-${programme.id}`}>
                  <Stack gap="sm">
                    <LocalTitle order={3} size="h4" id={`programme-${programme.id}`} text={programme.name} language={programme.text_languages.name} />
                    <Group gap="xs">
                      {programme.city && (
                        <Badge variant="light" c="dark.9" dir="auto">
                          {programme.city}
                        </Badge>
                      )}
                      {programme.online && <Badge variant="light" c="dark.9">{t('home.online')}</Badge>}
                    </Group>
                    <LocalText size="sm" text={programme.description} language={programme.text_languages.description} />
                    {programme.signup_open ? (
                      <Stack gap="xs">
                        <Button component={Link} to={`/programmes/${programme.id}/signup`} size="md">
                          {t('home.signUpMentee')}
                        </Button>
                        <Group gap="xs">
                          <Button component={Link} to={`/programmes/${programme.id}/signup?role=mentor`} variant="outline">
                            {t('mentoring.signup.asMentor')}
                          </Button>
                          <Button component={Link} to={`/programmes/${programme.id}/signup?role=employer`} variant="outline">
                            {t('mentoring.signup.asEmployer')}
                          </Button>
                        </Group>
                      </Stack>
                    ) : (
                      <Text>{t('home.signupClosed')}</Text>
                    )}
                  </Stack>
                </Card>
              ))}
          </SimpleGrid>
        )}
      </QueryState>
      <Group gap="xs">
        <Text>{t('home.alreadyRegistered')}</Text>
        <Button component={Link} to="/login" variant="outline">
          {t('common.login')}
        </Button>
      </Group>
    </Stack>
  );
}

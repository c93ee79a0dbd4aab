// Her optional sensitive answers: explained first, read (and logged by the server) only when she opens them.
import { Alert, Button, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { useSensitiveAttributes } from '../api/get-sensitive-attributes';
import { type SensitiveCode, useUpdateSensitiveAttributes } from '../api/update-sensitive-attributes';

function pick(texts: Record<string, string>, language: string): string {
  return texts[language] ?? texts.en ?? '';
}

export function SensitiveAttributes() {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const query = useSensitiveAttributes(open);
  const update = useUpdateSensitiveAttributes();
  const [chosen, setChosen] = useState<SensitiveCode[]>([]);
  useEffect(() => {
    if (query.data) setChosen(query.data.sensitive_attributes as SensitiveCode[]);
  }, [query.data]);

  return (
    <Stack component="section" aria-labelledby="privacy-sensitive">
      <Title order={2} size="h3" id="privacy-sensitive">
        {t('privacy.sensitiveTitle')}
      </Title>
      <Text>{t('privacy.sensitiveIntro')}</Text>
      {!open ? (
        <Group>
          <Button variant="outline" onClick={() => setOpen(true)}>
            {t('privacy.sensitiveShow')}
          </Button>
        </Group>
      ) : (
        <QueryState query={query}>
          {(data) => (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                update.mutate(chosen);
              }}
            >
              <Stack>
                <Text size="sm">
                  {data.used_for_matching_in.length > 0 ? t('privacy.sensitiveUsed') : t('privacy.sensitiveNotUsed')}
                </Text>
                <Checkbox.Group label={t('privacy.sensitiveChoices')} value={chosen} onChange={(value) => setChosen(value as SensitiveCode[])}>
                  <Stack gap="sm" mt="xs">
                    {data.options.map((option) => (
                      <Checkbox
                        key={option.code}
                        value={option.code}
                        label={pick(option.labels, i18n.language)}
                        description={pick(option.explanations, i18n.language)}
                      />
                    ))}
                  </Stack>
                </Checkbox.Group>
                {update.isSuccess && (
                  <Alert color="green.9" role="status">
                    {t('privacy.sensitiveSaved')}
                  </Alert>
                )}
                {update.isError && (
                  <Alert color="red.9" role="alert">
                    {t('common.error')}
                  </Alert>
                )}
                <Group>
                  <Button type="submit" loading={update.isPending}>
                    {t('privacy.sensitiveSave')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </QueryState>
      )}
    </Stack>
  );
}

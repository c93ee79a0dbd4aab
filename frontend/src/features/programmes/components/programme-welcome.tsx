// The programme's welcome, for people who signed up or joined: in her language, or marked as not yet
// translated (with its own lang and dir) where nobody wrote it in hers.
import { Paper } from '@mantine/core';
import { LocalText } from '@/components/local-text';
import { useProgramme } from '@/lib/programme';

export function ProgrammeWelcome({ programmeId }: { programmeId: string }) {
  const programme = useProgramme(programmeId);
  const data = programme.data;
  if (!data?.welcome) return null;
  return (
    <Paper withBorder p="md" component="section" aria-label={data.name}>
      <LocalText text={data.welcome} language={data.text_languages.welcome} />
    </Paper>
  );
}

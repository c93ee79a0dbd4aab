// The page a link from an email opens when the link is dead: expired (it worked once) or not valid (unknown, used up
// or withdrawn), in the caller's words, with the way home. Invitations and outcome questions share it.
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from '@/lib/router';

export function LinkNotValid({ title, text, home }: { title: string; text: string; home: string }) {
  return (
    <Paper withBorder p="lg" maw={560} mx="auto">
      <Stack>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text>{text}</Text>
        <Button component={Link} to="/" variant="light" w="fit-content">
          {home}
        </Button>
      </Stack>
    </Paper>
  );
}

// One of her groups as a member sees it: who is in it, the contact details each chose to share, when to meet,
// what to read, and the follow-up question.
import { Anchor, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberGroup, PeerContactCard } from '../api/types';
import { FollowUpForm } from './followup-form';
import { translatePeerReason } from './peer-reasons';
import { slotLabel } from './slots';
import { formatDate, formatList } from '@/lib/format';
import { Link } from '@/lib/router';

type Labels = { topic: (code: string) => string; role: (code: string) => string };
/** What the page offers for another member of the group (e.g. report or block, from the safety feature). */
export type MemberActions = (member: PeerContactCard, groupId: string) => ReactNode;

function MemberCard({ member, labels, actions }: { member: PeerContactCard; labels: Labels; actions?: ReactNode }) {
  const { t } = useTranslation();
  const shared = Boolean(member.email || member.phone);
  return (
    <Card withBorder padding="sm" component="li" data-testid="peer-member" data-me={member.is_me ? 'true' : undefined}>
      <Stack gap={4}>
        <Text fw={700}>
          <bdi>{member.name}</bdi>
          {member.is_me && <Text span c="gray.7" size="sm">{` (${t('peers.group.you')})`}</Text>}
        </Text>
        <Text size="sm">{t('peers.group.roleAt', { role: labels.role(member.role), organisation: member.organisation })}</Text>
        <Text size="sm" dir="auto">
          {member.city}
        </Text>
        {member.topics_expertise.length > 0 && (
          <Text size="sm">{t('peers.group.knows', { topics: formatList(member.topics_expertise.map(labels.topic)) })}</Text>
        )}
        {member.topics_interest.length > 0 && (
          <Text size="sm">{t('peers.group.learns', { topics: formatList(member.topics_interest.map(labels.topic)) })}</Text>
        )}
        {shared ? (
          <Stack gap={0}>
            {member.email && (
              <Text size="sm">
                {t('peers.group.email')}{' '}
                <Anchor href={`mailto:${member.email}`} dir="ltr">
                  {member.email}
                </Anchor>
              </Text>
            )}
            {member.phone && (
              <Text size="sm">
                {t('peers.group.phone')}{' '}
                <Anchor href={`tel:${member.phone.replace(/\s+/g, '')}`} dir="ltr">
                  {member.phone}
                </Anchor>
              </Text>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="gray.7">
            {t('peers.group.notShared')}
          </Text>
        )}
        {!member.is_me && actions}
      </Stack>
    </Card>
  );
}

export function GroupCard({ group, labels, memberActions }: { group: MemberGroup; labels: Labels; memberActions?: MemberActions }) {
  const { t, i18n } = useTranslation();
  const headingId = `group-${group.id}`;
  const meeting = group.first_meeting;
  const published = formatDate(group.round.published_at);
  return (
    <Card withBorder component="article" aria-labelledby={headingId} padding="md" data-testid="peer-group">
      <Stack gap="sm">
        <Group justify="space-between" align="start" wrap="wrap" gap="xs">
          <Title order={3} size="h4" id={headingId}>
            {t('peers.group.title', { round: group.round.name })}
          </Title>
          <Badge variant="light" c="dark.9">
            {group.current ? t('peers.group.current') : t('peers.group.past')}
          </Badge>
        </Group>
        <Text size="sm" c="gray.7">
          {t('peers.group.published', { date: published })}
        </Text>
        {group.reasons.length > 0 && (
          <Stack gap={2}>
            <Text fw={600} size="sm">
              {t('peers.group.why')}
            </Text>
            <List size="sm" spacing={2}>
              {group.reasons.map((reason, index) => (
                <List.Item key={`${reason.code}-${index}`}>
                  {translatePeerReason(t, i18n.language, reason, { topic: labels.topic })}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        {meeting && (
          <Text>
            <Text span fw={600}>
              {t('peers.group.firstMeeting')}
            </Text>{' '}
            {t('peers.group.meetingSlot', { slot: slotLabel(t, meeting.slot), available: meeting.available, members: meeting.members })}
          </Text>
        )}
        <Title order={4} size="h5">
          {t('peers.group.members', { number: group.members.length })}
        </Title>
        <SimpleGrid component="ul" cols={{ base: 1, sm: 2, md: 3 }} spacing="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {group.members.map((member) => (
            <MemberCard key={`${member.name}-${member.is_me}-${member.organisation}`} member={member} labels={labels} actions={memberActions?.(member, group.id)} />
          ))}
        </SimpleGrid>
        <Button component={Link} to={`/messages/group/${group.id}`} variant="light" w="fit-content" mih={44} data-testid="group-messages">
          {t('peers.group.write')}
        </Button>
        {group.members_left > 0 && (
          <Text size="sm" c="gray.7">
            {t('peers.group.membersLeft', { number: group.members_left })}
          </Text>
        )}
        {group.resources.length > 0 && (
          <Stack gap={2}>
            <Title order={4} size="h5">
              {t('peers.group.resources')}
            </Title>
            <List size="sm" spacing={2}>
              {group.resources.map((resource) => (
                <List.Item key={resource.url}>
                  <Anchor href={resource.url} target="_blank" rel="noopener noreferrer">
                    {resource.title}
                  </Anchor>{' '}
                  <Text span size="xs" c="gray.7">
                    ({labels.topic(resource.topic)})
                  </Text>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        <FollowUpForm group={group} />
      </Stack>
    </Card>
  );
}

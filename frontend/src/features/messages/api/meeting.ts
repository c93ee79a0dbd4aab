// The first meeting of a match: read it (with suggested times in her time zone), propose times, pick one, cancel.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';
import { messagesQueryKey, POLL_MS } from './keys';

export type Meeting = components['schemas']['MeetingOutput'];
export type MeetingProposal = components['schemas']['MeetingProposeInputRequest'];

export const meetingQueryKey = (matchId: string) => [...messagesQueryKey, 'meeting', matchId] as const;

/** Her browser's time zone (IANA), for the suggested times and the invitation. */
export function ownTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Berlin';
  } catch {
    return 'Europe/Berlin';
  }
}

export function useMeeting(matchId: string) {
  return useQuery({
    queryKey: meetingQueryKey(matchId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/conversations/matches/{match_id}/meeting/', {
          params: { path: { match_id: matchId }, query: { time_zone: ownTimeZone() } },
        }),
      ),
    refetchInterval: () => (document.visibilityState === 'visible' ? POLL_MS : false),
  });
}

function useMeetingChange<T>(matchId: string, change: (body: T) => Promise<Meeting>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (meeting) => queryClient.setQueryData(meetingQueryKey(matchId), meeting),
  });
}

export function useProposeMeeting(matchId: string) {
  return useMeetingChange(matchId, async (body: MeetingProposal) =>
    unwrap(await api.POST('/api/v1/conversations/matches/{match_id}/meeting/', { params: { path: { match_id: matchId } }, body })),
  );
}

export function usePickMeeting(matchId: string) {
  return useMeetingChange(matchId, async (option: number) =>
    unwrap(
      await api.POST('/api/v1/conversations/matches/{match_id}/meeting/pick/', {
        params: { path: { match_id: matchId } },
        body: { option, time_zone: ownTimeZone() },
      }),
    ),
  );
}

export function useCancelMeeting(matchId: string) {
  return useMeetingChange(matchId, async (_: void) =>
    unwrap(await api.POST('/api/v1/conversations/matches/{match_id}/meeting/cancel/', { params: { path: { match_id: matchId } } })),
  );
}

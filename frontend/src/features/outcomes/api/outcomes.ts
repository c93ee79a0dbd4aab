// What came of a match (issue 17): the question behind an email's link (no login), her open questions when logged
// in, and a match's outcomes for its programme's coordinators.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';

export type OutcomeQuestion = components['schemas']['OutcomeQuestionOutput'];
export type OutcomeKind = components['schemas']['OutcomeKindEnum'];
export type OutcomeCheckpoint = components['schemas']['OutcomeCheckpointEnum'];
export type Outcome = components['schemas']['OutcomeOutput'];

/** The six answers, in the order the email lists them. */
export const OUTCOME_KINDS: OutcomeKind[] = ['work', 'training', 'recognition', 'language_course', 'none', 'prefer_not'];
export const CHECKPOINTS: OutcomeCheckpoint[] = ['end', '3m', '6m'];

const tokenKey = (token: string) => ['outcome-question', token] as const;
const mineKey = ['outcome-questions'] as const;
const matchKey = (programmeId: string, matchId: string) => ['match-outcomes', programmeId, matchId] as const;

export function useOutcomeByToken(token: string) {
  return useQuery({
    queryKey: tokenKey(token),
    queryFn: async () => unwrap(await api.GET('/api/v1/outcomes/by-token/{token}/', { params: { path: { token } } })),
    retry: false,
  });
}

export function useAnswerByToken(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (kind: OutcomeKind) =>
      unwrap(await api.POST('/api/v1/outcomes/by-token/{token}/answer/', { params: { path: { token } }, body: { kind } })),
    onSuccess: (question) => queryClient.setQueryData(tokenKey(token), question),
  });
}

export function useMyOutcomeQuestions() {
  return useQuery({
    queryKey: mineKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/outcome-questions/')),
  });
}

export function useAnswerMyQuestion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, kind }: { id: string; kind: OutcomeKind }) =>
      unwrap(await api.POST('/api/v1/me/outcome-questions/{question_id}/answer/', { params: { path: { question_id: id } }, body: { kind } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mineKey }),
  });
}

export function useMatchOutcomes(programmeId: string, matchId: string) {
  return useQuery({
    queryKey: matchKey(programmeId, matchId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/programmes/{programme_id}/matches/{match_id}/outcomes/', {
          params: { path: { programme_id: programmeId, match_id: matchId } },
        }),
      ),
  });
}

export function useRecordOutcome(programmeId: string, matchId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { checkpoint: OutcomeCheckpoint; kind: OutcomeKind }) =>
      unwrap(
        await api.POST('/api/v1/programmes/{programme_id}/matches/{match_id}/outcomes/', {
          params: { path: { programme_id: programmeId, match_id: matchId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: matchKey(programmeId, matchId) }),
  });
}

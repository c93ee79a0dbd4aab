import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { asList, unwrap } from '@/api/errors';

export const myMatchesQueryKey = ['matches', 'mine'] as const;

export function useMyMatches() {
  return useQuery({
    queryKey: myMatchesQueryKey,
    queryFn: async () => asList(unwrap(await api.GET('/api/v1/matches/'))),
  });
}

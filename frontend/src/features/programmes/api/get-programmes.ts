import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { asList, unwrap } from '@/api/errors';

export const programmesQueryKey = ['programmes'] as const;

export async function getProgrammes() {
  return asList(unwrap(await api.GET('/api/v1/programmes/')));
}

export function useProgrammes() {
  return useQuery({ queryKey: programmesQueryKey, queryFn: getProgrammes });
}

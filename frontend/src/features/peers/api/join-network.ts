import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { SignUpInput } from './types';

/** A frontline worker's sign-up to a peer network (it logs her in). */
export function useJoinNetwork(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SignUpInput) =>
      unwrap(await api.POST('/api/v1/programmes/{programme_id}/signup/', { params: { path: { programme_id: programmeId } }, body })),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';

export type SignUpInput = components['schemas']['SignUpInputRequest'];

export function useSignUp(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SignUpInput) =>
      unwrap(
        await api.POST('/api/v1/programmes/{programme_id}/signup/', {
          params: { path: { programme_id: programmeId } },
          body,
        }),
      ),
    // Signing up logs her in: the session and "me" change.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

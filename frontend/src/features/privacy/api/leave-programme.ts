import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export function useLeaveProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (programme: string) =>
      unwrap(
        await api.POST('/api/v1/programmes/{programme_id}/leave/', { params: { path: { programme_id: programme } } }),
      ),
    // Leaving ends her offers, matches and groups there: everything she sees may have changed.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

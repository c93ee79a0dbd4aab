// A programme's own texts in every language, for its coordinators (GET/PATCH /programmes/{id}/texts/).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';

export type ProgrammeTexts = components['schemas']['ProgrammeTextsOutput'];
export type TextField = keyof ProgrammeTexts['texts'];
export type TextChanges = Partial<Record<TextField, Record<string, string>>>;

export function useProgrammeTexts(programmeId: string) {
  return useQuery({
    queryKey: ['programmes', programmeId, 'texts'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/programmes/{programme_id}/texts/', { params: { path: { programme_id: programmeId } } })),
  });
}

export function useUpdateProgrammeTexts(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (texts: TextChanges) =>
      unwrap(
        await api.PATCH('/api/v1/programmes/{programme_id}/texts/', {
          params: { path: { programme_id: programmeId } },
          body: { texts },
        }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(['programmes', programmeId, 'texts'], data);
      // Every page that shows the programme (its name in the header, the sign-up page) reads it again.
      return Promise.all(['programmes', 'me', 'peers'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
    },
  });
}

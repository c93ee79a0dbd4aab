// A programme's settings for its coordinators (GET /programmes/{id}/settings/, changed with PATCH /programmes/{id}/)
// and the what-if of a change of matching rules or weights (POST /programmes/{id}/what-if/, nothing saved).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';

export type ProgrammeSettings = components['schemas']['ProgrammeSettingsOutput'];
export type SettingsChanges = components['schemas']['PatchedProgrammeUpdateInputRequest'];
export type WhatIfChanges = components['schemas']['ProgrammeWhatIfInputRequest'];
export type WhatIf = components['schemas']['WhatIfOutput'];

const key = (programmeId: string) => ['programmes', programmeId, 'settings'];

export function useProgrammeSettings(programmeId: string) {
  return useQuery({
    queryKey: key(programmeId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/programmes/{programme_id}/settings/', { params: { path: { programme_id: programmeId } } })),
  });
}

export function useUpdateProgrammeSettings(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (changes: SettingsChanges) =>
      unwrap(
        await api.PATCH('/api/v1/programmes/{programme_id}/', {
          params: { path: { programme_id: programmeId } },
          body: changes,
        }),
      ),
    // The settings are read again (defaults filled in); so is every page showing the programme (sign-up open).
    onSuccess: () => Promise.all([key(programmeId), ['programmes'], ['me']].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

export function usePreviewSettings(programmeId: string) {
  return useMutation({
    mutationFn: async (changes: WhatIfChanges) =>
      unwrap(
        await api.POST('/api/v1/programmes/{programme_id}/what-if/', {
          params: { path: { programme_id: programmeId } },
          body: changes,
        }),
      ),
  });
}

// Closing a programme (POST /programmes/{id}/close/): sign-up stops, open offers end with a polite notice, nothing new
// starts; running matches go on and every figure is kept. Its state comes with the programme (closed_at).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export function useProgramme(programmeId: string) {
  return useQuery({
    queryKey: ['programmes', programmeId],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/programmes/{programme_id}/', { params: { path: { programme_id: programmeId } } })),
  });
}

export function useCloseProgramme(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/programmes/{programme_id}/close/', { params: { path: { programme_id: programmeId } } })),
    // Every page that shows the programme, its offers or its sign-up reads them again.
    onSuccess: () => Promise.all(['programmes', 'me', 'matches', 'peers'].map((key) => queryClient.invalidateQueries({ queryKey: [key] }))),
  });
}

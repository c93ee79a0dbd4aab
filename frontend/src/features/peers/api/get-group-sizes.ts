import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** The network's own group sizes (its settings page), which a new round starts from (coordinators). */
export function useGroupSizes(programmeId: string) {
  return useQuery({
    queryKey: ['programmes', programmeId, 'settings'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/programmes/{programme_id}/settings/', { params: { path: { programme_id: programmeId } } })),
    select: (settings) => ({ min: settings.group_min_size, max: settings.group_max_size }),
  });
}

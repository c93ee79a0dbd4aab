import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { asList, unwrap } from '@/api/errors';

export const myGroupsQueryKey = ['peers', 'groups'] as const;

/** Her published groups, current first. */
export function useMyGroups() {
  return useQuery({
    queryKey: myGroupsQueryKey,
    queryFn: async () => {
      // page_size is the API's pagination parameter (not in the schema): her groups on one page.
      const query = { page_size: 50 };
      return asList(unwrap(await api.GET('/api/v1/groups/', { params: { query } })));
    },
  });
}

import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { asList, unwrap } from '@/api/errors';

/** The peer networks anyone can read about and join. */
export function usePeerNetworks() {
  return useQuery({
    queryKey: ['peers', 'programmes'],
    queryFn: async () => asList(unwrap(await api.GET('/api/v1/programmes/'))).filter((p) => p.kind === 'peer_network'),
  });
}

// The list of peer networks, on its own so that the list does not download the join form (routes/peers.tsx).
import { PeerNetworkList } from '@/features/peers/components/network-list';

export function NetworksRoute() {
  return <PeerNetworkList />;
}

// The peer-network pages anyone can reach: the list of networks, joining one, and what happens next.
import { useNavigate, useParams } from 'react-router';
import { JoinNetworkPage } from '@/features/peers/components/join-form';
import { PeerNetworkList } from '@/features/peers/components/network-list';
import { JoinedNetwork } from '@/features/peers/components/welcome';

export function NetworksRoute() {
  return <PeerNetworkList />;
}

export function JoinNetworkRoute() {
  const { programmeId = '' } = useParams();
  const navigate = useNavigate();
  return <JoinNetworkPage programmeId={programmeId} onDone={() => void navigate('/networks/welcome')} />;
}

export function JoinedNetworkRoute() {
  return <JoinedNetwork />;
}

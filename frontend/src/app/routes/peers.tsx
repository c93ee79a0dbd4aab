// The peer-network pages anyone can reach: joining a network, and what happens next (the list is routes/networks.tsx).
import { useNavigate, useParams } from '@/lib/router';
import { JoinNetworkPage } from '@/features/peers/components/join-form';
import { JoinedNetwork } from '@/features/peers/components/welcome';

export function JoinNetworkRoute() {
  const { programmeId = '' } = useParams();
  const navigate = useNavigate();
  return <JoinNetworkPage programmeId={programmeId} onDone={() => void navigate('/networks/welcome')} />;
}

export function JoinedNetworkRoute() {
  return <JoinedNetwork />;
}

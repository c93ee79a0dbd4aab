import { OutcomePage } from '@/features/outcomes/components/outcome-page';
import { useParams, useSearchParams } from '@/lib/router';

/** An outcome question's link: /outcomes/<token>?answer=<kind> (the email's one-tap answers). No login needed. */
export function OutcomeRoute() {
  const { token = '' } = useParams();
  const [search] = useSearchParams();
  return <OutcomePage key={token} token={token} tapped={search.get('answer')} />;
}

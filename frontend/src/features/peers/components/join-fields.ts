// The frontline worker's sign-up: its steps, its values, and which step and field each API error belongs to.
export const JOIN_STEPS = ['account', 'work', 'languages', 'topics', 'sharing', 'consent'] as const;
export type JoinStep = (typeof JOIN_STEPS)[number];

export type JoinValues = {
  displayName: string;
  addressAs: '' | 'feminine' | 'masculine' | 'neutral';
  email: string;
  password: string;
  phone: string;
  role: string;
  organisation: string;
  city: string;
  country: string;
  languages: { code: string; level: string }[];
  topicsExpertise: string[];
  topicsInterest: string[];
  availability: string[];
  shareEmail: boolean;
  sharePhone: boolean;
  consent: boolean;
};

const ACCOUNT: Record<string, string> = { email: 'email', password: 'password', display_name: 'displayName', phone: 'phone', address_as: 'addressAs' };
const PROFILE: Record<string, string> = {
  worker_role: 'role',
  organisation: 'organisation',
  city: 'city',
  country: 'country',
  topics_expertise: 'topicsExpertise',
  topics_interest: 'topicsInterest',
  availability: 'availability',
  share_email: 'shareEmail',
  share_phone: 'sharePhone',
};

/** "account.email" → "email"; "profile.languages.0.code" → "languages.0.code"; unknown → null (shown in the alert). */
export function joinFieldForAttr(attr: string): string | null {
  const [group, name, ...rest] = attr.split('.');
  if (group === 'consent') return 'consent';
  if (!name) return null;
  if (group === 'account') return ACCOUNT[name] ?? null;
  if (group === 'profile') {
    if (name === 'languages') return rest.length === 2 ? `languages.${rest[0]}.${rest[1]}` : 'languages';
    return PROFILE[name] ?? null;
  }
  return null;
}

export function joinStepOfField(field: string): JoinStep {
  const root = field.split('.')[0] ?? '';
  if (['displayName', 'addressAs', 'email', 'password', 'phone'].includes(root)) return 'account';
  if (['role', 'organisation', 'city', 'country'].includes(root)) return 'work';
  if (root === 'languages') return 'languages';
  if (['topicsExpertise', 'topicsInterest'].includes(root)) return 'topics';
  if (['availability', 'shareEmail', 'sharePhone'].includes(root)) return 'sharing';
  return 'consent';
}

// Which step each field is on (for each role), and which form field each API error attr belongs to.
export const SIGNUP_ROLES = ['mentee', 'mentor', 'employer'] as const;
export type SignUpRole = (typeof SIGNUP_ROLES)[number];

export const MENTEE_STEPS = ['account', 'languages', 'work', 'preferences', 'consent'] as const;
export const MENTOR_STEPS = ['account', 'languages', 'work', 'availability', 'consent'] as const;
export type Step = (typeof MENTEE_STEPS)[number] | (typeof MENTOR_STEPS)[number];

export function stepsFor(role: SignUpRole): readonly Step[] {
  return role === 'mentee' ? MENTEE_STEPS : MENTOR_STEPS;
}

export type SignUpValues = {
  displayName: string;
  addressAs: '' | 'feminine' | 'masculine' | 'neutral';
  email: string;
  password: string;
  languages: { code: string; level: string }[];
  sectors: string[];
  goals: string[];
  goalsText: string;
  city: string;
  online: boolean;
  availability: string[];
  capacity: number;
  gender: string;
  organisation: string;
  womanMentorOnly: boolean;
  onlineOnly: boolean;
  consent: boolean;
  improveMatching: boolean;
};

const ACCOUNT: Record<string, string> = { email: 'email', password: 'password', display_name: 'displayName', address_as: 'addressAs' };
const PROFILE: Record<string, string> = {
  sectors: 'sectors',
  goals: 'goals',
  goals_text: 'goalsText',
  city: 'city',
  online: 'online',
  availability: 'availability',
  capacity: 'capacity',
  gender: 'gender',
  organisation: 'organisation',
  woman_mentor_only: 'womanMentorOnly',
  online_only: 'onlineOnly',
};

/** "account.email" → "email"; "profile.languages.0.code" → "languages.0.code"; unknown → null (shown in the alert). */
export function fieldForAttr(attr: string): string | null {
  const [group, name, ...rest] = attr.split('.');
  if (!name) return group === 'consent' ? 'consent' : null;
  if (group === 'account') return ACCOUNT[name] ?? null;
  if (group === 'consent') return 'consent';
  if (group === 'profile') {
    if (name === 'languages') return rest.length === 2 ? `languages.${rest[0]}.${rest[1]}` : 'languages';
    return PROFILE[name] ?? null;
  }
  return null;
}

export function stepOfField(field: string, role: SignUpRole = 'mentee'): Step {
  const root = field.split('.')[0] ?? '';
  if (['displayName', 'addressAs', 'email', 'password'].includes(root)) return 'account';
  if (root === 'languages') return 'languages';
  if (['sectors', 'goals', 'goalsText', 'organisation'].includes(root)) return 'work';
  if (root === 'city') return role === 'mentee' ? 'work' : 'availability';
  if (['online', 'availability', 'capacity', 'gender'].includes(root)) return role === 'mentee' ? 'preferences' : 'availability';
  if (['womanMentorOnly', 'onlineOnly'].includes(root)) return 'preferences';
  return 'consent';
}

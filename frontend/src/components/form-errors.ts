// Maps the API's field errors (attr = "account.email", "profile.languages.0.code") onto form fields.
import type { ApiError } from '@/api/errors';

/**
 * Returns the errors for fields the form shows (keyed by the form's own field path) and the rest,
 * which the form shows in an alert so that nothing the server said is lost.
 */
export function mapApiErrors(
  error: ApiError,
  fieldFor: (attr: string) => string | null,
): { fields: Record<string, string>; general: string[] } {
  const fields: Record<string, string> = {};
  const general = [...error.generalErrors];
  for (const [attr, detail] of Object.entries(error.fieldErrors)) {
    const field = fieldFor(attr);
    if (field) fields[field] = fields[field] ? `${fields[field]} ${detail}` : detail;
    else general.push(detail);
  }
  return { fields, general };
}

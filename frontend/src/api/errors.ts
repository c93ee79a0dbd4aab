// The backend's error shape ({"type", "errors": [{code, detail, attr}]}) and a thrown error carrying it.

export type ApiErrorItem = { code: string; detail: string; attr: string | null };
export type ApiErrorBody = { type: string; errors: ApiErrorItem[] };

export class ApiError extends Error {
  readonly status: number;
  readonly errors: ApiErrorItem[];

  constructor(status: number, body: unknown) {
    const errors = isApiErrorBody(body) ? body.errors : [];
    super(errors[0]?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.errors = errors;
  }

  /** Errors keyed by field path (attr), e.g. "account.email" or "profile.languages.0.code". */
  get fieldErrors(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const error of this.errors) {
      if (error.attr && error.attr !== 'non_field_errors') {
        fields[error.attr] = fields[error.attr] ? `${fields[error.attr]} ${error.detail}` : error.detail;
      }
    }
    return fields;
  }

  /** Errors not tied to a field: shown in an alert. */
  get generalErrors(): string[] {
    return this.errors.filter((e) => !e.attr || e.attr === 'non_field_errors').map((e) => e.detail);
  }
}

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && Array.isArray((body as ApiErrorBody).errors);
}

/** Unwraps an openapi-fetch result: the data, or an ApiError thrown for react-query. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw new ApiError(result.response.status, result.error);
}

/**
 * List endpoints answer with a page ({count, results}); the schema declares some of them as plain arrays.
 * This accepts both so the UI keeps working either way.
 */
export function asList<T>(data: T[] | { results: T[] } | undefined): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.results;
}

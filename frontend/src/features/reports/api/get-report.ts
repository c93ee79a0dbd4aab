// The funder's report for whole months, of one programme (GET /api/v1/programmes/{id}/reports/) or of every programme
// of an organisation (GET /api/v1/organisations/{id}/reports/), and the addresses of its CSV and XLSX downloads.
import { useQuery } from '@tanstack/react-query';
import { apiLanguage } from '@/api/csrf';
import { ApiError } from '@/api/errors';
import type { components } from '@/api/schema';

type Schemas = components['schemas'];

export type Breakdown = '' | 'language' | 'city' | 'role';
export type ReportFormat = 'csv' | 'xlsx';

export type ReportCell = Schemas['FunderReportCell'];
export type ReportFigure = Schemas['FunderReportFigure'];
export type Report = Schemas['FunderReportOutput'];

/** Whose report: one programme's, or an organisation's over all its programmes. */
export type ReportScope = { kind: 'programme' | 'organisation'; id: string };

export type ReportQuery = { from: string; to: string; by: Breakdown };

/** The report's address with its query; with a format, the file to download. */
export function reportUrl(scope: ReportScope, query: ReportQuery, format?: ReportFormat): string {
  const search = new URLSearchParams({ from: query.from, to: query.to });
  if (query.by) search.set('by', query.by);
  if (format) search.set('format', format);
  const collection = scope.kind === 'programme' ? 'programmes' : 'organisations';
  return `/api/v1/${collection}/${encodeURIComponent(scope.id)}/reports/?${search.toString()}`;
}

async function getReport(scope: ReportScope, query: ReportQuery): Promise<Report> {
  const response = await globalThis.fetch(new URL(reportUrl(scope, query), globalThis.location?.origin ?? 'http://localhost'), {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Accept-Language': apiLanguage() },
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body as Report;
}

export function useReport(scope: ReportScope, query: ReportQuery) {
  return useQuery({
    queryKey: [scope.kind === 'programme' ? 'programmes' : 'organisations', scope.id, 'report', query, apiLanguage()],
    queryFn: () => getReport(scope, query),
    placeholderData: (previous) => previous,
    retry: false,
  });
}

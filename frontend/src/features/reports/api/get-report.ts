// The funder's report of one programme for whole months (GET /api/v1/programmes/{id}/reports/), and the addresses
// of its CSV and XLSX downloads. The types are written here until the API types are generated again from the
// OpenAPI schema (backend/reports/serializers.py); then they become components['schemas']['FunderReportOutput'].
import { useQuery } from '@tanstack/react-query';
import { apiLanguage } from '@/api/csrf';
import { ApiError } from '@/api/errors';

export type Breakdown = '' | 'language' | 'city' | 'role';
export type ReportFormat = 'csv' | 'xlsx';

export type ReportCell = { value: number | null; display: string; status: 'shown' | 'small' | 'hidden' };
export type ReportRow = { key: string; label: string; total: boolean; cells: ReportCell[] };
export type ReportFigure = {
  key: string;
  label: string;
  about_people: boolean;
  columns: { key: string; label: string }[];
  rows: ReportRow[];
};
export type ReportMedian = { days: number | null; display: string; status: 'shown' | 'small' };
export type Report = {
  programmes: { id: string; name: string; kind: string }[];
  period: { from: string; to: string };
  asked: { from: string; to: string };
  by: string;
  threshold: number;
  figures: ReportFigure[];
  waiting: { label: string; overall: ReportMedian; rows: (ReportMedian & { key: string; label: string })[] } | null;
};

export type ReportQuery = { from: string; to: string; by: Breakdown };

/** The report's address with its query; with a format, the file to download. */
export function reportUrl(programmeId: string, query: ReportQuery, format?: ReportFormat): string {
  const search = new URLSearchParams({ from: query.from, to: query.to });
  if (query.by) search.set('by', query.by);
  if (format) search.set('format', format);
  return `/api/v1/programmes/${encodeURIComponent(programmeId)}/reports/?${search.toString()}`;
}

async function getReport(programmeId: string, query: ReportQuery): Promise<Report> {
  const response = await globalThis.fetch(new URL(reportUrl(programmeId, query), globalThis.location?.origin ?? 'http://localhost'), {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Accept-Language': apiLanguage() },
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body as Report;
}

export function useReport(programmeId: string, query: ReportQuery) {
  return useQuery({
    queryKey: ['programmes', programmeId, 'report', query, apiLanguage()],
    queryFn: () => getReport(programmeId, query),
    placeholderData: (previous) => previous,
    retry: false,
  });
}

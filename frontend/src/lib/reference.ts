// Reference data labelled in the UI language (the query key carries the language, so switching refetches).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '@/api/client';
import { apiLanguage } from '@/api/csrf';
import { ApiError } from '@/api/errors';
import type { components } from '@/api/schema';

export type ReferenceItem = components['schemas']['ReferenceItemOutput'];
type ReferenceKind = 'sectors' | 'goals' | 'decline-reasons' | 'end-reasons' | 'topics' | 'worker-roles';

export function useReference(kind: ReferenceKind) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['reference', kind, i18n.language],
    queryFn: async (): Promise<ReferenceItem[]> => {
      // The six reference lists share one shape; the typed client needs literal paths, so this one uses fetch.
      const response = await globalThis.fetch(`/api/v1/reference/${kind}/`, {
        headers: { 'Accept-Language': apiLanguage() },
        credentials: 'same-origin',
      });
      const body: unknown = await response.json();
      if (!response.ok) throw new ApiError(response.status, body);
      return body as ReferenceItem[];
    },
    staleTime: Infinity,
  });
}

export function useLanguages() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['reference', 'languages', i18n.language],
    queryFn: async () => {
      const { data, error, response } = await api.GET('/api/v1/reference/languages/');
      if (!response.ok || !data) throw new ApiError(response.status, error);
      return data;
    },
    staleTime: Infinity,
  });
}

/** code → label, for showing the codes the API returns (sectors, goals, reasons) in words. */
export function useLabels(kind: ReferenceKind): (code: string) => string {
  const { data } = useReference(kind);
  const labels = new Map((data ?? []).map((item) => [item.code, item.label]));
  return (code) => labels.get(code) ?? code;
}

export type JobFamily = components['schemas']['JobFamilyOutput'];

/** The job families in everyday words, in the UI language, each with its search words and NACE divisions. */
export function useJobFamilies() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['reference', 'job-families', i18n.language],
    queryFn: async () => {
      const { data, error, response } = await api.GET('/api/v1/reference/job-families/');
      if (!response.ok || !data) throw new ApiError(response.status, error);
      return data;
    },
    staleTime: Infinity,
  });
}

/** The families a person's NACE codes fall in, as labels (a section letter counts for each of its families). */
export function familyLabelsOf(codes: readonly string[], families: readonly JobFamily[] | undefined): string[] {
  if (!families) return [];
  const wanted = new Set(codes);
  return families
    .filter((family) => family.divisions.some((division) => wanted.has(division)))
    .map((family) => family.label);
}

/** NACE code → the label of its job family, for showing a sector to participants in everyday words. */
export function useFamilyLabels(): (code: string) => string {
  const { data } = useJobFamilies();
  const sectors = useLabels('sectors');
  const labels = new Map((data ?? []).flatMap((family) => family.divisions.map((division) => [division, family.label] as const)));
  return (code) => labels.get(code) ?? sectors(code);
}

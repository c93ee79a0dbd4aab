import { useMutation } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';

export type ReportInput = components['schemas']['ReportCreateInputRequest'];

export function useReportPerson() {
  return useMutation({
    mutationFn: async (body: ReportInput) => unwrap(await api.POST('/api/v1/safety/reports/', { body })),
  });
}

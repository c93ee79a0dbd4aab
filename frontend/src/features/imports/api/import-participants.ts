// Importing a participant list: the same multipart request checks the list (a dry run: commit false, nothing is
// stored) and imports its valid rows (commit true). The server never keeps the file, so every request sends it again.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';

export type ImportReport = components['schemas']['ImportOutput'];
export type ImportProblem = components['schemas']['ImportProblem'];
export type ParticipantRole = components['schemas']['ParticipantRoleEnum'];
export type ConsentMethod = components['schemas']['ConsentMethodEnum'];
/** Column header → field key ("" for a column that is not imported). */
export type ColumnMapping = Record<string, string>;

type ImportRequest = {
  file: File;
  role: ParticipantRole;
  /** Left out: the columns chosen last time for this programme and role, else what the headers say. */
  mapping?: ColumnMapping | null;
  consentMethod?: ConsentMethod;
  commit: boolean;
};

async function postImport(programmeId: string, input: ImportRequest): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', input.file, input.file.name);
  form.append('role', input.role);
  if (input.mapping) form.append('mapping', JSON.stringify(input.mapping));
  if (input.consentMethod) form.append('consent_method', input.consentMethod);
  form.append('commit', input.commit ? 'true' : 'false');
  return unwrap(
    await api.POST('/api/v1/programmes/{programme_id}/imports/', {
      params: { path: { programme_id: programmeId } },
      // The generated type describes the form's fields; the body sent is the form itself (the browser sets the
      // multipart boundary).
      body: { file: input.file.name, role: input.role, commit: input.commit },
      bodySerializer: () => form,
    }),
  );
}

export type ImportCheck = {
  file: File;
  /** Which choice of file this is: a new file (even one with the same name) is checked afresh. */
  fileId: number;
  role: ParticipantRole;
  mapping: ColumnMapping | null;
};

/** The dry run of a list: every row checked, every problem named; rerun when the file, role or columns change.
 * While a new choice of columns is checked, the answer for the previous one stays on screen. */
export function useImportCheck(programmeId: string, check: ImportCheck | null) {
  return useQuery({
    queryKey: ['imports', programmeId, 'check', check?.fileId, check?.role, check?.mapping ?? null],
    queryFn: () => postImport(programmeId, { ...check!, commit: false }),
    enabled: check !== null,
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[3] === check?.fileId && previousQuery?.queryKey[4] === check?.role ? previous : undefined,
    // The same file and columns give the same answer; sending a large file again on every visit is not worth it.
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    retry: false,
  });
}

/** Imports every valid row at once, with how these people gave their consent. */
export function useImportParticipants(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<ImportRequest, 'commit'>) => postImport(programmeId, { ...input, commit: true }),
    onSuccess: () => {
      // They are now among the programme's participants (waiting lists, pickers, health figures); a check of the
      // same list would now find them already in the programme.
      void queryClient.invalidateQueries({ queryKey: ['programmes', programmeId] });
      queryClient.removeQueries({ queryKey: ['imports', programmeId] });
    },
  });
}

// An organisation admin's requests (issue 15): her organisation's programmes (a new one too), and each programme's
// coordinators (appoint by email, remove). Another organisation's ids answer as unknown ones do (404).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';
import { meQueryKey } from '@/lib/auth';

export type OrganisationProgramme = components['schemas']['OrganisationProgrammeOutput'];
export type ProgrammeCreateInput = components['schemas']['ProgrammeCreateInputRequest'];
export type Coordinator = components['schemas']['CoordinatorOutput'];
export type Appointment = components['schemas']['CoordinatorAppointOutput'];
export type AppointInput = components['schemas']['CoordinatorAppointInputRequest'];

/** As many as the server gives in one page: an organisation runs a handful of programmes, a programme a few coordinators. */
const PAGE_SIZE = 200;

const programmesKey = (organisationId: string) => ['organisations', organisationId, 'programmes'] as const;
const coordinatorsKey = (programmeId: string) => ['organisations', 'coordinators', programmeId] as const;

export function useOrganisationProgrammes(organisationId: string) {
  return useQuery({
    queryKey: programmesKey(organisationId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/organisations/{organisation_id}/programmes/', {
          params: { path: { organisation_id: organisationId }, query: { page_size: PAGE_SIZE } },
        }),
      ),
  });
}

export function useCreateProgramme(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ProgrammeCreateInput) =>
      unwrap(
        await api.POST('/api/v1/organisations/{organisation_id}/programmes/', {
          params: { path: { organisation_id: organisationId } },
          body,
        }),
      ),
    onSuccess: (_created, body) => {
      void queryClient.invalidateQueries({ queryKey: programmesKey(organisationId) });
      // Coordinating it herself puts it among her roles (the coordinator's dashboard reads them from /me).
      if (body.coordinate !== false) void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

export function useCoordinators(programmeId: string) {
  return useQuery({
    queryKey: coordinatorsKey(programmeId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/programmes/{programme_id}/coordinators/', {
          params: { path: { programme_id: programmeId }, query: { page_size: PAGE_SIZE } },
        }),
      ),
  });
}

/** After a change of coordinators: the list, the programme's count, and her own roles (she may have removed herself). */
function useRefreshCoordinators(organisationId: string, programmeId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: coordinatorsKey(programmeId) });
    void queryClient.invalidateQueries({ queryKey: programmesKey(organisationId) });
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  };
}

export function useAppointCoordinator(organisationId: string, programmeId: string) {
  const refresh = useRefreshCoordinators(organisationId, programmeId);
  return useMutation({
    mutationFn: async (body: AppointInput) =>
      unwrap(
        await api.POST('/api/v1/programmes/{programme_id}/coordinators/', {
          params: { path: { programme_id: programmeId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useRemoveCoordinator(organisationId: string, programmeId: string) {
  const refresh = useRefreshCoordinators(organisationId, programmeId);
  return useMutation({
    mutationFn: async (coordinatorId: string) => {
      unwrap(await api.DELETE('/api/v1/coordinators/{coordinator_id}/', { params: { path: { coordinator_id: coordinatorId } } }));
    },
    onSuccess: refresh,
  });
}

export type DuplicateInput = components['schemas']['ProgrammeDuplicateInputRequest'];

/** The next cohort: a new programme with the same settings and texts, no people; sign-up closed until opened. */
export function useDuplicateProgramme(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ programmeId, body }: { programmeId: string; body: DuplicateInput }) =>
      unwrap(await api.POST('/api/v1/programmes/{programme_id}/duplicate/', { params: { path: { programme_id: programmeId } }, body })),
    onSuccess: (_created, { body }) => {
      void queryClient.invalidateQueries({ queryKey: programmesKey(organisationId) });
      if (body.coordinate !== false) void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

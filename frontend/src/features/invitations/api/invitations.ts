// Invitations (issue 15): a coordinator's list, sending, resending and revoking; the link's preview and joining.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';

export type Invitation = components['schemas']['InvitationOutput'];
export type InvitationState = components['schemas']['InvitationStateEnum'];
export type InvitableRole = components['schemas']['InvitableRoleEnum'];
export type InviteResult = components['schemas']['InviteResultOutput'];
export type InvitationsSendInput = components['schemas']['InvitationsSendInputRequest'];
export type InvitationPreview = components['schemas']['InvitationPreviewOutput'];
export type InvitationAcceptInput = components['schemas']['InvitationAcceptInputRequest'];

const PAGE_SIZE = 200;
const listKey = (programmeId: string) => ['invitations', programmeId] as const;

export function useInvitations(programmeId: string, state?: InvitationState) {
  return useQuery({
    queryKey: [...listKey(programmeId), state ?? 'all'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/programmes/{programme_id}/invitations/', {
          params: { path: { programme_id: programmeId }, query: { page_size: PAGE_SIZE, ...(state ? { state } : {}) } },
        }),
      ),
  });
}

export function useSendInvitations(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: InvitationsSendInput) =>
      unwrap(await api.POST('/api/v1/programmes/{programme_id}/invitations/', { params: { path: { programme_id: programmeId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listKey(programmeId) }),
  });
}

export function useInvitationAction(programmeId: string, action: 'resend' | 'revoke') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (invitationId: string) =>
      unwrap(
        action === 'resend'
          ? await api.POST('/api/v1/invitations/{invitation_id}/resend/', { params: { path: { invitation_id: invitationId } } })
          : await api.POST('/api/v1/invitations/{invitation_id}/revoke/', { params: { path: { invitation_id: invitationId } } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listKey(programmeId) }),
  });
}

/** ``viewer``: who is logged in (none: ''), so that logging in asks again whether the invitation is hers. */
export function useInvitationPreview(token: string, viewer: string) {
  return useQuery({
    queryKey: ['invitation-preview', token, viewer],
    queryFn: async () => unwrap(await api.GET('/api/v1/invitations/by-token/{token}/', { params: { path: { token } } })),
    retry: false,
  });
}

export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: InvitationAcceptInput) =>
      unwrap(await api.POST('/api/v1/invitations/by-token/{token}/accept/', { params: { path: { token } }, body })),
    // Joining changes her roles (and a new account logs her in).
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** The addresses of a pasted list: separated by commas, semicolons or new lines (the server reads them the same). */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[,;\r\n]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

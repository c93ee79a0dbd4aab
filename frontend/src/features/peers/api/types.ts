// The peer-network shapes this feature uses, named once from the generated schema.
import type { components } from '@/api/schema';

type Schemas = components['schemas'];
export type Round = Schemas['RoundOutput'];
export type RoundStatus = Schemas['RoundOutputStatusEnum'];
export type RoundOpenInput = Schemas['RoundOpenInputRequest'];
export type CoordinatorGroup = Schemas['CoordinatorGroupOutput'];
export type GroupMemberCard = Schemas['GroupMemberCardOutput'];
export type MemberGroup = Schemas['MemberGroupOutput'];
export type PeerContactCard = Schemas['PeerContactCardOutput'];
export type PeerReason = Schemas['PeerReasonOutput'];
export type Network = Schemas['NetworkOutput'];
export type NetworkNode = Schemas['NetworkNodeOutput'];
export type Participation = Schemas['RoundParticipationSummaryOutput'];
export type OptIns = Schemas['RoundOptInsOutput'];
export type FollowUpInput = Schemas['FollowUpInputRequest'];
export type SignUpInput = Schemas['SignUpInputRequest'];

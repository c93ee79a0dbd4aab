// Learning from outcomes (issue 17): a programme's success model (its card, backtest, versions), training it again
// (POST /programmes/{id}/model/train/), and the learning settings, saved with PATCH /programmes/{id}/.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';

export type ProgrammeModel = components['schemas']['ProgrammeModelOutput'];
export type ModelCard = components['schemas']['ModelCardOutput'];
export type ModelBacktest = components['schemas']['ModelBacktestOutput'];
export type ModelAttempt = components['schemas']['ModelAttemptOutput'];
export type ModelReadiness = components['schemas']['ModelReadinessOutput'];
export type CalibrationBin = components['schemas']['CalibrationBinOutput'];
export type FeatureEffect = components['schemas']['FeatureEffectOutput'];
export type OutcomeTarget = components['schemas']['OutcomeTargetEnum'];
export type MonitoredGroup = components['schemas']['MonitoredGroupEnum'];
export type LearningChanges = Pick<
  components['schemas']['PatchedProgrammeUpdateInputRequest'],
  'learned_weight' | 'outcome_target' | 'pool_outcomes' | 'monitored_groups' | 'fairness_min_share' | 'fairness_group'
>;

const modelKey = (programmeId: string) => ['programmes', programmeId, 'model'];
const settingsKey = (programmeId: string) => ['programmes', programmeId, 'settings'];

/** The model page's data; read again every few seconds while a training is under way. */
export function useProgrammeModel(programmeId: string) {
  return useQuery({
    queryKey: modelKey(programmeId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/programmes/{programme_id}/model/', { params: { path: { programme_id: programmeId } } })),
    refetchInterval: (query) => (query.state.data?.status === 'training' ? 3000 : false),
  });
}

export function useTrainModel(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/programmes/{programme_id}/model/train/', { params: { path: { programme_id: programmeId } } })),
    onSuccess: (data) => queryClient.setQueryData(modelKey(programmeId), data),
  });
}

export function useUpdateLearningSettings(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (changes: LearningChanges) =>
      unwrap(await api.PATCH('/api/v1/programmes/{programme_id}/', { params: { path: { programme_id: programmeId } }, body: changes })),
    onSuccess: () =>
      Promise.all([settingsKey(programmeId), modelKey(programmeId)].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

// A model feature's name in words: the engine's pair features have their own words; a programme code feature
// ("mentee_goal:job_search", "mentee_goal:job_search*same_sector") is named with the code's label.
import { useTranslation } from 'react-i18next';
import { useLabels } from '@/lib/reference';

const RELATIONS = ['same_sector', 'same_sector_family', 'same_city', 'offer_meets_goal', 'language'] as const;

export function useFeatureLabel(): (feature: string) => string {
  const { t } = useTranslation();
  const goals = useLabels('goals');
  const sectors = useLabels('sectors');
  return (feature) => {
    const [kind, rest] = feature.split(':', 2);
    if (rest === undefined) return t(`learning.features.${feature}`, { defaultValue: feature });
    const [code = '', relation] = rest.split('*', 2);
    if (kind === 'mentee_goal' && relation && (RELATIONS as readonly string[]).includes(relation)) {
      return t('learning.features.goalWith', { goal: goals(code), relation: t(`learning.relations.${relation}`) });
    }
    if (kind === 'mentee_goal') return t('learning.features.menteeGoal', { goal: goals(code) });
    if (kind === 'mentor_offer') return t('learning.features.mentorOffer', { goal: goals(code) });
    if (kind === 'mentee_sector_family') return t('learning.features.menteeSectorFamily', { sector: sectors(code) });
    return feature;
  };
}

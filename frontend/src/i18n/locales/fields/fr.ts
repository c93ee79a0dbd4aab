export default {
  availability: 'Quand êtes-vous disponible en général ?',
  availabilityHint: 'Cochez les moments qui vous conviennent en général. Vous pourrez les changer plus tard.',
  day: 'Jour',
  parts: { morning: 'Matin', afternoon: 'Après-midi', evening: 'Soir' },
};

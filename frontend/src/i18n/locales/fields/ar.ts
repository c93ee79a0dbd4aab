export default {
  availability: 'متى تكونين متاحة عادةً؟',
  availabilityHint: 'اختاري الأوقات التي تناسبك عادةً. يمكنك تغييرها لاحقًا.',
  day: 'اليوم',
  parts: { morning: 'صباحًا', afternoon: 'بعد الظهر', evening: 'مساءً' },
};

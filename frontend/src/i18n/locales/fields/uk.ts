export default {
  availability: 'Коли Ви зазвичай вільні?',
  availabilityHint: 'Позначте час, який Вам зазвичай підходить. Ви зможете змінити це пізніше.',
  day: 'День',
  parts: { morning: 'Ранок', afternoon: 'Після обіду', evening: 'Вечір' },
};

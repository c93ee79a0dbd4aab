// How to address her: the choice on sign-up and in her settings (components/address-choice).
const address = {
  label: "How should Bridges word texts about you?",
  hint: "Optional. Some languages word things differently for a woman or a man. We never guess: if you do not choose, we use neutral wording.",
  notSaid: "I prefer not to say",
  feminine: "Feminine wording (she, her)",
  masculine: "Masculine wording (he, him)",
  neutral: "Neutral wording",
  save: "Save",
  saved: "Saved. Texts about you now use this wording.",
  title: "How to address you",
};

export default address;

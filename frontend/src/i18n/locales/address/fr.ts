import type en from './en';

const address: typeof en = {
  label: "Comment Bridges doit-il écrire les textes qui parlent de vous ?",
  hint: "Facultatif. Certaines langues n’écrivent pas de la même façon pour une femme ou un homme. Nous ne devinons jamais : sans choix de votre part, nous écrivons de façon neutre.",
  notSaid: "Je préfère ne pas le dire",
  feminine: "Au féminin (elle, mentore)",
  masculine: "Au masculin (il, mentor)",
  neutral: "De façon neutre",
  save: "Enregistrer",
  saved: "Enregistré. Les textes qui parlent de vous utilisent maintenant cette forme.",
  title: "Comment nous adresser à vous",
};

export default address;

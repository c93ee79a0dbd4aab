import type en from './en';

const address: typeof en = {
  label: "Wie soll Bridges Texte über Sie formulieren?",
  hint: "Freiwillig. Manche Sprachen sprechen von einer Frau anders als von einem Mann. Wir raten nie: Wenn Sie nichts wählen, formulieren wir neutral.",
  notSaid: "Ich möchte das nicht sagen",
  feminine: "Weibliche Form (sie, Mentorin)",
  masculine: "Männliche Form (er, Mentor)",
  neutral: "Neutrale Form",
  save: "Speichern",
  saved: "Gespeichert. Texte über Sie verwenden jetzt diese Form.",
  title: "Wie wir Sie ansprechen",
};

export default address;

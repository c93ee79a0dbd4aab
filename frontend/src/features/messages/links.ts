// Links in messages are never made clickable (a message could lead her to a phishing or tracking page); a message
// that contains one gets a short warning. This only detects them; the text itself is always shown as plain text.
const LINK = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|info|io|me|ly|app|link|xyz|de|fr|uk|ua|eu|be|nl|at|ch|ru|sa|ae|eg|ma|tn|dz|sy|iq|lb|jo)(?:\/\S*)?(?=[\s.,!?)]|$)/i;

/** Whether a message's text holds something a browser or a phone would treat as a web address. */
export function containsLink(text: string): boolean {
  return LINK.test(text);
}

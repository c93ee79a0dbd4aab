// The checks every language's catalogue passes against English (the same as catalogues.test.ts's, as one function,
// so that a new language can be checked before it is added: new-language.test.ts). Plural forms come from CLDR
// (Intl.PluralRules), so a sixth language needs no list of its forms here.
const PLURAL = /_(zero|one|two|few|many|other)$/;
// Wording about a person may have _feminine / _masculine variants (before any plural suffix) that English lacks.
const CONTEXT = /_(feminine|masculine)$/;
const fold = (key: string): string => key.replace(PLURAL, '').replace(CONTEXT, '');
/** The English key a translated key answers to: without its form of address, a plural as English's "_other". */
const englishKey = (path: string): string =>
  PLURAL.test(path) ? `${path.replace(PLURAL, '').replace(CONTEXT, '')}_other` : path.replace(CONTEXT, '');

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key));
}

const at = (catalogue: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], catalogue);

const placeholders = (text: unknown, plural: boolean): string =>
  [...String(text).matchAll(/{{\s*(\w+)\s*(?:,\s*([^}]*?)\s*)?}}/g)]
    .filter((m) => !(plural && m[1] === 'count'))
    .map((m) => (m[2] ? `${m[1]}, ${m[2]}` : m[1]))
    .sort()
    .join();

/** What is wrong with one language's catalogue, measured against English: one line per problem. */
export function parityProblems(language: string, catalogue: unknown, english: unknown): string[] {
  const problems: string[] = [];
  const own = keys(catalogue);
  const base = (list: string[]) => new Set(list.map(fold));
  const ownBase = base(own);
  const englishBase = base(keys(english));
  for (const key of englishBase) if (!ownBase.has(key)) problems.push(`${language}: ${key} is missing`);
  for (const key of ownBase) if (!englishBase.has(key)) problems.push(`${language}: ${key} is not in English`);
  const wanted = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort().join();
  const englishPlurals = new Set(keys(english).filter((key) => PLURAL.test(key)).map((key) => key.replace(PLURAL, '')));
  for (const key of englishPlurals) {
    const forms = [...new Set(own.filter((path) => PLURAL.test(path) && fold(path) === key).map((path) => PLURAL.exec(path)?.[1]))];
    if (ownBase.has(key) && forms.sort().join() !== wanted)
      problems.push(`${language}: ${key} has the plural forms ${forms.join()}, the language has ${wanted}`);
  }
  for (const path of own) {
    const text = at(catalogue, path);
    if (typeof text !== 'string' || text.trim() === '') problems.push(`${language}: ${path} is empty`);
    else if (/{{\s*count\s*}}/.test(text)) problems.push(`${language}: ${path} writes {{count}} without ", number"`);
    const plural = PLURAL.test(path);
    const source = at(english, englishKey(path));
    if (source !== undefined && typeof text === 'string' && placeholders(text, plural) !== placeholders(source, plural))
      problems.push(`${language}: ${path} has other placeholders than the English`);
  }
  return problems;
}

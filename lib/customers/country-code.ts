/**
 * Countries are stored as ISO 3166 codes ("DE"), as the demo data and most SDKs send them, but a
 * marketer types "Germany" or "de". This turns what was typed into the code when it is one:
 * a two-letter code in any case, or a country's English name (from Intl, so no table of our
 * own). Anything else is kept as typed: some sources do store names.
 */
let byName: Map<string, string> | undefined;

function namesToCodes(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  const A = "A".charCodeAt(0);
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j);
      // Retired codes ("DD", "FX") are aliases of current ones ("DE", "FR") and share their names:
      // only a code that is its own canonical form names a country.
      if (Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
      const name = names.of(code);
      if (name && name !== code) byName.set(name.toLowerCase(), code);
    }
  }
  return byName;
}

export function toCountryCode(typed: string): string {
  const text = typed.trim();
  if (/^[a-z]{2}$/i.test(text)) return text.toUpperCase();
  return namesToCodes().get(text.toLowerCase()) ?? text;
}

let regionNames: Intl.DisplayNames | undefined;

/** "Germany" for "DE"; the code itself when Intl has no name for it. */
export function countryName(code: string): string {
  regionNames ??= new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
  try {
    return /^[A-Z]{2}$/.test(code) ? (regionNames.of(code) ?? code) : code;
  } catch {
    return code;
  }
}

/**
 * The countries a search may mean, for "Add condition": a marketer types "Germany" (or "germ",
 * or "de"), not "Country". Among the workspace's countries (`codes`), those whose English name
 * has a word beginning with what was typed, or whose code it is; plus the country the whole
 * text names even when no customer has it yet. At most `limit`, in the order of `codes`.
 */
export function countriesMatching(typed: string, codes: readonly string[], limit = 3): { code: string; name: string }[] {
  const text = typed.trim().toLowerCase();
  if (text.length < 2) return [];
  const exact = toCountryCode(text);
  const candidates = /^[A-Z]{2}$/.test(exact) && !codes.includes(exact) ? [exact, ...codes] : codes;
  const found: { code: string; name: string }[] = [];
  for (const code of candidates) {
    if (!/^[A-Z]{2}$/.test(code)) continue;
    const name = countryName(code);
    const lower = name.toLowerCase();
    const named = lower.startsWith(text) || lower.split(/[^\p{L}]+/u).some((word) => word.startsWith(text));
    if (code === exact || (text.length >= 3 && named)) found.push({ code, name });
    if (found.length >= limit) break;
  }
  return found;
}

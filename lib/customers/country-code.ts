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

/**
 * How the builder's searchable menus (Add condition, the attribute and event pickers) match
 * what was typed. cmdk's default is a fuzzy subsequence score: "opened" matched "Performed
 * page_viewed" (o…p…e…n…e…d spread over the words) and outranked "Opened an email", so Enter
 * added the wrong condition. Here every typed word must begin a word of the entry (or the
 * whole text must appear in it); the entry's own name outranks its keywords.
 */

function fold(text: string): string {
  // "Krüger" is found by "kruger": case and accents do not matter.
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
}

function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function everyWordBegins(typed: string[], haystack: string[]): boolean {
  return typed.every((w) => haystack.some((h) => h.startsWith(w)));
}

/** cmdk's `filter`: 0 hides the entry; higher scores sort first. */
export function menuSearchScore(value: string, search: string, keywords: readonly string[] = []): number {
  const typed = fold(search);
  if (!typed) return 1;
  const name = fold(value);
  if (name.startsWith(typed)) return 1;
  const typedWords = words(typed);
  if (typedWords.length === 0) return name.includes(typed) ? 0.6 : 0;
  const nameWords = words(name);
  if (everyWordBegins(typedWords, nameWords)) return 0.8;
  if (name.includes(typed)) return 0.6;
  const keywordWords = keywords.flatMap((k) => words(fold(k)));
  if (everyWordBegins(typedWords, [...nameWords, ...keywordWords])) return 0.4;
  return keywords.some((k) => fold(k).includes(typed)) ? 0.2 : 0;
}

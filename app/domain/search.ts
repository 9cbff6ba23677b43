/**
 * How every list of people is searched: accents and case do not count, so
 * "huong" and "Nguyen" both find "Nguyễn Thị Hương". One function, used by the
 * server's queries and by the lists the browser filters (decision 015).
 */

/** Text folded for searching: decomposed (NFD), combining marks dropped, đ as d, lower case, spaces collapsed. */
export function searchKey(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Whether every word of the query appears, folded, somewhere in the fields:
 * "huong nguyen" finds "Nguyễn Thị Hương". An empty query matches everything.
 */
export function matchesSearch(query: string, fields: readonly (string | null | undefined)[]): boolean {
  const words = searchKey(query).split(" ").filter(Boolean);
  if (words.length === 0) return true;
  const haystack = searchKey(fields.filter(Boolean).join(" "));
  return words.every((word) => haystack.includes(word));
}

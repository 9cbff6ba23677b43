/**
 * Named groups of Member States that ASEAN documents and donors use, so a
 * filter can say "CLMV" instead of listing four countries. Members are ISO
 * 3166-1 alpha-2 codes in lower case, the form URLs carry.
 */
export const COUNTRY_GROUPS = {
  /** the newer members that ASEAN's development programmes single out */
  clmv: ["kh", "la", "mm", "vn"],
  /** the six founding and early members */
  "asean-6": ["bn", "id", "my", "ph", "sg", "th"],
} as const satisfies Record<string, readonly string[]>;

export type CountryGroup = keyof typeof COUNTRY_GROUPS;

export const COUNTRY_GROUP_KEYS = Object.keys(COUNTRY_GROUPS) as CountryGroup[];

export function isCountryGroup(value: string): value is CountryGroup {
  return Object.hasOwn(COUNTRY_GROUPS, value);
}

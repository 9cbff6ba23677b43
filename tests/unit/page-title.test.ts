import { describe, expect, it } from "vitest";
import { sectorName } from "~/i18n/names";
import { metaTitle } from "~/i18n/page-title";

/** A page's <title> is in the language of the page (the root's data), reference names included. */
describe("page titles", () => {
  const matches = (locale: string) => [{ id: "root", data: { locale } }];

  it("translates the title and keeps the product's name", () => {
    expect(metaTitle(matches("id"), (t) => t("dashboard:title"))).toEqual([{ title: "Dasbor · FocalPoint" }]);
    expect(metaTitle(matches("en"), (t) => t("dashboard:title"))).toEqual([{ title: "Dashboard · FocalPoint" }]);
  });

  it("names reference data in the reader's language and leaves out parts not loaded", () => {
    const title = metaTitle(matches("id"), (t) => [
      sectorName(t, { code: "construction", name: "Construction" }),
      null,
    ]);
    expect(title).toEqual([{ title: "Konstruksi · FocalPoint" }]);
  });
});

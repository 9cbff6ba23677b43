import { describe, expect, it } from "vitest";
import { matchesSearch, searchKey } from "~/domain/search";

describe("searching lists of people", () => {
  it("folds accents, đ and case away", () => {
    expect(searchKey("Nguyễn Thị Hương")).toBe("nguyen thi huong");
    expect(searchKey("Đặng Văn Đức")).toBe("dang van duc");
    expect(searchKey("  Sòm   Chanthavong ")).toBe("som chanthavong");
    // A name typed precomposed or decomposed folds the same.
    expect(searchKey("Hu\u01a1\u0300ng")).toBe(searchKey("Hu\u01a1\u0300ng".normalize("NFC")));
  });

  it("finds a person by any word of their name, in any order, without accents", () => {
    const huong = ["Nguyễn Thị Hương", "MOLISA"];
    for (const query of ["huong", "Nguyen", "NGUYỄN", "huong nguyen", "thi", "molisa", "  hương  "])
      expect(matchesSearch(query, huong), query).toBe(true);
    for (const query of ["hung", "nguyen van", "ilo"]) expect(matchesSearch(query, huong), query).toBe(false);
  });

  it("matches everything on an empty query and ignores missing fields", () => {
    expect(matchesSearch("", ["anyone"])).toBe(true);
    expect(matchesSearch("   ", [])).toBe(true);
    expect(matchesSearch("la", [null, undefined, "Lao PDR"])).toBe(true);
  });
});

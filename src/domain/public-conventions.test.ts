import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText } from "./portfolio";
import {
  DEFAULT_PUBLIC_PARAMS,
  FOLDED_LETTERS,
  PUBLIC_PAGE_MAX,
  PUBLIC_PAGE_SIZE,
  PUBLIC_QUERY_MAX,
  pageCountOf,
  parsePublicConventionsParams,
  publicConventionsHref,
  searchPattern,
} from "./public-conventions";

describe("the public list's search params", () => {
  it("default to the first page of every published convention", () => {
    expect(parsePublicConventionsParams({})).toEqual(DEFAULT_PUBLIC_PARAMS);
    expect(parsePublicConventionsParams(null)).toEqual({ q: "", page: 1 });
    expect(parsePublicConventionsParams(new URLSearchParams(""))).toEqual({ q: "", page: 1 });
  });

  it("read a page number and a search, from Next's searchParams or a URL", () => {
    expect(parsePublicConventionsParams({ page: "3", q: "  chaleur   urbaine " })).toEqual({ q: "chaleur urbaine", page: 3 });
    expect(parsePublicConventionsParams(new URLSearchParams("q=FAST+14&page=2"))).toEqual({ q: "FAST 14", page: 2 });
    expect(parsePublicConventionsParams({ page: " 7 " })).toEqual({ q: "", page: 7 });
  });

  it("take the first of repeated params", () => {
    expect(parsePublicConventionsParams({ page: ["2", "5"], q: ["a", "b"] })).toEqual({ q: "a", page: 2 });
    expect(parsePublicConventionsParams(new URLSearchParams("page=4&page=9"))).toEqual({ q: "", page: 4 });
  });

  it("give the first page for anything that is not a page number, never throwing", () => {
    for (const page of ["0", "-1", "abc", "", " ", "2.5", "1e3", "0x10", "Infinity", "NaN", "+2", String(PUBLIC_PAGE_MAX + 1), "99999999999999999999"]) {
      expect(parsePublicConventionsParams({ page }), page).toEqual({ q: "", page: 1 });
    }
    expect(parsePublicConventionsParams({ page: String(PUBLIC_PAGE_MAX) }).page).toBe(PUBLIC_PAGE_MAX);
    expect(parsePublicConventionsParams({ page: [] }).page).toBe(1);
  });

  it("keep the search short and trimmed", () => {
    expect(parsePublicConventionsParams({ q: "x".repeat(500) }).q).toHaveLength(PUBLIC_QUERY_MAX);
    expect(parsePublicConventionsParams({ q: `${"x".repeat(PUBLIC_QUERY_MAX - 1)} y` }).q).toBe("x".repeat(PUBLIC_QUERY_MAX - 1));
    expect(parsePublicConventionsParams({ q: "   " }).q).toBe("");
  });

  it("never throw and always give a page in range, whatever the URL", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("q", "page", "autre"), fc.oneof(fc.string(), fc.array(fc.string()), fc.constant(undefined))), (raw) => {
        const p = parsePublicConventionsParams(raw);
        expect(Number.isInteger(p.page) && p.page >= 1 && p.page <= PUBLIC_PAGE_MAX).toBe(true);
        expect(p.q.length).toBeLessThanOrEqual(PUBLIC_QUERY_MAX);
        expect(p.q).toBe(p.q.trim());
      }),
    );
  });

  it("make the URL of a page, defaults left out, and read back from it", () => {
    expect(publicConventionsHref({ q: "", page: 1 })).toBe("/publiques/conventions");
    expect(publicConventionsHref({ q: "", page: 1 }, { page: 2 })).toBe("/publiques/conventions?page=2");
    expect(publicConventionsHref({ q: "Démo & co", page: 4 }, { page: 1 })).toBe("/publiques/conventions?q=D%C3%A9mo+%26+co");
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 1, max: PUBLIC_PAGE_MAX }), (q, page) => {
        const params = parsePublicConventionsParams({ q, page: String(page) });
        const url = new URL(publicConventionsHref(params), "https://example.fr");
        expect(parsePublicConventionsParams(url.searchParams)).toEqual(params);
      }),
    );
  });
});

describe("the search", () => {
  it("is a LIKE pattern, folded as normalizeText folds, LIKE's characters escaped", () => {
    expect(searchPattern("")).toBeNull();
    expect(searchPattern("  ")).toBeNull();
    expect(searchPattern("Énergie")).toBe("%energie%");
    expect(searchPattern("100%_a\\b")).toBe("%100\\%\\_a\\\\b%");
  });

  it("folds in SQL the letters normalizeText folds, to the same letter", () => {
    const from = [...FOLDED_LETTERS.from];
    const to = [...FOLDED_LETTERS.to];
    expect(from).toHaveLength(to.length);
    for (const [i, letter] of from.entries()) expect(to[i]!.toLowerCase(), letter).toBe(normalizeText(letter));
    // Every accented letter of French is folded (œ and æ stay, their capitals are lowered here).
    for (const letter of "àâäçéèêëîïôöùûüÿÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ") expect(from, letter).toContain(letter);
  });
});

describe("pages", () => {
  it("count at least one, PUBLIC_PAGE_SIZE rows each", () => {
    expect(PUBLIC_PAGE_SIZE).toBe(50);
    expect([0, 1, 50, 51, 100, 101, 312].map((n) => pageCountOf(n))).toEqual([1, 1, 1, 2, 2, 3, 7]);
    expect(pageCountOf(7, 3)).toBe(3);
  });
});

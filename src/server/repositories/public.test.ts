// The public list of published conventions, read a page at a time in SQL (against the real database): the
// count of all that match, newest signature first then by reference, pages that neither overlap nor skip, a
// page past the last read as the last, and the search on the startup, the FAST call and the partner's or
// délégataire's organisation, accents and case ignored — never what is not published.
import { beforeAll, describe, expect, it } from "vitest";
import { actionHarness } from "../../../tests/support/action-harness";
import { createConvention, type ConventionOverrides } from "../../../tests/factories/conventions";
import { PUBLIC_PAGE_SIZE } from "@/domain/public-conventions";

const { publishedConventionsPage } = await import("./public");

const h = actionHarness();

/** Startups (a test convention's slug is its reference) in the list's order: newest signature first, the same day by reference. */
const FCU = "france-chaleur-urbaine";
const ORDER = ["pub-a", "pub-b", "pub-c", "pub-d", FCU];

beforeAll(async () => {
  const add = async (overrides: ConventionOverrides, publication: { fastCall: string; published: boolean }) => {
    const c = await createConvention(h.prisma, overrides);
    await h.prisma.convention.update({ where: { id: c.id }, data: { ...publication, publicationUrl: publication.published ? "https://www.gouvernement.fr/" : null } });
  };
  // Written out of order: the list sorts them.
  await add({ reference: "PUB-D", startupName: "Service à 100%", signedOn: "2025-06-01" }, { fastCall: "FAST 15", published: true });
  await add({ reference: "PUB-B", startupName: "Budget Clair", signedOn: "2026-05-01", parties: { PARTENAIRE: "ddt-demo", DELEGATAIRE: "sg-demo" } }, { fastCall: "FAST 16", published: true });
  await add({ reference: "PUB-E", startupName: "Énergie Cachée", signedOn: "2026-06-01" }, { fastCall: "FAST 16", published: false });
  await add({ reference: "PUB-C", startupName: "Cantine Verte", signedOn: "2025-10-01" }, { fastCall: "FAST 15 bis", published: true });
  await add({ reference: "PUB-A", startupName: "Énergie Solidaire", signedOn: "2026-05-01", credits: [{ year: 2026, aeCents: 12_345_678n, cpCents: 12_345_678n }] }, { fastCall: "FAST 16", published: true });
});

const slugsOf = (page: { rows: { startupSlug: string }[] }) => page.rows.map((r) => r.startupSlug);

describe("a page of the published conventions", () => {
  it("counts every published convention and reads only its page, newest signature first", async () => {
    const first = await publishedConventionsPage({ q: "", page: 1 }, 2);
    expect(first).toMatchObject({ total: 5, page: 1, pageCount: 3, pageSize: 2 });
    expect(slugsOf(first)).toEqual(["pub-a", "pub-b"]);
    expect(first.rows[0]).toEqual({
      id: expect.any(String),
      fastCall: "FAST 16",
      startupName: "Énergie Solidaire",
      startupSlug: "pub-a",
      fastFundingCents: 12_345_678n,
      signedOn: "2026-05-01",
      endsOn: "2027-03-01",
      publicationUrl: "https://www.gouvernement.fr/",
      dataGouvUrl: null,
      partner: "DRIEAT",
      delegataire: "DNUM",
    });
    expect(first.rows[1]).toMatchObject({ startupName: "Budget Clair", partner: "DDT Démo", delegataire: "SG Démo" });
  });

  it("pages follow each other without overlap or gap, the last one shorter", async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => publishedConventionsPage({ q: "", page }, 2)));
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(slugsOf(pages[1]!)).toEqual(["pub-c", "pub-d"]);
    expect(pages.flatMap(slugsOf)).toEqual(ORDER);
    expect(pages[2]!.rows[0]).toMatchObject({ fastCall: "FAST 14", startupName: "France Chaleur Urbaine", signedOn: "2024-02-29" });
  });

  it("reads the last page for a page past it", async () => {
    for (const page of [4, 99, 100_000]) {
      const past = await publishedConventionsPage({ q: "", page }, 2);
      expect(past).toMatchObject({ total: 5, page: 3, pageCount: 3 });
      expect(slugsOf(past)).toEqual([FCU]);
    }
  });

  it("holds them all on one page of the default size", async () => {
    const all = await publishedConventionsPage({ q: "", page: 1 });
    expect(all).toMatchObject({ total: 5, page: 1, pageCount: 1, pageSize: PUBLIC_PAGE_SIZE });
    expect(slugsOf(all)).toEqual(ORDER);
  });
});

describe("the search", () => {
  const search = async (q: string, page = 1) => {
    const found = await publishedConventionsPage({ q, page }, 2);
    return { total: found.total, pageCount: found.pageCount, page: found.page, rows: slugsOf(found) };
  };

  it("finds a startup by its name, accents and case ignored, never an unpublished one", async () => {
    for (const q of ["energie", "ÉNERGIE", "énergie sol", "Energie Solidaire"]) expect(await search(q), q).toEqual({ total: 1, pageCount: 1, page: 1, rows: ["pub-a"] });
  });

  it("finds the conventions of a FAST call", async () => {
    expect(await search("fast 15")).toEqual({ total: 2, pageCount: 1, page: 1, rows: ["pub-c", "pub-d"] });
    expect(await search("FAST 16")).toEqual({ total: 2, pageCount: 1, page: 1, rows: ["pub-a", "pub-b"] });
    expect(await search("fast")).toEqual({ total: 5, pageCount: 3, page: 1, rows: ["pub-a", "pub-b"] });
    expect(await search("fast", 3)).toEqual({ total: 5, pageCount: 3, page: 3, rows: [FCU] });
  });

  it("finds the partner's and the délégataire's organisation by acronym or name, not the délégant's", async () => {
    expect(await search("ddt demo")).toEqual({ total: 1, pageCount: 1, page: 1, rows: ["pub-b"] });
    expect(await search("territoires")).toEqual({ total: 1, pageCount: 1, page: 1, rows: ["pub-b"] });
    expect(await search("sg démo")).toEqual({ total: 1, pageCount: 1, page: 1, rows: ["pub-b"] });
    expect((await search("drieat")).rows).toEqual(["pub-a", "pub-c"]);
    expect((await search("drieat")).total).toBe(4);
    expect(await search("interministérielle")).toEqual({ total: 0, pageCount: 1, page: 1, rows: [] });
  });

  it("takes LIKE's characters as they are", async () => {
    expect((await search("100%")).rows).toEqual(["pub-d"]);
    expect((await search("%")).rows).toEqual(["pub-d"]);
    expect((await search("_")).total).toBe(0);
  });

  it("finds nothing: no row, one empty page", async () => {
    expect(await search("introuvable", 5)).toEqual({ total: 0, pageCount: 1, page: 1, rows: [] });
  });
});

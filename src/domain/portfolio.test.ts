import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveConvention, type ConventionRecord } from "./convention-view";
import { FAST14, SATISFYING, withReleases } from "./fast14.fixture";
import { csvDate } from "./csv";
import { centsToFrenchDecimal } from "./money";
import {
  DEFAULT_PARAMS,
  SORT_COLUMNS,
  STATE_ORDER,
  filterRows,
  normalizeText,
  parsePortfolioParams,
  portfolio,
  portfolioCsvRecords,
  portfolioQuery,
  portfolioRow,
  portfolioTotals,
  sortRows,
  PAGE_SIZE,
  type PortfolioInput,
  type PortfolioParams,
  type PortfolioRow,
  type SortColumn,
} from "./portfolio";

const input = (
  id: string,
  reference: string,
  startupName: string,
  partner: string,
  record: ConventionRecord,
  on: string,
  counts: { lateObligations?: number; pendingNotices?: number } = {},
): PortfolioInput => ({
  id,
  reference,
  startupName,
  partner,
  view: deriveConvention(record, on),
  lateObligations: counts.lateObligations ?? 0,
  pendingNotices: counts.pendingNotices ?? 0,
});

/** FAST 14 as the demo tells it: review satisfying, both tranches released; some money engaged and paid, to the cent. */
const fast14Record: ConventionRecord = {
  ...withReleases({ ...FAST14, reviews: [SATISFYING] }, [
    { rank: 1, releasedOn: "2024-03-04" },
    { rank: 2, releasedOn: "2024-05-13" },
  ]),
  engaged: [
    { ejId: "ej-1", year: 2024, amountCents: 3_333_333n },
    { ejId: "ej-2", year: 2024, amountCents: 1_000_001n },
  ],
  paid: [{ ejId: "ej-1", year: 2024, amountCents: 1_111_111n }],
};

/** Same text, nothing released yet, review satisfying: both tranches of AE and CP wait for DINUM. */
const waitingRecord: ConventionRecord = { ...FAST14, reviews: [SATISFYING] };

/** T1 released, the mid-term review never recorded (due 30 April 2024): T2 is late. */
const lateRecord: ConventionRecord = withReleases(FAST14, [{ rank: 1, releasedOn: "2024-03-04" }]);

const TODAY = "2024-11-15"; // 46 days before 31 December 2024

function inputs(): PortfolioInput[] {
  return [
    input("a", "FAST14-FCU", "France Chaleur Urbaine", "DRIEAT", fast14Record, TODAY, { lateObligations: 2, pendingNotices: 1 }),
    input("b", "FAST15-ATT", "Attente Démo", "SG Démo", waitingRecord, TODAY),
    input("c", "FAST16-DEMO", "Signalement Démo (fictive)", "DDT Démo", lateRecord, TODAY, { lateObligations: 1 }),
    input("d", "FAST13-OLD", "Ancienne Startup", "DRIEAT", fast14Record, "2025-03-01"),
    input("e", "FAST17-SUS", "Suspendue Démo", "DDT Démo", { ...lateRecord, suspensions: [{ startsOn: "2024-10-01", liftedOn: null, reason: "Crédits insuffisants" }] }, TODAY),
  ];
}

describe("portfolioRow", () => {
  it("reads state, credits and alerts from the derived view", () => {
    const [fcu, waiting, late, old, suspended] = inputs().map((i) => portfolioRow(i, i.reference === "FAST13-OLD" ? "2025-03-01" : TODAY));
    expect(fcu).toMatchObject({
      state: "EN_VIGUEUR",
      endsOn: "2024-12-31",
      ae: { allocated: 12_100_000n, madeAvailable: 12_100_000n, engaged: 4_333_334n, leftToEngage: 7_766_666n },
      cp: { allocated: 12_100_000n, madeAvailable: 12_100_000n, paid: 1_111_111n, leftToPay: 10_988_889n },
      releasable: [],
      reviewLate: false,
      endingSoon: true,
    });
    expect(waiting!.releasable).toEqual(["Tranche 1 AE 2024", "Tranche 2 AE 2024", "Tranche 1 CP 2024", "Tranche 2 CP 2024"]);
    expect(waiting!.ae).toMatchObject({ madeAvailable: 0n, toMakeAvailable: 12_100_000n });
    expect(late).toMatchObject({ releasable: [], reviewLate: true, ae: { madeAvailable: 6_050_000n, leftToEngage: 6_050_000n } });
    expect(old).toMatchObject({ state: "EXPIREE", endingSoon: false });
    expect(suspended).toMatchObject({ state: "SUSPENDUE", endingSoon: true, reviewLate: true });
  });

  it("says a convention ends soon only while running, within 60 days, the 60th day included", () => {
    const at = (on: string) => portfolioRow(input("a", "R", "S", "P", fast14Record, on), on).endingSoon;
    expect(at("2024-11-01")).toBe(true); // 60 days before
    expect(at("2024-10-31")).toBe(false); // 61 days before
    expect(at("2024-12-31")).toBe(true); // last day in force
    expect(at("2025-01-01")).toBe(false); // expired
  });

  it("uses the termination's effective date when it comes before the end", () => {
    const record: ConventionRecord = { ...fast14Record, terminations: [{ noticeOn: "2024-06-15" }] };
    const row = portfolioRow(input("a", "R", "S", "P", record, "2024-08-01"), "2024-08-01");
    expect(row).toMatchObject({ state: "EN_VIGUEUR", endsOn: "2024-09-15", endingSoon: true });
  });
});

describe("portfolioTotals", () => {
  it("adds every amount exactly, to the cent, and counts the alerts", () => {
    const p = portfolio(inputs(), TODAY, DEFAULT_PARAMS);
    // d is derived at another date but listed like the others: 5 rows.
    expect(p.totals.conventions).toBe(5);
    expect(p.totals.ae).toEqual({
      allocated: 60_500_000n,
      madeAvailable: 12_100_000n * 2n + 6_050_000n * 2n,
      toMakeAvailable: 12_100_000n + 6_050_000n * 2n,
      engaged: 4_333_334n * 2n,
      leftToEngage: 7_766_666n * 2n + 6_050_000n * 2n,
    });
    expect(p.totals.cp.paid).toBe(2_222_222n);
    expect(p.totals.cp.leftToPay).toBe(10_988_889n * 2n + 6_050_000n * 2n);
    expect(p.totals).toMatchObject({ releasableTranches: 4, conventionsToRelease: 1, reviewsLate: 2, endingSoon: 4 });
  });

  it("is zero for no rows", () => {
    expect(portfolioTotals([])).toMatchObject({ conventions: 0, ae: { allocated: 0n, leftToEngage: 0n }, cp: { paid: 0n } });
  });

  it("equals the sum of the rows, whatever the amounts (property)", () => {
    const cents = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n });
    const line = fc.record({ allocated: cents, madeAvailable: cents, toMakeAvailable: cents, engaged: cents, leftToEngage: cents });
    const cpLine = fc.record({ allocated: cents, madeAvailable: cents, toMakeAvailable: cents, paid: cents, leftToPay: cents });
    const row = fc.record({
      id: fc.uuid(),
      reference: fc.string(),
      startupName: fc.string(),
      partner: fc.string(),
      state: fc.constantFrom(...STATE_ORDER),
      endsOn: fc.constant("2024-12-31"),
      ae: line,
      cp: cpLine,
      releasable: fc.array(fc.string(), { maxLength: 4 }),
      reviewLate: fc.boolean(),
      endingSoon: fc.boolean(),
      lateObligations: fc.nat({ max: 20 }),
      pendingNotices: fc.nat({ max: 3 }),
      arretDecidedOn: fc.constant(null),
      costWorsened: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows: PortfolioRow[]) => {
        const t = portfolioTotals(rows);
        const sum = (pick: (r: PortfolioRow) => bigint) => rows.reduce((acc, r) => acc + pick(r), 0n);
        expect(t.conventions).toBe(rows.length);
        for (const key of ["allocated", "madeAvailable", "toMakeAvailable", "engaged", "leftToEngage"] as const) expect(t.ae[key]).toBe(sum((r) => r.ae[key]));
        for (const key of ["allocated", "madeAvailable", "toMakeAvailable", "paid", "leftToPay"] as const) expect(t.cp[key]).toBe(sum((r) => r.cp[key]));
        expect(t.releasableTranches).toBe(rows.reduce((acc, r) => acc + r.releasable.length, 0));
        expect(t.reviewsLate).toBe(rows.filter((r) => r.reviewLate).length);
        expect(t.endingSoon).toBe(rows.filter((r) => r.endingSoon).length);
        expect(t.lateObligations).toBe(rows.reduce((acc, r) => acc + r.lateObligations, 0));
        expect(t.conventionsWithLateObligations).toBe(rows.filter((r) => r.lateObligations > 0).length);
        expect(t.pendingNotices).toBe(rows.reduce((acc, r) => acc + r.pendingNotices, 0));
        // And the sorted, filtered rows of the page add up the same way.
        const shown = sortRows(filterRows(rows, { ...DEFAULT_PARAMS, reviewLate: true }), { sort: "ae-dotation", order: "desc" });
        expect(portfolioTotals(shown).ae.allocated).toBe(rows.filter((r) => r.reviewLate).reduce((acc, r) => acc + r.ae.allocated, 0n));
      }),
    );
  });
});

describe("filters", () => {
  const rows = () => portfolio(inputs(), TODAY, DEFAULT_PARAMS).rows;
  const refs = (params: Partial<PortfolioParams>) => filterRows(rows(), { ...DEFAULT_PARAMS, ...params }).map((r) => r.reference);

  it("keeps everything by default", () => {
    expect(refs({})).toHaveLength(5);
  });
  it("filters by state", () => {
    expect(refs({ state: "EXPIREE" })).toEqual(["FAST13-OLD"]);
    expect(refs({ state: "SUSPENDUE" })).toEqual(["FAST17-SUS"]);
    expect(refs({ state: "CLOTUREE" })).toEqual([]);
  });
  it("filters the conventions with tranches to release, late reviews, ends within 60 days", () => {
    expect(refs({ toRelease: true })).toEqual(["FAST15-ATT"]);
    expect(refs({ reviewLate: true })).toEqual(["FAST16-DEMO", "FAST17-SUS"]);
    expect(refs({ endingSoon: true })).toEqual(["FAST14-FCU", "FAST15-ATT", "FAST16-DEMO", "FAST17-SUS"]);
    expect(refs({ endingSoon: true, reviewLate: true, state: "EN_VIGUEUR" })).toEqual(["FAST16-DEMO"]);
  });
  it("searches reference, startup and partner, ignoring case and accents", () => {
    expect(refs({ q: "chaleur" })).toEqual(["FAST14-FCU"]);
    expect(refs({ q: "fast16" })).toEqual(["FAST16-DEMO"]);
    expect(refs({ q: "ddt demo" })).toEqual(["FAST16-DEMO", "FAST17-SUS"]);
    expect(refs({ q: "DRIÉAT" })).toEqual(["FAST13-OLD", "FAST14-FCU"]);
    expect(refs({ q: "introuvable" })).toEqual([]);
    expect(normalizeText("  Démo-sur-Loire ")).toBe("demo-sur-loire");
  });
});

describe("sortRows", () => {
  const rows = () => portfolio(inputs(), TODAY, DEFAULT_PARAMS).rows;
  const refs = (sort: SortColumn, order: "asc" | "desc") => sortRows(rows(), { sort, order }).map((r) => r.reference);

  it("sorts by reference by default", () => {
    expect(portfolio(inputs(), TODAY, DEFAULT_PARAMS).rows.map((r) => r.reference)).toEqual(["FAST13-OLD", "FAST14-FCU", "FAST15-ATT", "FAST16-DEMO", "FAST17-SUS"]);
  });
  it("sorts text the French way and amounts as exact numbers, both directions", () => {
    expect(refs("startup", "asc")).toEqual(["FAST13-OLD", "FAST15-ATT", "FAST14-FCU", "FAST16-DEMO", "FAST17-SUS"]);
    expect(refs("ae-disponibles", "asc")).toEqual(["FAST15-ATT", "FAST16-DEMO", "FAST17-SUS", "FAST13-OLD", "FAST14-FCU"]);
    expect(refs("ae-disponibles", "desc")).toEqual(["FAST13-OLD", "FAST14-FCU", "FAST16-DEMO", "FAST17-SUS", "FAST15-ATT"]);
    expect(refs("cp-payes", "desc").slice(0, 2)).toEqual(["FAST13-OLD", "FAST14-FCU"]);
    expect(refs("a-debloquer", "desc")[0]).toBe("FAST15-ATT");
  });
  it("sorts states in the order of a convention's life", () => {
    expect(sortRows(rows(), { sort: "etat", order: "asc" }).map((r) => r.state)).toEqual(["EN_VIGUEUR", "EN_VIGUEUR", "EN_VIGUEUR", "SUSPENDUE", "EXPIREE"]);
  });
  it("compares bigints beyond the float range exactly", () => {
    const base = portfolio(inputs(), TODAY, DEFAULT_PARAMS).rows[0]!;
    const big = 2n ** 60n;
    const a = { ...base, id: "x", reference: "A", ae: { ...base.ae, allocated: big + 1n } };
    const b = { ...base, id: "y", reference: "B", ae: { ...base.ae, allocated: big } };
    expect(sortRows([a, b], { sort: "ae-dotation", order: "asc" }).map((r) => r.reference)).toEqual(["B", "A"]);
  });
  it("has a French label for every column", () => {
    for (const column of Object.values(SORT_COLUMNS)) expect(column.label).toMatch(/^[A-ZÉ]/);
  });
});

describe("parsePortfolioParams", () => {
  it("reads the page's search params", () => {
    expect(parsePortfolioParams({ q: " chaleur ", etat: "EN_VIGUEUR", a_debloquer: "1", bilan_en_retard: "on", fin_proche: ["1", "0"], tri: "cp-reste", ordre: "desc" })).toEqual({
      q: "chaleur",
      state: "EN_VIGUEUR",
      toRelease: true,
      reviewLate: true,
      endingSoon: true,
      lateObligations: false,
      pendingNotices: false,
      sort: "cp-reste",
      order: "desc",
      page: 1,
    });
    expect(parsePortfolioParams({ obligations_en_retard: "1", avis_en_attente: "oui", page: "4" })).toMatchObject({ lateObligations: true, pendingNotices: true, page: 4 });
    for (const page of ["0", "-2", "1.5", "abc", "1e9"]) expect(parsePortfolioParams({ page }).page).toBe(1);
  });
  it("falls back to the defaults on anything invalid, never throws", () => {
    expect(parsePortfolioParams({ etat: "PERDUE", a_debloquer: "peut-être", tri: "__proto__", ordre: "haut", q: ["", "x"] })).toEqual(DEFAULT_PARAMS);
    expect(parsePortfolioParams(undefined)).toEqual(DEFAULT_PARAMS);
    expect(parsePortfolioParams({ tri: "ae-engagees", ordre: 42 as unknown as string })).toEqual({ ...DEFAULT_PARAMS, sort: "ae-engagees" });
    expect(parsePortfolioParams({ q: "x".repeat(500) }).q).toHaveLength(100);
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()), fc.constant(undefined))), (raw) => {
        const p = parsePortfolioParams(raw);
        expect(Object.keys(SORT_COLUMNS)).toContain(p.sort);
      }),
    );
  });
  it("reads URLSearchParams, and portfolioQuery writes them back without the defaults", () => {
    const params: PortfolioParams = {
      q: "démo",
      state: "EN_VIGUEUR",
      toRelease: false,
      reviewLate: true,
      endingSoon: false,
      lateObligations: true,
      pendingNotices: false,
      sort: "echeance",
      order: "desc",
      page: 3,
    };
    const query = portfolioQuery(params);
    expect(query).toBe("?q=d%C3%A9mo&etat=EN_VIGUEUR&bilan_en_retard=1&obligations_en_retard=1&tri=echeance&ordre=desc&page=3");
    expect(parsePortfolioParams(new URLSearchParams(query))).toEqual(params);
    expect(portfolioQuery(DEFAULT_PARAMS)).toBe("");
    expect(portfolioQuery(DEFAULT_PARAMS, { sort: "etat" })).toBe("?tri=etat&ordre=asc");
  });
});

describe("CSV records", () => {
  it("formats amounts as exact decimals with a comma and dates as dd/mm/yyyy", () => {
    expect(centsToFrenchDecimal(12_100_000n)).toBe("121000,00");
    expect(centsToFrenchDecimal(5n)).toBe("0,05");
    expect(centsToFrenchDecimal(-1_234_567_890_123_456_789n)).toBe("-12345678901234567,89");
    expect(csvDate("2024-02-29")).toBe("29/02/2024");
  });

  it("has a header, one line per row and the totals last", () => {
    const p = portfolio(inputs(), TODAY, { ...DEFAULT_PARAMS, q: "FAST1", sort: "reference", order: "asc" });
    const records = portfolioCsvRecords(p);
    expect(records[0]).toHaveLength(21);
    expect(records).toHaveLength(1 + 5 + 1);
    expect(records.every((r) => r.length === 21)).toBe(true);
    expect(records[2]).toEqual([
      "FAST14-FCU",
      "France Chaleur Urbaine",
      "DRIEAT",
      "En vigueur",
      "31/12/2024",
      12_100_000n,
      12_100_000n,
      4_333_334n,
      7_766_666n,
      12_100_000n,
      12_100_000n,
      1_111_111n,
      10_988_889n,
      0,
      "",
      "Non",
      "Oui",
      2,
      1,
      "",
      "Non",
    ]);
    expect(records[3]!.slice(13, 15)).toEqual([4, "Tranche 1 AE 2024, Tranche 2 AE 2024, Tranche 1 CP 2024, Tranche 2 CP 2024"]);
    expect(records.at(-1)).toEqual(["Total (5 conventions)", "", "", "", "", 60_500_000n, 36_300_000n, 8_666_668n, 27_633_332n, 60_500_000n, 36_300_000n, 2_222_222n, 34_077_778n, 4, "", 2, 4, 3, 1, "", ""]);
  });
});

describe("committee decisions and the cost of impact (issue 16)", () => {
  it("flags an arrêt the latest committee decided, and a cost of impact that worsened", () => {
    const arret = { ...waitingRecord, committees: [{ heldOn: "2024-09-12", decisionKind: "ARRET" as const, conditions: null, conditionsDueOn: null, conditionsMetOn: null }] };
    const row = portfolioRow({ ...input("a", "FAST14-FCU", "France Chaleur Urbaine", "DRIEAT", arret, TODAY), costWorsened: true }, TODAY);
    expect(row).toMatchObject({ arretDecidedOn: "2024-09-12", costWorsened: true, releasable: [] });
    expect(portfolioRow(input("a", "FAST14-FCU", "France Chaleur Urbaine", "DRIEAT", waitingRecord, TODAY), TODAY)).toMatchObject({
      arretDecidedOn: null,
      costWorsened: false,
      releasable: ["Tranche 1 AE 2024", "Tranche 2 AE 2024", "Tranche 1 CP 2024", "Tranche 2 CP 2024"],
    });
  });
});

describe("late obligations, pending notices and pages", () => {
  it("filters on late obligations and on notices awaiting DINUM's answer", () => {
    const refs = (params: Partial<PortfolioParams>) => portfolio(inputs(), TODAY, { ...DEFAULT_PARAMS, ...params }).rows.map((r) => r.reference);
    expect(refs({ lateObligations: true })).toEqual(["FAST14-FCU", "FAST16-DEMO"]);
    expect(refs({ pendingNotices: true })).toEqual(["FAST14-FCU"]);
    expect(portfolio(inputs(), TODAY, DEFAULT_PARAMS).totals).toMatchObject({ lateObligations: 3, conventionsWithLateObligations: 2, pendingNotices: 1 });
  });

  it("cuts the sorted rows into pages of PAGE_SIZE, the totals covering them all", () => {
    const many = Array.from({ length: PAGE_SIZE * 2 + 3 }, (_, i) =>
      input(String(i), `FAST${String(i).padStart(3, "0")}`, `Startup ${i}`, "DRIEAT", fast14Record, TODAY),
    );
    const first = portfolio(many, TODAY, DEFAULT_PARAMS);
    expect(first).toMatchObject({ page: 1, pageCount: 3 });
    expect(first.pageRows.map((r) => r.reference)).toEqual(first.rows.slice(0, PAGE_SIZE).map((r) => r.reference));
    expect(first.totals.conventions).toBe(PAGE_SIZE * 2 + 3);
    const last = portfolio(many, TODAY, { ...DEFAULT_PARAMS, page: 3 });
    expect(last.pageRows.map((r) => r.reference)).toEqual(["FAST100", "FAST101", "FAST102"]);
    // A page beyond the last shows the last one; no row is on two pages.
    expect(portfolio(many, TODAY, { ...DEFAULT_PARAMS, page: 99 })).toMatchObject({ page: 3 });
    const seen = [1, 2, 3].flatMap((page) => portfolio(many, TODAY, { ...DEFAULT_PARAMS, page }).pageRows.map((r) => r.id));
    expect(new Set(seen).size).toBe(many.length);
    expect(portfolio([], TODAY, DEFAULT_PARAMS)).toMatchObject({ page: 1, pageCount: 1, pageRows: [] });
  });
});

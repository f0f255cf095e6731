import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { plain } from "./fast14.fixture";
import {
  avenantChangesSchema,
  avenantChangesToJson,
  describeAvenantChanges,
  formatShare,
  termsInForce,
  type AvenantChanges,
  type AvenantRecord,
  type OriginalTerms,
} from "./terms";

const original: OriginalTerms = {
  endsOn: "2024-12-31",
  midTermReviewDueOn: null,
  credits: [{ year: 2024, aeCents: 12_100_000n, cpCents: 12_100_000n }],
  tranches: [
    { year: 2024, creditType: "AE", rank: 1, shareBasisPoints: 5000, trigger: "SIGNATURE" },
    { year: 2024, creditType: "AE", rank: 2, shareBasisPoints: 5000, trigger: "MID_TERM_REVIEW" },
    { year: 2024, creditType: "CP", rank: 1, shareBasisPoints: 5000, trigger: "SIGNATURE" },
    { year: 2024, creditType: "CP", rank: 2, shareBasisPoints: 5000, trigger: "MID_TERM_REVIEW" },
  ],
};

const parse = (json: unknown) => avenantChangesSchema.parse(json);
const messagesOf = (json: unknown) => {
  const result = avenantChangesSchema.safeParse(json);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("avenantChangesSchema", () => {
  it("reads cents from strings of digits (or safe integers) into bigint", () => {
    expect(parse({ credits: [{ year: 2024, aeCents: "15000000" }, { year: 2025, cpCents: 100 }] })).toEqual({
      credits: [
        { year: 2024, aeCents: 15_000_000n },
        { year: 2025, cpCents: 100n },
      ],
    });
  });

  it("accepts a new end date, a review due date and new tranches", () => {
    const changes = parse({
      endsOn: "2025-06-30",
      midTermReviewDueOn: "2024-05-31",
      tranches: [{ year: 2024, creditType: "AE", shares: [{ rank: 1, shareBasisPoints: 3000, trigger: "SIGNATURE" }, { rank: 2, shareBasisPoints: 7000, trigger: "MID_TERM_REVIEW" }] }],
    });
    expect(changes.endsOn).toBe("2025-06-30");
    expect(changes.tranches?.[0]?.shares).toHaveLength(2);
  });

  it("parses already parsed changes to themselves", () => {
    const once = parse({ credits: [{ year: 2024, aeCents: "15000000" }], endsOn: "2025-06-30" });
    expect(parse(once)).toEqual(once);
  });

  it("refuses an avenant that changes nothing", () => {
    expect(messagesOf({})).toEqual([expect.stringMatching(/au moins une condition/)]);
  });

  it("refuses what an avenant may not change, naming it", () => {
    expect(messagesOf({ endsOn: "2025-06-30", reference: "X" })).toEqual([expect.stringContaining("Changement non prévu pour un avenant : reference")]);
  });

  it("refuses dates that do not exist or are not ISO", () => {
    expect(messagesOf({ endsOn: "2025-02-30" })[0]).toMatch(/Date invalide/);
    expect(messagesOf({ endsOn: "31/12/2025" })[0]).toMatch(/Date invalide/);
    expect(messagesOf({ endsOn: 20251231 })[0]).toMatch(/AAAA-MM-JJ/);
  });

  it("refuses shares that do not make 100 %", () => {
    const messages = messagesOf({
      tranches: [{ year: 2024, creditType: "CP", shares: [{ rank: 1, shareBasisPoints: 5000, trigger: "SIGNATURE" }, { rank: 2, shareBasisPoints: 4000, trigger: "MID_TERM_REVIEW" }] }],
    });
    expect(messages.map(plain)).toEqual(["Tranches CP 2024 : les parts totalisent 90 % au lieu de 100 %."]);
  });

  it("refuses a year without amount, a year given twice, negative or fractional cents, duplicate ranks", () => {
    expect(messagesOf({ credits: [{ year: 2024 }] })[0]).toMatch(/indiquez le montant des AE, des CP/);
    expect(messagesOf({ credits: [{ year: 2024, aeCents: "1" }, { year: 2024, cpCents: "1" }] })[0]).toMatch(/qu'une fois/);
    expect(messagesOf({ credits: [{ year: 2024, aeCents: -5 }] })[0]).toMatch(/Montant attendu en centimes/);
    expect(messagesOf({ credits: [{ year: 2024, aeCents: "12,5" }] })[0]).toMatch(/Montant attendu en centimes/);
    expect(
      messagesOf({ tranches: [{ year: 2024, creditType: "AE", shares: [{ rank: 1, shareBasisPoints: 5000, trigger: "SIGNATURE" }, { rank: 1, shareBasisPoints: 5000, trigger: "SIGNATURE" }] }] })[0],
    ).toMatch(/chaque rang/);
  });

  it("speaks French whatever the Json it is given", () => {
    const leaf = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.string(), fc.constantFrom("2024-12-31", "1", "-1", "AE", "SIGNATURE"));
    const shaped = fc.record(
      {
        endsOn: leaf,
        midTermReviewDueOn: leaf,
        credits: fc.oneof(leaf, fc.array(fc.record({ year: fc.oneof(leaf, fc.integer({ min: 1990, max: 2110 })), aeCents: leaf, cpCents: leaf, extra: leaf }, { requiredKeys: [] }))),
        tranches: fc.oneof(
          leaf,
          fc.array(fc.record({ year: leaf, creditType: leaf, shares: fc.oneof(leaf, fc.array(fc.record({ rank: leaf, shareBasisPoints: leaf, trigger: leaf }, { requiredKeys: [] }))) }, { requiredKeys: [] })),
        ),
        other: leaf,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(shaped, fc.jsonValue()), (json) => {
        for (const message of messagesOf(json)) expect(message).not.toMatch(/Invalid|expected|Too (big|small)|Unrecognized|must/);
      }),
    );
  });

  it("round-trips any valid changes through the stored Json", () => {
    const cents = fc.bigInt({ min: 0n, max: 10n ** 14n });
    const changes = fc.record(
      {
        endsOn: fc.constantFrom("2024-12-31", "2025-06-30"),
        credits: fc.uniqueArray(fc.record({ year: fc.integer({ min: 2020, max: 2030 }), aeCents: cents, cpCents: cents }), { minLength: 1, maxLength: 3, selector: (c) => c.year }),
      },
      { requiredKeys: ["endsOn"] },
    );
    fc.assert(
      fc.property(changes, (c) => {
        const json = JSON.parse(JSON.stringify(avenantChangesToJson(c as AvenantChanges)));
        expect(parse(json)).toEqual(c);
      }),
    );
  });
});

describe("termsInForce", () => {
  const a1: AvenantRecord = { number: 1, signedOn: "2024-10-15", changes: parse({ endsOn: "2025-06-30", credits: [{ year: 2024, aeCents: "15000000" }] }) };
  const a2: AvenantRecord = { number: 2, signedOn: "2024-11-20", changes: parse({ credits: [{ year: 2024, aeCents: "14000000" }] }) };

  it("is the original before any avenant", () => {
    expect(termsInForce(original, [a1, a2], "2024-10-14")).toEqual(original);
  });

  it("applies the avenants signed on or before the date, in order, leaving the rest untouched", () => {
    const onA1 = termsInForce(original, [a2, a1], "2024-10-15");
    expect(onA1.endsOn).toBe("2025-06-30");
    expect(onA1.credits).toEqual([{ year: 2024, aeCents: 15_000_000n, cpCents: 12_100_000n }]);
    expect(termsInForce(original, [a2, a1], "2025-01-01").credits[0]?.aeCents).toBe(14_000_000n);
    expect(termsInForce(original, [a2, a1], "2025-01-01").tranches).toEqual(original.tranches);
  });

  it("orders avenants signed the same day by number", () => {
    const b2: AvenantRecord = { ...a2, signedOn: a1.signedOn };
    expect(termsInForce(original, [b2, a1], "2024-12-01").credits[0]?.aeCents).toBe(14_000_000n);
  });

  it("adds a year with its tranches", () => {
    const halves = (creditType: "AE" | "CP") => ({
      year: 2025,
      creditType,
      shares: [
        { rank: 1, shareBasisPoints: 5000, trigger: "SIGNATURE" },
        { rank: 2, shareBasisPoints: 5000, trigger: "MID_TERM_REVIEW" },
      ],
    });
    const terms = termsInForce(
      original,
      [{ number: 1, signedOn: "2024-12-01", changes: parse({ credits: [{ year: 2025, aeCents: "5000000", cpCents: "5000000" }], tranches: [halves("AE"), halves("CP")] }) }],
      "2024-12-01",
    );
    expect(terms.credits.map((c) => c.year)).toEqual([2024, 2025]);
    expect(terms.tranches.filter((t) => t.year === 2025)).toHaveLength(4);
  });

  it("never changes the original it was given", () => {
    const copy = structuredClone(original);
    termsInForce(original, [a1, a2], "2025-01-01");
    expect(original).toEqual(copy);
  });
});

describe("describeAvenantChanges", () => {
  it("tells each change in French", () => {
    const lines = describeAvenantChanges(
      parse({
        endsOn: "2025-06-30",
        credits: [{ year: 2024, aeCents: "15000000" }],
        tranches: [{ year: 2024, creditType: "AE", shares: [{ rank: 2, shareBasisPoints: 6667, trigger: "MID_TERM_REVIEW" }, { rank: 1, shareBasisPoints: 3333, trigger: "SIGNATURE" }] }],
      }),
    ).map(plain);
    expect(lines).toEqual([
      "Fin de la convention : 30 juin 2025.",
      "Crédits 2024 : AE 150 000,00 €.",
      "Tranches AE 2024 : tranche 1 : 33,33 % à la signature ; tranche 2 : 66,67 % après le bilan de mi-parcours.",
    ]);
  });

  it("formats shares exactly", () => {
    expect([5000, 3330, 3305, 10000, 1].map((bp) => plain(formatShare(bp)))).toEqual(["50 %", "33,3 %", "33,05 %", "100 %", "0,01 %"]);
  });
});

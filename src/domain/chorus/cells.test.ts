import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { centsToDecimalString, formatEuros } from "../money";
import {
  cleanCell,
  cleanCode,
  cleanText,
  matchHeader,
  normalizeHeader,
  readAmount,
  readDate,
  readDpNumber,
  readEjLine,
  readEjNumber,
  readSiret,
  type ColumnSpec,
} from "./cells";
import { INF_BUD_53_AMOUNT } from "./inf-bud-53";
import { NATIONAL_AMOUNT } from "./national";

const value = <T>(result: { ok: true; value: T } | { ok: false; reason: string }) => (result.ok ? result.value : `ERREUR ${result.reason}`);

describe("cleanCell", () => {
  it.each([
    ["  0352-01 ", "0352-01"],
    ["\u00a0SGDFNUM092\u00a0", "SGDFNUM092"],
    ["#", ""],
    [" # ", ""],
    ['="0352"', "0352"],
    ['="#"', ""],
    ["", ""],
    ["#N/A", "#N/A"],
  ])("cleans %j into %j", (raw, clean) => {
    expect(cleanCell(raw)).toBe(clean);
  });
  it("reads an absent cell (short row) as empty", () => {
    expect(cleanCell(undefined)).toBe("");
  });
  it("collapses the spaces and line breaks of a text, and the spaces of a code", () => {
    expect(cleanText("  BC n°1 :\n design   et déploiement ")).toBe("BC n°1 : design et déploiement");
    expect(cleanCode(" 0352-cfse-cfin ")).toBe("0352-CFSE-CFIN");
  });
});

describe("readAmount, INF-BUD-53 (French) syntax", () => {
  it.each([
    ["22500,12", 2_250_012n],
    ["-1 234,50", -123_450n],
    ["1\u00a0234,50", 123_450n],
    ["1\u202f234,50", 123_450n],
    ["48 000,00", 4_800_000n],
    ["1 234 567,89", 123_456_789n],
    ["121000", 12_100_000n],
    ["0,5", 50n],
    ["-0,01", -1n],
    [" 7,00 ", 700n],
    ["1 234,56 €", 123_456n],
    ["0", 0n],
  ])("reads %j", (text, cents) => {
    expect(readAmount(text, INF_BUD_53_AMOUNT)).toEqual({ ok: true, value: cents });
  });
  it.each([
    ["12,3,4", "montant illisible « 12,3,4 »"],
    ["12,345", "montant illisible « 12,345 » : deux décimales au plus"],
    ["abc", "montant illisible « abc »"],
    ["12 34,5", "montant illisible « 12 34,5 »"],
    ["1  234,00", "montant illisible « 1  234,00 »"],
    ["- 12", "montant illisible « - 12 »"],
    ["1 2345,00", "montant illisible « 1 2345,00 »"],
    ["", "montant manquant"],
    ["10000000000000", "montant trop élevé « 10000000000000 »"],
    ["1.234,56", "montant illisible « 1.234,56 » : écrivez 1 234,56 (virgule pour les centimes, espaces pour les milliers)"],
    ["1234.56", "montant illisible « 1234.56 » : écrivez 1 234,56 (virgule pour les centimes, espaces pour les milliers)"],
    ["1234,50-", "montant illisible « 1234,50- »"],
  ])("refuses %j: %s", (text, reason) => {
    expect(readAmount(text, INF_BUD_53_AMOUNT)).toEqual({ ok: false, reason });
  });
});

describe("readAmount, national (SAP) syntax", () => {
  it.each([
    ["1234.50", 123_450n],
    ["1234,50", 123_450n],
    ["-1234.50", -123_450n],
    ["1234.50-", -123_450n],
    ["48000", 4_800_000n],
    ["0.1", 10n],
  ])("reads %j", (text, cents) => {
    expect(readAmount(text, NATIONAL_AMOUNT)).toEqual({ ok: true, value: cents });
  });
  it.each(["1 234.50", "1,234.50", "1.234,50", "12.345", "1234.50--", "-1234.50-", "EUR"])("refuses %j", (text) => {
    const result = readAmount(text, NATIONAL_AMOUNT);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^montant illisible « /);
  });
});

describe("amounts round-trip", () => {
  const cents = fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n });
  /** "-1 234 567,89" with a random thousands separator, written here without the code under test. */
  const french = (amount: bigint, separator: string) => {
    const [units = "", decimals = ""] = centsToDecimalString(amount).replace("-", "").split(".");
    const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
    return `${amount < 0n ? "-" : ""}${grouped},${decimals}`;
  };

  it("reads back any amount formatted the French way, whatever the thousands separator", () => {
    fc.assert(
      fc.property(cents, fc.constantFrom(" ", "\u00a0", "\u202f", ""), (amount, separator) => {
        expect(readAmount(french(amount, separator), INF_BUD_53_AMOUNT)).toEqual({ ok: true, value: amount });
      }),
    );
  });
  it("reads back what the app displays (formatEuros: « 121 000,00 € »)", () => {
    fc.assert(
      fc.property(cents, (amount) => {
        expect(readAmount(formatEuros(amount), INF_BUD_53_AMOUNT)).toEqual({ ok: true, value: amount });
      }),
    );
  });
  it("reads back any amount written the SAP way, minus before or after", () => {
    fc.assert(
      fc.property(cents, fc.boolean(), (amount, trailing) => {
        const plain = centsToDecimalString(amount);
        const text = trailing && amount < 0n ? `${plain.slice(1)}-` : plain;
        expect(readAmount(text, NATIONAL_AMOUNT)).toEqual({ ok: true, value: amount });
      }),
    );
  });
});

describe("readDate", () => {
  const chorus = ["dd.mm.yyyy", "dd/mm/yyyy"] as const;
  const sap = ["yyyymmdd", "dd.mm.yyyy", "yyyy-mm-dd"] as const;
  it.each([
    ["15.03.2024", chorus, "2024-03-15"],
    ["29.02.2024", chorus, "2024-02-29"],
    ["15/03/2024", chorus, "2024-03-15"],
    ["20240315", sap, "2024-03-15"],
    ["15.12.2024", sap, "2024-12-15"],
    ["2024-12-15", sap, "2024-12-15"],
  ] as const)("reads %j", (text, formats, iso) => {
    expect(readDate(text, formats)).toEqual({ ok: true, value: iso });
  });
  it.each([
    ["31.09.2024", chorus, "date invalide « 31.09.2024 »"],
    ["29.02.2023", chorus, "date invalide « 29.02.2023 »"],
    ["15.13.2024", chorus, "date invalide « 15.13.2024 »"],
    ["01.01.1999", chorus, "date invalide « 01.01.1999 »"],
    ["2024-03-15", chorus, "date invalide « 2024-03-15 » (format jj.mm.aaaa ou jj/mm/aaaa attendu)"],
    ["1.3.2024", chorus, "date invalide « 1.3.2024 » (format jj.mm.aaaa ou jj/mm/aaaa attendu)"],
    ["20241345", sap, "date invalide « 20241345 »"],
    ["", chorus, "date manquante"],
    ["00000000", sap, "date manquante"],
  ] as const)("refuses %j: %s", (text, formats, reason) => {
    expect(readDate(text, formats)).toEqual({ ok: false, reason });
  });
});

describe("Chorus numbers", () => {
  it("reads a 10-digit EJ number, spaces tolerated", () => {
    expect(value(readEjNumber("1300456781"))).toBe("1300456781");
    expect(value(readEjNumber("1300 456 781"))).toBe("1300456781");
  });
  it.each([
    ["130045678", "numéro d'EJ invalide « 130045678 » (10 chiffres attendus)"],
    ["13004567810", "numéro d'EJ invalide « 13004567810 » (10 chiffres attendus)"],
    ["13OO456781", "numéro d'EJ invalide « 13OO456781 » (10 chiffres attendus)"],
    ["", "numéro d'EJ manquant"],
  ])("refuses the EJ number %j", (text, reason) => {
    expect(readEjNumber(text)).toEqual({ ok: false, reason });
  });
  it("reads an EJ line, SAP's zero padding included", () => {
    expect(value(readEjLine("1"))).toBe(1);
    expect(value(readEjLine("00010"))).toBe(10);
    expect(value(readEjLine("0000000002"))).toBe(2);
    expect(value(readEjLine("9999"))).toBe(9999);
  });
  it.each([
    ["0", "numéro de poste d'EJ invalide « 0 » (de 1 à 9999)"],
    ["10000", "numéro de poste d'EJ invalide « 10000 » (de 1 à 9999)"],
    ["1.5", "numéro de poste d'EJ invalide « 1.5 » (nombre entier attendu)"],
    ["-1", "numéro de poste d'EJ invalide « -1 » (nombre entier attendu)"],
    ["", "numéro de poste d'EJ manquant"],
  ])("refuses the EJ line %j", (text, reason) => {
    expect(readEjLine(text)).toEqual({ ok: false, reason });
  });
  it("reads a DP number: 10 digits", () => {
    expect(value(readDpNumber("1000234501"))).toBe("1000234501");
    expect(readDpNumber("10002881")).toEqual({ ok: false, reason: "numéro de DP invalide « 10002881 » (10 chiffres attendus)" });
    expect(readDpNumber("")).toEqual({ ok: false, reason: "numéro de DP manquant" });
  });
  it("reads a SIRET: 14 digits, or nothing", () => {
    expect(value(readSiret("91234567500017"))).toBe("91234567500017");
    expect(value(readSiret("912 345 675 00017"))).toBe("91234567500017");
    expect(value(readSiret(""))).toBeNull();
    expect(readSiret("9123456750001")).toEqual({ ok: false, reason: "SIRET invalide « 9123456750001 » (14 chiffres attendus)" });
  });
  it("shortens a garbled cell in a message", () => {
    const result = readEjNumber("x".repeat(200));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.length).toBeLessThan(100);
  });
});

describe("header names", () => {
  it.each([
    ["N° EJ", "n ej"],
    ["  n°   ej ", "n ej"],
    ["Nº poste EJ", "n poste ej"],
    ["Référentiel de programmation (activité)", "referentiel de programmation activite"],
    ["CENTRE DE COÛTS", "centre de couts"],
    ["Montant engagé (€)", "montant engage"],
    ["bbp_po_id", "bbp po id"],
    ["Date de l'EJ", "date de l ej"],
  ])("normalises %j", (cell, name) => {
    expect(normalizeHeader(cell)).toBe(name);
  });

  const specs: Record<"code" | "name" | "amount", ColumnSpec> = {
    name: { label: "Nom", aliases: ["Fournisseur (libellé)"], required: false },
    code: { label: "Code", aliases: ["Fournisseur"], required: false },
    amount: { label: "Montant", aliases: ["Montant engagé", "Montant"], required: true },
  };
  it("finds columns by their aliases, most specific first", () => {
    expect(matchHeader(["Montant", "Fournisseur", "Montant engagé"], specs).columns).toEqual({ code: 1, amount: 2 });
  });
  it("reads an empty or repeated header after a column as its label column", () => {
    expect(matchHeader(["Fournisseur", "Fournisseur", "Montant"], specs)).toEqual({ columns: { code: 0, amount: 2 }, labelColumns: { code: 1 } });
    expect(matchHeader(["Fournisseur", "", "Montant"], specs).labelColumns).toEqual({ code: 1 });
  });
  it("never gives one cell to two columns", () => {
    const twice: Record<"a" | "b", ColumnSpec> = {
      a: { label: "A", aliases: ["Date"], required: true },
      b: { label: "B", aliases: ["Date"], required: true },
    };
    expect(matchHeader(["Date", "x", "Date"], twice).columns).toEqual({ a: 0, b: 2 });
  });
});

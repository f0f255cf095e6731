import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { centsToDecimalString, formatEuros } from "../money";
import {
  CHORUS_AMOUNT,
  cleanCell,
  readDpItem,
  siretOrNull,
  cleanCode,
  cleanText,
  normalizeHeader,
  readAmount,
  readDate,
  readDpNumber,
  readEjLine,
  readEjNumber,
  readSiret,
  type CellResult,
} from "./cells";
import { messageOf } from "../failures";

const value = <T>(result: CellResult<T>) => (result.ok ? result.value : `ERREUR ${messageOf(result.failure)}`);
/** A refused cell as a rejection shows it: its code is one of the cells' (CHORUS_CELL_*), its words the catalogue's. */
const refusal = <T>(result: CellResult<T>) => {
  if (result.ok) return `ACCEPTÉ ${String(result.value)}`;
  expect(result.failure.code).toMatch(/^CHORUS_CELL_/);
  return messageOf(result.failure);
};

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
    // INF-BUD-53 writes the controlling area before analytic codes (sample chorus_ae.csv).
    expect(cleanCode("BG00/SGDFNUM092")).toBe("SGDFNUM092");
    expect(cleanCode("BG00/035200010101")).toBe("035200010101");
    expect(cleanCode("0352-CFSE-CFIN")).toBe("0352-CFSE-CFIN");
  });
  it("reads Chorus's empty markers as empty", () => {
    for (const marker of ["#", "Non affecté", "N/A", " # "]) expect(cleanCell(marker)).toBe("");
  });
});

describe("readAmount, as the layouts write amounts", () => {
  it.each([
    ["22500,12", 2_250_012n], // INF-BUD-53 (quoted in its "," file)
    ["15000", 1_500_000n], // INF-BUD-53, bare
    ["138 936 678,56", 13_893_667_856n], // AIFE
    ["200,0", 20_000n], // AIFE
    ["12615940.52", 1_261_594_052n], // AIFE re-saved with a decimal point
    ["250.0", 25_000n], // national files
    ["-0.01", -1n], // national DP file
    ["1234.50-", -123_450n], // SAP's trailing minus
    ["-1 234,50", -123_450n],
    ["1\u00a0234,50", 123_450n],
    ["1\u202f234,50", 123_450n],
    ["1 234,56 €", 123_456n],
    ["0", 0n],
  ])("reads %j", (text, cents) => {
    expect(readAmount(text, CHORUS_AMOUNT)).toEqual({ ok: true, value: cents });
  });
  it.each([
    ["12,3,4", "montant illisible « 12,3,4 »"],
    ["1.500", "montant illisible « 1.500 » : deux décimales au plus (un point ou une virgule de milliers ne se devine pas)"],
    ["12,345", "montant illisible « 12,345 » : deux décimales au plus (un point ou une virgule de milliers ne se devine pas)"],
    ["1.234,56", "montant illisible « 1.234,56 »"],
    ["1,234.56", "montant illisible « 1,234.56 »"],
    ["abc", "montant illisible « abc »"],
    ["12 34,5", "montant illisible « 12 34,5 »"],
    ["- 12", "montant illisible « - 12 »"],
    ["-1234.50-", "montant illisible « -1234.50- »"],
    ["", "montant manquant"],
    ["10000000000000", "montant trop élevé « 10000000000000 »"],
  ])("refuses %j: %s", (text, reason) => {
    expect(refusal(readAmount(text, CHORUS_AMOUNT))).toBe(reason);
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
        expect(readAmount(french(amount, separator), CHORUS_AMOUNT)).toEqual({ ok: true, value: amount });
      }),
    );
  });
  it("reads back what the app displays (formatEuros: « 121 000,00 € »)", () => {
    fc.assert(
      fc.property(cents, (amount) => {
        expect(readAmount(formatEuros(amount), CHORUS_AMOUNT)).toEqual({ ok: true, value: amount });
      }),
    );
  });
  it("reads back any amount written the SAP way, minus before or after", () => {
    fc.assert(
      fc.property(cents, fc.boolean(), (amount, trailing) => {
        const plain = centsToDecimalString(amount);
        const text = trailing && amount < 0n ? `${plain.slice(1)}-` : plain;
        expect(readAmount(text, CHORUS_AMOUNT)).toEqual({ ok: true, value: amount });
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
    expect(refusal(readDate(text, formats))).toBe(reason);
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
    expect(refusal(readEjNumber(text))).toBe(reason);
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
    expect(refusal(readEjLine(text))).toBe(reason);
  });
  it("reads a DP number without its padding: 9 digits (INF-BUD-53, AIFE) or 10 (national file)", () => {
    expect(value(readDpNumber("1000234501"))).toBe("1000234501");
    expect(value(readDpNumber("500043027"))).toBe("500043027");
    expect(value(readDpNumber("0100083815"))).toBe("100083815");
    expect(refusal(readDpNumber("12345"))).toBe("numéro de DP invalide « 12345 » (de 6 à 12 chiffres attendus)");
    expect(refusal(readDpNumber(""))).toBe("numéro de DP manquant");
    expect(value(readDpItem("002"))).toBe(2);
    expect(value(readDpItem(""))).toBeNull();
  });
  it("keeps Code taxe 1 as SIRET only when it is one", () => {
    expect(siretOrNull("91234567500017")).toBe("91234567500017");
    expect(siretOrNull("91234567500018")).toBeNull();
    expect(siretOrNull("FR12345678901")).toBeNull();
    expect(siretOrNull("")).toBeNull();
  });
  it("reads a SIRET: 14 digits, or nothing", () => {
    expect(value(readSiret("91234567500017"))).toBe("91234567500017");
    expect(value(readSiret("912 345 675 00017"))).toBe("91234567500017");
    expect(value(readSiret(""))).toBeNull();
    expect(refusal(readSiret("9123456750001"))).toBe("SIRET invalide « 9123456750001 » (14 chiffres attendus)");
  });
  it("shortens a garbled cell in a message", () => {
    expect(refusal(readEjNumber("x".repeat(200))).length).toBeLessThan(100);
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

});

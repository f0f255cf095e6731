import { describe, expect, it } from "vitest";
import { createNationalDpParser, createNationalEjParser } from "./national";
import type { ChorusRowParser, RawRow, RowOutcome } from "./records";

/** SAP flat files are not quoted: a line splits on "|", as the server reads them. */
const rowsOf = (text: string): RawRow[] => text.split("\n").map((line, i) => ({ lineNumber: i + 1, fields: line.split("|") }));

function run<T>(parser: ChorusRowParser<T>, text: string) {
  const outcomes = rowsOf(text).map((row) => parser.push(row));
  return { outcomes, end: parser.end() };
}
const records = <T>(outcomes: RowOutcome<T>[]) => outcomes.flatMap((o) => (o.kind === "record" ? [o.record] : []));
const reasons = <T>(outcomes: RowOutcome<T>[]) => outcomes.flatMap((o) => (o.kind === "rejected" || o.kind === "fatal" ? [o.rejection.reason] : []));

const EJ_HEADER = "bbp_po_id|bbp_poitem|doc_date|vendor|vendor_name|tax_numb|description|func_area|cfund_ctr|costcenter|cfmrefprg|g_l_acct|fm_amount1|currency";
const ejRow = (ej: string, item: string, date: string, amount: string, description = "BC n°1 : développement", siret = "91234567500017") =>
  `${ej}|${item}|${date}|1000872104|Numérique & Produit Associés|${siret}|${description}|0352-01|0352-CFSE-CFIN|SGDFNUM092|035200010101|6113120000|${amount}|EUR`;

describe("national EJ extract", () => {
  it("reads an EJ line from its SAP fields", () => {
    const { outcomes, end } = run(createNationalEjParser(), [EJ_HEADER, ejRow("1300456781", "0000000001", "20240315", "48000.00")].join("\n"));
    expect(outcomes).toEqual([
      { kind: "ignored", lineNumber: 1, why: "header" },
      {
        kind: "record",
        lineNumber: 2,
        record: {
          ejNumber: "1300456781",
          lineNumber: 1,
          orderedOn: "2024-03-15",
          supplierName: "Numérique & Produit Associés",
          supplierSiret: "91234567500017",
          supplierCode: "1000872104",
          object: "BC n°1 : développement",
          amountCents: 4_800_000n,
          domaineFonctionnel: "0352-01",
          centreFinancier: "0352-CFSE-CFIN",
          activite: "035200010101",
          centreDeCout: "SGDFNUM092",
          compteGeneral: "6113120000",
        },
      },
    ]);
    expect(end).toBeNull();
  });

  it("reads upper-case field names, a title row before them, and columns in any order", () => {
    const header = "BBP_POITEM|BBP_PO_ID|FM_AMOUNT1|DOC_DATE|NAME1|FUNC_AREA|CFUND_CTR|COSTCENTER|CFMREFPRG";
    const text = ["Extraction quotidienne EJ - 16.12.2024", header, "2|1300456781|12487.62|15.03.2024|ACME|0352-01|0352-CFSE-CFIN|SGDFNUM092|035200010101"].join("\n");
    const { outcomes } = run(createNationalEjParser(), text);
    expect(outcomes[0]).toEqual({ kind: "ignored", lineNumber: 1, why: "title" });
    expect(records(outcomes)).toEqual([
      expect.objectContaining({ ejNumber: "1300456781", lineNumber: 2, orderedOn: "2024-03-15", supplierName: "ACME", supplierSiret: null, amountCents: 1_248_762n }),
    ]);
  });

  it("reads a decimal point or comma, SAP's trailing minus and a leading one", () => {
    const amounts = ["2375.50-", "-1234.50", "6250,00", "18750", "0.5"];
    const text = [EJ_HEADER, ...amounts.map((a) => ejRow("1300456781", "2", "20241010", a))].join("\n");
    expect(records(run(createNationalEjParser(), text).outcomes).map((r) => r.amountCents)).toEqual([-237_550n, -123_450n, 625_000n, 1_875_000n, 50n]);
  });

  it("reads the dates YYYYMMDD, dd.mm.yyyy and YYYY-MM-DD", () => {
    const text = [EJ_HEADER, ...["20240301", "16.05.2024", "2024-12-15"].map((d) => ejRow("1300456781", "1", d, "1.00"))].join("\n");
    expect(records(run(createNationalEjParser(), text).outcomes).map((r) => r.orderedOn)).toEqual(["2024-03-01", "2024-05-16", "2024-12-15"]);
  });

  it("keeps a quote or a « ; » of a description as written (no quoting in SAP files)", () => {
    const text = [EJ_HEADER, ejRow("1300456781", "2", "20240315", "1.00", 'BC n°1 ; lot "design"')].join("\n");
    expect(records(run(createNationalEjParser(), text).outcomes)[0]?.object).toBe('BC n°1 ; lot "design"');
  });

  it("reads an empty SIRET as none", () => {
    const text = [EJ_HEADER, ejRow("1300462210", "1", "20241202", "-1234.50", "Réduction", "")].join("\n");
    expect(records(run(createNationalEjParser(), text).outcomes)[0]?.supplierSiret).toBeNull();
  });

  it.each([
    [ejRow("1300471502", "2", "20240931", "2000.00"), "Ligne 2 : date invalide « 20240931 »."],
    [ejRow("1300471502", "2", "00000000", "2000.00"), "Ligne 2 : date manquante."],
    [ejRow("1300471502", "2", "20240930", "1 500.00"), "Ligne 2 : montant illisible « 1 500.00 »."],
    [ejRow("1300471502", "2", "20240930", "1,500.00"), "Ligne 2 : montant illisible « 1,500.00 »."],
    [ejRow("13004715", "2", "20240930", "1.00"), "Ligne 2 : numéro d'EJ invalide « 13004715 » (10 chiffres attendus)."],
    [ejRow("1300471502", "", "20240930", "1.00"), "Ligne 2 : numéro de poste d'EJ manquant."],
  ])("rejects %j", (line, reason) => {
    expect(reasons(run(createNationalEjParser(), [EJ_HEADER, line].join("\n")).outcomes)).toEqual([reason]);
  });

  it("stops at a header without the imputation fields", () => {
    const { outcomes } = run(createNationalEjParser(), "bbp_po_id|bbp_poitem|doc_date|name1|fm_amount1\n1300456781|1|20240315|ACME|1.00");
    expect(reasons(outcomes)).toEqual(["Ligne 1 : colonnes introuvables dans l'en-tête : « func_area », « cfund_ctr », « costcenter », « cfmrefprg »."]);
  });

  it("refuses a DP file given as an EJ file", () => {
    const { end } = run(createNationalEjParser(), "ac_doc_no|oi_ebeln|oi_ebelp|pstng_date|fm_amount1\n1000234501|1300456781|1|20240430|24000.00");
    expect(end).toEqual({
      lineNumber: 1,
      reason: "En-tête introuvable : ce fichier n'est pas un extrait national des EJ (colonnes « bbp_po_id », « fm_amount1 » attendues).",
    });
  });
});

const DP_HEADER = "ac_doc_no|fiscyear|oi_ebeln|oi_ebelp|vendor|vendor_name|pstng_date|fm_amount1|currency|cfund_ctr|cfmrefprg";
const dpRow = (dp: string, ej: string, item: string, date: string, amount: string, cf = "0352-CFSE-CFIN") =>
  `${dp}|2024|${ej}|${item}|1000872104|Numérique & Produit Associés|${date}|${amount}|EUR|${cf}|035200010101`;

describe("national DP extract", () => {
  it("reads a payment request against an EJ line", () => {
    const { outcomes } = run(createNationalDpParser(), [DP_HEADER, dpRow("1000234501", "1300456781", "00001", "20240430", "24000.00")].join("\n"));
    expect(records(outcomes)).toEqual([
      {
        dpNumber: "1000234501",
        ejNumber: "1300456781",
        lineNumber: 1,
        paidOn: "2024-04-30",
        amountCents: 2_400_000n,
        vendor: "1000872104",
        supplierName: "Numérique & Produit Associés",
        centreFinancier: "0352-CFSE-CFIN",
        activite: "035200010101",
      },
    ]);
  });

  it("reads a DP file without imputation nor supplier columns", () => {
    const text = "AC_DOC_NO|OI_EBELN|OI_EBELP|PSTNG_DATE|FM_AMOUNT1\n1000279945|1300462210|1|12.12.2024|12000.00-";
    const [dp] = records(run(createNationalDpParser(), text).outcomes);
    expect(dp).toEqual({ dpNumber: "1000279945", ejNumber: "1300462210", lineNumber: 1, paidOn: "2024-12-12", amountCents: -1_200_000n });
  });

  it.each([
    [dpRow("10002881", "1300471502", "00001", "20241104", "4500.00"), "Ligne 2 : numéro de DP invalide « 10002881 » (10 chiffres attendus)."],
    [dpRow("1000281210", "1300471502", "00001", "20241304", "4500.00"), "Ligne 2 : date invalide « 20241304 »."],
    [dpRow("1000281210", "130047150X", "00001", "20241104", "45OO.00"), "Ligne 2 : numéro d'EJ invalide « 130047150X » (10 chiffres attendus) ; montant illisible « 45OO.00 »."],
  ])("rejects %j", (line, reason) => {
    expect(reasons(run(createNationalDpParser(), [DP_HEADER, line].join("\n")).outcomes)).toEqual([reason]);
  });

  it("stops at a header without the EJ line", () => {
    const { outcomes } = run(createNationalDpParser(), "ac_doc_no|oi_ebeln|pstng_date|fm_amount1\n1000234501|1300456781|20240430|1.00");
    expect(reasons(outcomes)).toEqual(["Ligne 1 : colonnes introuvables dans l'en-tête : « oi_ebelp »."]);
  });
});

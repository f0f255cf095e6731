import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { createInfBud53Parser } from "./inf-bud-53";
import type { ChorusEjLine, RawRow, RowOutcome } from "./records";

/** Rows of a small CSV text, split by csv-parse as the server does (one line per record here). */
function rowsOf(text: string): RawRow[] {
  const records = parse(text, { delimiter: ";", relax_column_count: true, relax_quotes: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  return records.map(({ record, info }) => ({ lineNumber: info.lines, fields: record }));
}

function run(text: string): { outcomes: RowOutcome<ChorusEjLine>[]; end: ReturnType<ReturnType<typeof createInfBud53Parser>["end"]> } {
  const parser = createInfBud53Parser();
  const outcomes = rowsOf(text).map((row) => parser.push(row));
  return { outcomes, end: parser.end() };
}

const records = (outcomes: RowOutcome<ChorusEjLine>[]) => outcomes.flatMap((o) => (o.kind === "record" ? [o.record] : []));
const reasons = (outcomes: RowOutcome<ChorusEjLine>[]) => outcomes.flatMap((o) => (o.kind === "rejected" || o.kind === "fatal" ? [o.rejection.reason] : []));

const TITLE = [
  "Pilotage de la gestion : INF-BUD-53 - Restitution des engagements juridiques;;;;;;;;;;;;;",
  "Périmètre : programme 0352;;;;;;;;;;;;;",
  "Exercice 2024;;;;;;;;;;;;;",
  ";;;;;;;;;;;;;",
].join("\n");
const HEADER =
  "Programme;Domaine fonctionnel;Centre financier;Centre de coûts;Référentiel de programmation (activité);N° EJ;N° poste EJ;Date de l'EJ;Fournisseur;Fournisseur;SIRET;Compte général;Objet;Montant engagé (€)";
const IMPUTATION = "0352;0352-01;0352-CFSE-CFIN;SGDFNUM092;035200010101";
const SUPPLIER = "1000872104;Numérique & Produit Associés;91234567500017";

/** A data row of the header above: EJ, line, date, amount and object may vary. */
const row = (ej: string, line: string, date: string, amount: string, object = "BC n°1 : développement", supplier = SUPPLIER) =>
  `${IMPUTATION};${ej};${line};${date};${supplier};6113120000;${object};${amount}`;

const file = (...rows: string[]) => [TITLE, HEADER, ...rows].join("\n");

describe("INF-BUD-53 extract: title rows and header", () => {
  it("skips the title rows, finds the header row and reads the rows after it", () => {
    const { outcomes, end } = run(file(row("1300456781", "1", "15.03.2024", "48 000,00")));
    expect(outcomes.map((o) => (o.kind === "ignored" ? o.why : o.kind))).toEqual(["title", "title", "title", "blank", "header", "record"]);
    expect(end).toBeNull();
  });

  it("reads every field of an EJ line", () => {
    const { outcomes } = run(file(row("1300456781", "1", "15.03.2024", "48 000,00")));
    expect(outcomes.at(-1)).toEqual({
      kind: "record",
      lineNumber: 6,
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
        programme: "0352",
        compteGeneral: "6113120000",
      },
    });
  });

  it("recognises the header whatever its case, accents and spacing", () => {
    const header =
      "  PROGRAMME ;domaine  fonctionnel;CENTRE FINANCIER;Centre de couts;Referentiel de programmation;n° ej;No Poste EJ;DATE;Nom du fournisseur;siret;Montant";
    const { outcomes } = run(["Rapport", header, "0352;0352-01;0352-CFSE-CFIN;SGDFNUM092;035200010101;1300456781;2;15.03.2024;ACME;#;12 487,62"].join("\n"));
    expect(records(outcomes)).toEqual([
      expect.objectContaining({ ejNumber: "1300456781", lineNumber: 2, supplierName: "ACME", supplierSiret: null, amountCents: 1_248_762n }),
    ]);
  });

  it("reads « Fournisseur » then an empty header as code then name, and a lone « Fournisseur » as the name", () => {
    const emptyLabel = HEADER.replace("Fournisseur;Fournisseur", "Fournisseur;");
    expect(records(run([emptyLabel, row("1300456781", "1", "15.03.2024", "10,00")].join("\n")).outcomes)[0]).toMatchObject({
      supplierCode: "1000872104",
      supplierName: "Numérique & Produit Associés",
    });
    const lone = HEADER.replace("Fournisseur;Fournisseur;", "Fournisseur;");
    const rowWithoutCode = row("1300456781", "1", "15.03.2024", "10,00", "Objet", "Numérique & Produit Associés;91234567500017");
    const [line] = records(run([lone, rowWithoutCode].join("\n")).outcomes);
    expect(line).toMatchObject({ supplierName: "Numérique & Produit Associés" });
    expect(line).not.toHaveProperty("supplierCode");
    const named = HEADER.replace("Fournisseur;Fournisseur", "Fournisseur (code);Fournisseur (libellé)");
    expect(records(run([named, row("1300456781", "1", "15.03.2024", "10,00")].join("\n")).outcomes)[0]).toMatchObject({
      supplierCode: "1000872104",
      supplierName: "Numérique & Produit Associés",
    });
  });

  it("stops at a header missing required columns, naming them", () => {
    const header = HEADER.replace("N° poste EJ;", "").replace("Centre de coûts;", "");
    const { outcomes, end } = run([TITLE, header, row("1300456781", "1", "15.03.2024", "10,00")].join("\n"));
    expect(outcomes[4]).toEqual({
      kind: "fatal",
      rejection: { lineNumber: 5, reason: "Ligne 5 : colonnes introuvables dans l'en-tête : « N° poste EJ », « Centre de coûts »." },
    });
    expect(outcomes[5]).toEqual({ kind: "ignored", lineNumber: 6, why: "after-fatal" });
    expect(end).toBeNull();
  });

  it("says so when no header row comes within the first rows", () => {
    const noise = Array.from({ length: 40 }, (_, i) => `Ligne de texte ${i};;`).join("\n");
    const { outcomes } = run(noise);
    const fatal = outcomes.find((o) => o.kind === "fatal");
    expect(fatal).toEqual({
      kind: "fatal",
      rejection: {
        lineNumber: 31,
        reason: "Ligne 31 : en-tête introuvable dans les 30 premières lignes : ce fichier n'est pas un extrait INF-BUD-53 (colonnes « N° EJ », « Montant » attendues).",
      },
    });
  });

  it("says so at the end when a short file has no header row, or nothing at all", () => {
    expect(run("Rapport;;\nRien;;").end).toEqual({
      lineNumber: 1,
      reason: "En-tête introuvable : ce fichier n'est pas un extrait INF-BUD-53 (colonnes « N° EJ », « Montant » attendues).",
    });
    expect(run(";;\n;;").end).toEqual({ lineNumber: 1, reason: "Le fichier est vide." });
    expect(createInfBud53Parser().end()).toEqual({ lineNumber: 1, reason: "Le fichier est vide." });
  });

  it("skips a repeated header row (page break), blank rows and the total row", () => {
    const { outcomes } = run(file(row("1300456781", "1", "15.03.2024", "10,00"), HEADER, ";;;#;;", row("1300456781", "2", "15.03.2024", "20,00"), "Total;;;;;;;;;;;;;30,00"));
    expect(outcomes.slice(5).map((o) => (o.kind === "ignored" ? o.why : o.kind))).toEqual(["record", "header", "blank", "record", "total"]);
  });

  it("rejects a row without an EJ number that is not a total", () => {
    const { outcomes } = run(file(row("", "1", "15.03.2024", "10,00")));
    expect(reasons(outcomes)).toEqual(["Ligne 6 : numéro d'EJ manquant."]);
  });
});

describe("INF-BUD-53 extract: values", () => {
  it("reads negative amounts (reductions) and every thousands separator", () => {
    const amounts = ["-2 375,50", "-1\u00a0234,50", "1\u202f000,00", "22500,12", "-0,01"];
    const { outcomes } = run(file(...amounts.map((a) => row("1300456781", "1", "10.10.2024", a))));
    expect(records(outcomes).map((r) => r.amountCents)).toEqual([-237_550n, -123_450n, 100_000n, 2_250_012n, -1n]);
  });

  it("reads « # » as empty: no SIRET, no compte général, no object", () => {
    const text = file(`${IMPUTATION};1300462210;1;02.12.2024;1000915537;Coopérative Élan Numérique;#;#;#;-1 234,50`);
    const [line] = records(run(text).outcomes);
    expect(line).toMatchObject({ supplierSiret: null, amountCents: -123_450n });
    expect(line).not.toHaveProperty("compteGeneral");
    expect(line).not.toHaveProperty("object");
  });

  it("keeps a « ; » inside a quoted object", () => {
    const text = file(row("1300471502", "1", "09.09.2024", "18 750,00", '"BC n°3 ; statistiques publiques et ""tableau de bord"""'));
    expect(records(run(text).outcomes)[0]?.object).toBe('BC n°3 ; statistiques publiques et "tableau de bord"');
  });

  it("reads the dates dd.mm.yyyy, and dd/mm/yyyy of a spreadsheet", () => {
    const { outcomes } = run(file(row("1300456781", "1", "01.03.2024", "1,00"), row("1300456781", "1", "15/12/2024", "1,00")));
    expect(records(outcomes).map((r) => r.orderedOn)).toEqual(["2024-03-01", "2024-12-15"]);
  });

  it("unwraps the spreadsheet guard =\"…\" on codes", () => {
    const text = file(`="0352";0352-01;0352-CFSE-CFIN;SGDFNUM092;="035200010101";="1300456781";1;15.03.2024;${SUPPLIER};6113120000;Objet;10,00`);
    expect(records(run(text).outcomes)[0]).toMatchObject({ ejNumber: "1300456781", activite: "035200010101", programme: "0352" });
  });

  it.each([
    [row("1300462210", "2", "20.06.2024", "12,3,4"), "Ligne 6 : montant illisible « 12,3,4 »."],
    [row("1300462210", "2", "20.06.2024", "12,345"), "Ligne 6 : montant illisible « 12,345 » : deux décimales au plus."],
    [row("1300462210", "2", "20.06.2024", ""), "Ligne 6 : montant manquant."],
    [row("130045678", "1", "09.09.2024", "1 500,00"), "Ligne 6 : numéro d'EJ invalide « 130045678 » (10 chiffres attendus)."],
    [row("1300471502", "2", "31.09.2024", "2 000,00"), "Ligne 6 : date invalide « 31.09.2024 »."],
    [row("1300471502", "2", "2024-09-30", "2 000,00"), "Ligne 6 : date invalide « 2024-09-30 » (format jj.mm.aaaa ou jj/mm/aaaa attendu)."],
    [row("1300471502", "2", "#", "2 000,00"), "Ligne 6 : date manquante."],
    [row("1300471502", "A", "30.09.2024", "2 000,00"), "Ligne 6 : numéro de poste d'EJ invalide « A » (nombre entier attendu)."],
    [row("1300471502", "1", "30.09.2024", "1,00", "Objet", "1000872104;#;91234567500017"), "Ligne 6 : fournisseur manquant."],
    [row("1300471502", "1", "30.09.2024", "1,00", "Objet", "1000872104;ACME;9123"), "Ligne 6 : SIRET invalide « 9123 » (14 chiffres attendus)."],
    [
      `0352;0352-01;#;SGDFNUM092;#;1300471502;1;30.09.2024;${SUPPLIER};6113120000;Objet;1,00`,
      "Ligne 6 : centre financier manquant ; activité (référentiel de programmation) manquante.",
    ],
    [`0352;#;0352-CFSE-CFIN;#;035200010101;1300471502;1;30.09.2024;${SUPPLIER};6113120000;Objet;1,00`, "Ligne 6 : domaine fonctionnel manquant ; centre de coûts manquant."],
  ])("rejects %j", (text, reason) => {
    const { outcomes } = run(file(text));
    expect(outcomes.at(-1)).toEqual({ kind: "rejected", rejection: { lineNumber: 6, reason } });
  });

  it("names every problem of a row in one rejection", () => {
    const { outcomes } = run(file(row("13004", "0", "32.01.2024", "douze")));
    expect(reasons(outcomes)).toEqual([
      "Ligne 6 : numéro d'EJ invalide « 13004 » (10 chiffres attendus) ; numéro de poste d'EJ invalide « 0 » (de 1 à 9999) ; date invalide « 32.01.2024 » ; montant illisible « douze ».",
    ]);
  });

  it("rejects a short row by its missing cells", () => {
    const { outcomes } = run(file(`${IMPUTATION};1300456781;1`));
    expect(reasons(outcomes)).toEqual(["Ligne 6 : date manquante ; montant manquant ; fournisseur manquant."]);
  });

  it("goes on after a bad row: each row stands alone", () => {
    const { outcomes } = run(file(row("1300456781", "1", "15.03.2024", "x"), row("1300456781", "2", "15.03.2024", "1,00")));
    expect(outcomes.slice(5).map((o) => o.kind)).toEqual(["rejected", "record"]);
  });
});

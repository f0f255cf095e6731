// Each Chorus layout, read from rows laid out exactly as the public samples of Data État Région lay them out
// (dataregion/DataEtatRegion-back: see the header of layouts.ts for S1…S7), with our own FAST-like data.
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createLayoutParser, detectLayout, detectLayoutInRows, exerciceOf, LAYOUT_BY_ID, type ChorusLayoutId, type ChorusLine } from "./layouts";
import type { RawRow, RowOutcome } from "./records";

/** Rows cut as the server's reader cuts them: RFC quotes (csv-parse), or AIFE's every-cell quoting. */
function rows(lines: readonly string[], delimiter: string, allQuoted = false): RawRow[] {
  return lines.map((line, i) => ({
    lineNumber: i + 1,
    fields:
      allQuoted && line.startsWith('"')
        ? line.slice(1, -1).split(`"${delimiter}"`)
        : delimiter === "|"
          ? line.split("|")
          : (parseCsv(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][])[0]!,
  }));
}

function parse(id: ChorusLayoutId, raw: RawRow[]) {
  const parser = createLayoutParser(LAYOUT_BY_ID[id]);
  const outcomes = raw.map((row) => parser.push(row));
  return { outcomes, end: parser.end() };
}

const records = (outcomes: RowOutcome<ChorusLine>[]) => outcomes.flatMap((o) => (o.kind === "record" ? [o.record] : []));
const reasons = (outcomes: RowOutcome<ChorusLine>[]) => outcomes.flatMap((o) => (o.kind === "rejected" || o.kind === "fatal" ? [o.rejection.reason] : []));
const kinds = (outcomes: RowOutcome<ChorusLine>[]) => outcomes.map((o) => (o.kind === "ignored" ? o.why : o.kind));

// ── S1: INF-BUD-53, AE, "," with title rows; amounts quoted ("22500,12") or bare (15000).
const S1_TITLES = [
  "INF-BUD-53 : Pilotage de la gestion - Vue détaillée,,,,,,,,,,,,,,,,",
  "Périmètre : BOP 0352",
  "Affichage :,,,,,,,,,,,,,,,,",
  ",,,,,,,,,,,,,,,Exercice comptable,2024",
  ",,,,,,,,,,,,,,,,Engagement",
];
const S1_HEADER =
  "Programme,Domaine fonctionnel,Centre de coûts,Référentiel de programmation,N° EJ,Date de réplication,N° poste EJ,Date de dernière modif. de l'EJ,Fournisseur titulaire principal (EJ),Fournisseur titulaire principal (EJ),Code taxe 1,Compte général,Compte budgétaire,Groupe de marchandises,Contrat de projet Etat-Region,Contrat de projet Etat-Region,Localisation interministérielle,EUR";
const S1_ROW = (ej: string, poste: string, amount: string, siret = "91234567500017", created = "15.03.2024", modified = "03.06.2024") =>
  `0352,0352-01,BG00/SGDFNUM092,BG00/035200010101,${ej},${created},${poste},${modified},1000872104,NUMERIQUE & PRODUIT ASSOCIES (DEMO),${siret},PCE/6113120000,Dépenses de fonction,33.04.06,#,Non affecté,N1175,${amount}`;

describe("layout detection", () => {
  it("finds each layout's header after the title rows, with its separator and quoting", () => {
    expect(detectLayout([...S1_TITLES, S1_HEADER])).toMatchObject({ layout: { id: "INF_BUD_53_AE" }, delimiter: ",", quoting: "rfc", headerLine: 6 });
    expect(detectLayout([S1_HEADER.replaceAll(",", ";")])).toMatchObject({ layout: { id: "INF_BUD_53_AE" }, delimiter: ";" });
    expect(detectLayout([S3_HEADER])?.layout.id).toBe("INF_BUD_53_CP");
    expect(detectLayout([S4_HEADER])).toMatchObject({ layout: { id: "AIFE_AE" }, delimiter: ";", quoting: "all-quoted" });
    expect(detectLayout([S5_HEADER])).toMatchObject({ layout: { id: "AIFE_CP" }, quoting: "all-quoted" });
    expect(detectLayout([S6_HEADER])).toMatchObject({ layout: { id: "AIFE_AE" }, delimiter: ",", quoting: "rfc" });
    expect(detectLayout([S7_EJ_HEADER])).toMatchObject({ layout: { id: "NATIONAL_EJ" }, delimiter: "|", quoting: "none" });
    expect(detectLayout([S7_DP_HEADER])).toMatchObject({ layout: { id: "NATIONAL_DP" }, delimiter: "|", quoting: "none" });
  });

  it("answers null for anything else, and only the asked layout when one is forced", () => {
    expect(detectLayout(["%PDF-1.7", "N° EJ;Montant;Date"])).toBeNull();
    // The old guessed titles ("Montant engagé", "Centre financier") are no Chorus layout.
    expect(detectLayout(["Programme;Centre financier;N° EJ;N° poste EJ;Date de l'EJ;Montant engagé (€)"])).toBeNull();
    expect(detectLayout([S1_HEADER], "AIFE_AE")).toBeNull();
    expect(detectLayoutInRows([["titre"], S1_HEADER.split(",")])?.id).toBe("INF_BUD_53_AE");
  });
});

describe("INF-BUD-53, AE (S1, S2)", () => {
  it("reads S1's layout: title rows, BG00/ prefixes, code then name, SIRET in Code taxe 1, quoted and bare amounts", () => {
    const { outcomes, end } = parse("INF_BUD_53_AE", rows([...S1_TITLES, S1_HEADER, S1_ROW("1300456781", "1", '"22500,12"'), S1_ROW("1300456781", "2", "15000", "#")], ","));
    expect(end).toBeNull();
    expect(kinds(outcomes)).toEqual(["title", "title", "title", "title", "title", "header", "record", "record"]);
    expect(records(outcomes)).toEqual([
      {
        credit: "AE",
        line: {
          ejNumber: "1300456781",
          lineNumber: 1,
          createdOn: "2024-03-15",
          modifiedOn: "2024-06-03",
          amountCents: 2_250_012n,
          supplierCode: "1000872104",
          supplierName: "NUMERIQUE & PRODUIT ASSOCIES (DEMO)",
          supplierSiret: "91234567500017",
          imputation: { programme: "0352", domaineFonctionnel: "0352-01", centreDeCout: "SGDFNUM092", activite: "035200010101" },
        },
      },
      expect.objectContaining({ line: expect.objectContaining({ lineNumber: 2, amountCents: 1_500_000n, supplierSiret: null }) }),
    ]);
  });

  it("reads S2's rows, one cell wider than their header: the compound key N° EJ carries its date de réplication", () => {
    const header = S1_HEADER.replace("Date de réplication,", "");
    const { outcomes } = parse("INF_BUD_53_AE", rows([header, S1_ROW("1300456781", "5", '"22500,12"', "91234567500017", "10.01.2024", "12.02.2024")], ","));
    expect(records(outcomes)[0]?.line).toMatchObject({ ejNumber: "1300456781", lineNumber: 5, createdOn: "2024-01-10", modifiedOn: "2024-02-12", amountCents: 2_250_012n });
  });

  it("reads the same restitution saved with ';' and French thousands spaces, and a foreign tax number as no SIRET", () => {
    const line = S1_ROW("1300456781", "1", "48 000,00", "FR12345678901").replaceAll(",", ";").replace("48 000;00", "48 000,00");
    const { outcomes } = parse("INF_BUD_53_AE", rows([S1_HEADER.replaceAll(",", ";"), line], ";"));
    expect(records(outcomes)[0]?.line).toMatchObject({ amountCents: 4_800_000n, supplierSiret: null });
  });

  it("names every problem of a line, keeps what it could read of its imputation, and never guesses '1.500'", () => {
    const { outcomes } = parse("INF_BUD_53_AE", rows([S1_HEADER, S1_ROW("130045678", "0", "1.500", "#", "31.09.2024")], ","));
    const rejected = outcomes.at(-1);
    expect(rejected).toMatchObject({ kind: "rejected", imputation: { activite: "035200010101", centreDeCout: "SGDFNUM092" } });
    expect(reasons(outcomes)).toEqual([
      "Ligne 2 : numéro d'EJ invalide « 130045678 » (10 chiffres attendus) ; numéro de poste d'EJ invalide « 0 » (de 1 à 9999) ; date de création de l'EJ invalide « 31.09.2024 » ; montant illisible « 1.500 » : deux décimales au plus (un point ou une virgule de milliers ne se devine pas).",
    ]);
    // The rejection is coded: the line's code, and each cell's in its parameters.
    expect(rejected?.kind === "rejected" && rejected.rejection.failure).toMatchObject({
      code: "CHORUS_LINE_UNREADABLE",
      params: {
        lineNumber: 2,
        problems: [
          { code: "CHORUS_CELL_EJ_NUMBER_INVALID" },
          { code: "CHORUS_CELL_EJ_LINE_OUT_OF_RANGE" },
          { code: "CHORUS_CELL_DATE_INVALID", params: { date: "ejCreatedOn" } },
          { code: "CHORUS_CELL_AMOUNT_AMBIGUOUS" },
        ],
      },
    });
  });

  it("reads the exercice its title rows name (S1's ',,…,Exercice comptable,<year>'), and none from a placeholder", () => {
    const parser = createLayoutParser(LAYOUT_BY_ID.INF_BUD_53_AE);
    for (const row of rows([...S1_TITLES, S1_HEADER], ",")) parser.push(row);
    expect(parser.exercice).toBe(2024);
    expect(exerciceOf(",,,,,,,,,,,,,,,Exercice comptable,GFFF".split(","))).toBeNull();
    expect(exerciceOf(["Exercice comptable", "", "2025"])).toBe(2025);
  });

  it("skips a repeated header and total rows, and refuses a header missing a required column", () => {
    const { outcomes } = parse("INF_BUD_53_AE", rows([S1_HEADER, S1_ROW("1300456781", "1", "10"), S1_HEADER, "Résultat global,,,,,,,,,,,,,,,,,10"], ","));
    expect(kinds(outcomes)).toEqual(["header", "record", "header", "total"]);
    const missing = parse("INF_BUD_53_AE", rows([S1_HEADER.replace("Référentiel de programmation,", "")], ","));
    expect(reasons(missing.outcomes)).toEqual([expect.stringMatching(/^Ligne 1 : colonnes introuvables .*« Référentiel de programmation »/)]);
    expect(missing.outcomes[0]).toMatchObject({ kind: "fatal", rejection: { failure: { code: "CHORUS_HEADER_COLUMNS_MISSING" } } });
  });

  it("says the file is not of the layout when no header comes", () => {
    expect(parse("INF_BUD_53_AE", rows(["a,b", "c,d"], ",")).end?.reason).toMatch(/^En-tête introuvable : ce fichier n'est pas une Restitution INF-BUD-53/);
    expect(parse("INF_BUD_53_AE", []).end?.reason).toBe("Le fichier est vide.");
    expect(parse("INF_BUD_53_AE", rows(["a,b"], ",")).end?.failure?.code).toBe("CHORUS_HEADER_NOT_FOUND");
    expect(parse("INF_BUD_53_AE", []).end?.failure?.code).toBe("CHORUS_FILE_EMPTY");
  });
});

// ── S3: INF-BUD-53, CP: N° DP (9 digits), dates of the DP, N° SF, lines without EJ ("#,#", "SANS AE").
const S3_HEADER =
  "Programme,Domaine fonctionnel,Centre de coûts,Référentiel de programmation,N° EJ,N° poste EJ,N° DP,Date de base de la DP,Date de dernière opération sur la DP,N° SF,Date comptable du SF,Fournisseur payé (DP),Fournisseur payé (DP),Code taxe 1,Compte général,Compte budgétaire,Groupe de marchandises,Contrat de projet Etat-Region,Contrat de projet Etat-Region,Localisation interministérielle,EUR";

describe("INF-BUD-53, CP (S3)", () => {
  it("reads DPs with their EJ poste, and a DP without EJ", () => {
    const { outcomes } = parse(
      "INF_BUD_53_CP",
      rows(
        [
          S3_HEADER,
          '0352,0352-01,BG00/SGDFNUM092,BG00/035200010101,1300456781,1,500043027,31.12.2024,25.01.2025,1100043027,20.12.2024,1000872104,NUMERIQUE & PRODUIT ASSOCIES (DEMO),91234567500017,PCE/6113120000,Dépenses de fonction,33.04.06,#,Non affecté,N1175,"28,26"',
          '0352,0352-01,BG00/SGDFNUM092,BG00/035200010101,#,#,500043030,31.12.2024,25.01.2025,#,#,1001273578,SANS AE,41867744900054,PCE/6512300000,Transferts aux ménag,#,#,Non affecté,N,"27,96"',
        ],
        ",",
      ),
    );
    expect(records(outcomes).map((r) => r.line)).toEqual([
      expect.objectContaining({ dpNumber: "500043027", dpItem: null, ejNumber: "1300456781", lineNumber: 1, paidOn: "2024-12-31", amountCents: 2_826n }),
      expect.objectContaining({ dpNumber: "500043030", ejNumber: null, lineNumber: null, amountCents: 2_796n, supplierName: "SANS AE" }),
    ]);
  });
});

// ── S4: AIFE national AE: every cell quoted, ";", quotes and ";" inside names, dd/mm/yyyy, "Montant engagé (EUR)".
const S4_HEADER =
  '"Centre financier - Programme (Clé)";"Domaine fonctionnel - Clé";"Centre de coûts - Clé (non composée)";"Référentiel de programmation - Clé (non composée)";"N° EJ";"N° EJ - Date de réplication (Clé)";"N° poste EJ";"Date de dernière modif. de l\'EJ";"Fournisseur titulaire principal (EJ) - Clé";"Fournisseur titulaire principal (EJ)";"Fournisseur titulaire principal (EJ) - Code taxe 1 (Clé)";"Compte général - Clé (non composée)";"Compte budgétaire - Clé (non composée)";"Groupe de marchandises - Clé";"Contrat de projet Etat-Region - Clé";"Localisation interministérielle - Clé";"Montant engagé (EUR)";"Centre financier - Clé (non composée)";"Tranche fonctionnelle - Clé (non composée)";"Axe ministériel 1";"Fonds - Clé (non composée)";"Projet analytique ministériel - Clé";"Axe ministériel 2";"Société - Clé"';
const S4_ROW = (poste: string, amount: string, name = "COOPERATIVE; ELAN \"NUMERIQUE\" (DEMO)") =>
  `"0352";"0352-01";"SGDFNUM092";"035200010101";"1300462210";"16/05/2024";"${poste}";"02/12/2024";"1000915537";"${name}";"88765432500026";"6113120000";"52";"33.04.06";"";"N1175";"${amount}";"0352-CFSE-CFIN";"";"Non affecté";"";"";"";"ADCE"`;

describe("AIFE national AE (S4)", () => {
  it("reads keyed titles, names holding quotes and separators, spaced and one-decimal amounts, the centre financier", () => {
    const { outcomes } = parse("AIFE_AE", rows([S4_HEADER, S4_ROW("1", "138 936 678,56"), S4_ROW("4", "200,0")], ";", true));
    expect(records(outcomes).map((r) => r.line)).toEqual([
      expect.objectContaining({
        ejNumber: "1300462210",
        lineNumber: 1,
        createdOn: "2024-05-16",
        modifiedOn: "2024-12-02",
        amountCents: 13_893_667_856n,
        supplierName: 'COOPERATIVE; ELAN "NUMERIQUE" (DEMO)',
        imputation: { programme: "0352", domaineFonctionnel: "0352-01", centreDeCout: "SGDFNUM092", activite: "035200010101", centreFinancier: "0352-CFSE-CFIN" },
      }),
      expect.objectContaining({ lineNumber: 4, amountCents: 20_000n }),
    ]);
  });

  it("reads the variant whose amount column is 'Montant engagé - Bascule des EJ non soldés'", () => {
    const header = S4_HEADER.replace("Montant engagé (EUR)", "Montant engagé - Bascule des EJ non soldés");
    expect(records(parse("AIFE_AE", rows([header, S4_ROW("1", "1000,00")], ";", true)).outcomes)[0]?.line.amountCents).toBe(100_000n);
  });
});

// ── S5: AIFE national CP: "N° DP - Clé (non composée)", "N° poste DP", "Montant payé (EUR)".
const S5_HEADER =
  '"Centre financier - Programme (Clé)";"Domaine fonctionnel - Clé";"Centre de coûts - Clé (non composée)";"Référentiel de programmation - Clé (non composée)";"N° EJ";"N° poste EJ";"N° DP - Clé (non composée)";"Date de base de la DP";"Date de dernière opération sur la DP";"Fournisseur payé (DP) - Clé";"Fournisseur payé (DP)";"Fournisseur payé (DP) - Code taxe 1 (Clé)";"Compte général - Clé (non composée)";"Compte budgétaire - Clé (non composée)";"Groupe de marchandises - Clé";"Contrat de projet Etat-Region - Clé";"Localisation interministérielle - Clé";"Montant payé (EUR)";"Exercice comptable - Clé (non composée)";"N° poste DP";"Centre financier - Programme (Clé)";"Tranche fonctionnelle - Clé (non composée)";"Fonds - Clé (non composée)";"Projet analytique ministériel - Clé";"Société - Clé";"Type de pièce - Clé"';

describe("AIFE national CP (S5)", () => {
  it("reads the DP, its item and its base date", () => {
    const row =
      '"0352";"0352-01";"SGDFNUM092";"035200010101";"1300462210";"1";"100379604";"11/12/2024";"13/12/2024";"1000915537";"COOPERATIVE ELAN NUMERIQUE (DEMO)";"88765432500026";"6113120000";"52";"33.04.06";"";"N1175";"9159575,18";"2024";"2";"0352";"";"";"";"ADCE";"RE"';
    const { outcomes } = parse("AIFE_CP", rows([S5_HEADER, row], ";", true));
    expect(records(outcomes)[0]?.line).toEqual({
      dpNumber: "100379604",
      dpItem: 2,
      ejNumber: "1300462210",
      lineNumber: 1,
      paidOn: "2024-12-11",
      amountCents: 915_957_518n,
      supplierCode: "1000915537",
      supplierName: "COOPERATIVE ELAN NUMERIQUE (DEMO)",
      imputation: { programme: "0352", domaineFonctionnel: "0352-01", centreDeCout: "SGDFNUM092", activite: "035200010101" },
    });
  });
});

// ── S6: the AIFE AE file with label columns, "," and a decimal point; programme titled "prog".
const S6_HEADER =
  "prog,Domaine fonctionnel - Clé,Domaine fonctionnel - Texte de longueur moyenne,Centre de coûts - Clé (non composée),Centre de coûts - Texte de longueur moyenne,Référentiel de programmation - Clé (non composée),Référentiel de programmation - Texte descriptif,N° EJ,N° EJ - Date de réplication (Clé),N° poste EJ,Date de dernière modif. de l'EJ,Fournisseur titulaire principal (EJ) - Clé,Fournisseur titulaire principal (EJ),Fournisseur titulaire principal (EJ) - Code taxe 1 (Clé),Compte général - Clé (non composée),Compte général - Texte descriptif,Compte budgétaire - Clé (non composée),Compte budgétaire - Texte de longueur moyenne,Groupe de marchandises - Clé,Groupe de marchandises - Texte de longueur moyenne,Contrat de projet Etat-Region - Clé,Contrat de projet Etat-Region - Texte,Localisation interministérielle - Clé,Localisation interministérielle - Texte de longueur moyenne,Montant engagé (EUR),Centre financier - Clé (non composée),Centre financier - Texte de longueur moyenne,Tranche fonctionnelle - Clé (non composée),Tranche fonctionnelle - Désignation synthétique,Axe ministériel 1,Axe ministériel 1 - Texte de longueur moyenne,Fonds - Clé (non composée),Fonds - Texte de longueur moyenne,Projet analytique ministériel - Clé,Projet analytique ministériel - Texte de longueur moyenne,Axe ministériel 2,Société - Clé";

describe("AIFE national AE with label columns (S6)", () => {
  it("reads the key columns among the label ones, and the decimal point", () => {
    const fields = [
      "352", "0352-01", "Accélération des startups", "SGDFNUM092", "SG DNUM", "035200010101", "FAST", "1300456781", "15/03/2024", "1", "03/06/2024", "1000872104",
      "NUMERIQUE & PRODUIT ASSOCIES (DEMO)", "91234567500017", "6113120000", "Prestations", "52", "Fonctionnement", "33.04.06", "Services numériques", "", "", "N1175", "Paris",
      "54250.5", "0352-CFSE-CFIN", "DINUM", "", "", "", "", "", "", "", "", "", "ADCE",
    ];
    const { outcomes } = parse("AIFE_AE", [
      { lineNumber: 1, fields: S6_HEADER.split(",") },
      { lineNumber: 2, fields },
    ]);
    expect(records(outcomes)[0]?.line).toMatchObject({ ejNumber: "1300456781", amountCents: 5_425_050n, supplierName: "NUMERIQUE & PRODUIT ASSOCIES (DEMO)", imputation: { programme: "352", centreFinancier: "0352-CFSE-CFIN" } });
  });
});

// ── S7: national daily EJ and DP files: "|", SAP names, no supplier name in the EJ file, DP amount = HT + TVA.
const S7_EJ_HEADER =
  "eid_cible|bbp_po_id|bbp_poitem|Mission|Code_Programme|comp_code|matl_group|cfund_ctr|func_area|cmmt_item|cfmtrfonc|costcenter|cfmlocint|cfmaxmin1|cfund|cfm_cper|cfmanamin|cfmaxmin2|cfmrefprg|fm_amount1|doc_date|edp_delda|po_status|ectr_date|tax_numb";
const S7_DP_HEADER =
  "fiscyear|ac_doc_no|item_num|Mission|Code_Programme|comp_code|oi_ebeln|oi_ebelp|ref_key3|bbp_taxcod|bic_cglmfahtd|bic_cglmfahte|bic_cglmtvad|bic_cglmtvae|vendor|cfund_ctr|func_area|cmmt_item|cfmtrfonc|costcenter|cfmlocint|cfmrefprg|bic_cfund|bic_csdzzcper|bline_date|ectr_date|cfmanamin|tax_numb";

describe("national daily files (S7)", () => {
  it("reads an EJ poste without supplier name, padded poste, decimal point, ISO dates", () => {
    const row = "MIN01|1300456781|0000000001|DAG Direction de l'action du Gouvernement|0352|ADCE|33.04.06|0352-CFSE-CFIN|0352-01|52||SGDFNUM092|N1175||N/A||||035200010101|54250.0|2024-03-15|2024-12-31||2024-12-16|91234567500017";
    const { outcomes } = parse("NATIONAL_EJ", rows([S7_EJ_HEADER, row], "|"));
    expect(records(outcomes)[0]?.line).toEqual({
      ejNumber: "1300456781",
      lineNumber: 1,
      createdOn: "2024-03-15",
      modifiedOn: "2024-12-16",
      amountCents: 5_425_000n,
      supplierCode: null,
      supplierName: null,
      supplierSiret: "91234567500017",
      imputation: { programme: "0352", domaineFonctionnel: "0352-01", centreFinancier: "0352-CFSE-CFIN", centreDeCout: "SGDFNUM092", activite: "035200010101" },
    });
  });

  it("reads DP items: HT + TVA, the DP number without its padding, an item without vendor nor base date, −0,01", () => {
    const item = (n: string, ht: string, tva: string, vendor: string, base: string) =>
      `2024|0100290001|${n}|DAG|0352|ADCE|1300471502|00001|5061366773||${ht}|${ht}|${tva}|${tva}|${vendor}|0352-CFSE-CFIN|0352-01|52|N/A|SGDFNUM092|N1175|035200010101|N/A||${base}|2024-12-16||`;
    const { outcomes } = parse("NATIONAL_DP", rows([S7_DP_HEADER, item("002", "7812.5", "1562.5", "1000872104", "2024-12-13"), item("003", "-0.01", "0.0", "", "")], "|"));
    expect(records(outcomes).map((r) => r.line)).toEqual([
      expect.objectContaining({ dpNumber: "100290001", dpItem: 2, ejNumber: "1300471502", lineNumber: 1, paidOn: "2024-12-13", amountCents: 937_500n, supplierCode: "1000872104" }),
      expect.objectContaining({ dpItem: 3, paidOn: null, amountCents: -1n, supplierCode: null }),
    ]);
  });
});

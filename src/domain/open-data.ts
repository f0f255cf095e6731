// The open data of the published conventions (article 7 of the FAST convention: published by the DINUM on
// data.gouv.fr): one row per published, signed convention, public fields only. The first fourteen columns
// are those of the SCDL « subventions » schema (scdl/subventions 2.0, OpenDataFrance, listed on
// schema.data.gouv.fr), filled where they apply to a delegation of credits; the others are the délégation's
// own (délégataire, imputation, AE/CP per year, tranches, avenants, termination, engaged and paid to date).
// The column list below is the documented schema (docs/open-data.md is checked against it by a test).
import { z } from "zod";
import { compareDates, type IsoDate } from "./dates";
import { centsToDecimalString, type Cents } from "./money";
import { formatShare, type CreditType, type TrancheTrigger } from "./terms";

export type ColumnType = "texte" | "date" | "montant" | "nombre" | "booléen" | "siret" | "période";

export interface OpenDataColumn {
  name: string;
  type: ColumnType;
  /** True for a column of the SCDL « subventions » schema. */
  scdl: boolean;
  /** May be empty. */
  optional: boolean;
  description: string;
}

const col = (name: string, type: ColumnType, scdl: boolean, optional: boolean, description: string): OpenDataColumn => ({ name, type, scdl, optional, description });

export const OPEN_DATA_COLUMNS: readonly OpenDataColumn[] = [
  col("nomAttribuant", "texte", true, false, "Nom du délégant qui attribue les crédits du FAST (la DINUM)."),
  col("idAttribuant", "siret", true, true, "SIRET du délégant (14 chiffres), vide tant que l'annuaire ne l'a pas enregistré."),
  col("dateConvention", "date", true, false, "Date de signature de la convention (AAAA-MM-JJ)."),
  col("referenceDecision", "texte", true, false, "Référence de la convention dans Suivi FAST (par exemple FAST14-FCU)."),
  col("nomBeneficiaire", "texte", true, false, "Administration partenaire qui porte la startup d'État et bénéficie des crédits."),
  col("idBeneficiaire", "siret", true, true, "SIRET de l'administration partenaire, vide tant que l'annuaire ne l'a pas enregistré."),
  col("objet", "texte", true, false, "Objet de la convention (256 caractères au plus)."),
  col("montant", "montant", true, false, "Cofinancement du FAST annoncé par la convention, en euros, point décimal (121000.00)."),
  col("nature", "texte", true, false, "Toujours « aide en numéraire » (crédits mis à disposition)."),
  col("conditionsVersement", "texte", true, false, "« échelonné » quand les crédits sont mis à disposition en plusieurs tranches, « unique » sinon."),
  col("datesPeriodeVersement", "période", true, false, "Période de mise à disposition : de la signature à la fin en vigueur (AAAA-MM-JJ/AAAA-MM-JJ)."),
  col("idRAE", "texte", true, true, "Sans objet (aide non référencée au répertoire des aides aux entreprises) : toujours vide."),
  col("notificationUE", "booléen", true, false, "Toujours « non »."),
  col("pourcentageSubvention", "nombre", true, false, "Part du montant attribuée au bénéficiaire : toujours 1.00 (bénéficiaire unique)."),
  col("appelFast", "texte", false, false, "Appel à projets FAST (par exemple FAST 14)."),
  col("startup", "texte", false, false, "Nom de la startup d'État."),
  col("nomDelegataire", "texte", false, false, "Délégataire qui gère les crédits (engagements et paiements dans CHORUS)."),
  col("siretDelegataire", "siret", false, true, "SIRET du délégataire, vide tant que l'annuaire ne l'a pas enregistré."),
  col("programme", "texte", false, false, "Programme (BOP) qui porte les crédits : numéro et libellé."),
  col("centreFinancier", "texte", false, false, "Centre financier (UO) CHORUS."),
  col("domaineFonctionnel", "texte", false, false, "Domaine fonctionnel CHORUS."),
  col("activite", "texte", false, false, "Activité CHORUS."),
  col("centreDeCout", "texte", false, false, "Centre de coût CHORUS."),
  col("dateFin", "date", false, false, "Fin de la convention en vigueur, avenants compris (AAAA-MM-JJ)."),
  col("aeParAnnee", "texte", false, false, "Autorisations d'engagement par année, avenants compris : « 2024=121000.00 », années séparées par une barre verticale."),
  col("cpParAnnee", "texte", false, false, "Crédits de paiement par année, avenants compris, même forme."),
  col("tranches", "texte", false, false, "Tranches en vigueur : « 2024 AE 1 50 % signature débloquée 2024-03-04 », séparées par une barre verticale."),
  col("avenants", "texte", false, true, "Avenants signés : « n° 1 2024-10-01 objet », séparés par une barre verticale."),
  col("dateResiliation", "date", false, true, "Date d'effet de la résiliation, vide sans résiliation."),
  col("aeEngagees", "montant", false, false, "AE engagées à la date de l'export (somme des engagements juridiques), en euros."),
  col("cpPayes", "montant", false, false, "CP payés à la date de l'export (somme des demandes de paiement), en euros."),
  col("dateExport", "date", false, false, "Date de l'export (les montants engagés et payés sont ceux de ce jour)."),
];

export type OpenDataRow = Record<string, string>;

/** What the export reads of one published convention: public fields and derived totals only. */
export interface PublishedConvention {
  reference: string;
  fastCall: string;
  startupName: string;
  purpose: string;
  fastFundingCents: Cents;
  signedOn: IsoDate;
  delegant: { name: string; siret: string | null };
  partner: { name: string; siret: string | null };
  delegataire: { name: string; siret: string | null };
  bop: string;
  bopLabel: string;
  centreFinancier: string;
  domaineFonctionnel: string;
  activite: string;
  centreDeCout: string;
  /** Terms in force today, avenants applied. */
  endsOn: IsoDate;
  credits: readonly { year: number; aeCents: Cents; cpCents: Cents }[];
  tranches: readonly { year: number; creditType: CreditType; rank: number; shareBasisPoints: number; trigger: TrancheTrigger; releasedOn: IsoDate | null }[];
  avenants: readonly { number: number; signedOn: IsoDate; object: string }[];
  terminationEffectiveOn: IsoDate | null;
  engagedCents: Cents;
  paidCents: Cents;
}

const amount = (cents: Cents) => centsToDecimalString(cents);
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
const TRIGGER: Record<TrancheTrigger, string> = { SIGNATURE: "signature", MID_TERM_REVIEW: "bilan de mi-parcours" };

export function openDataRow(c: PublishedConvention, today: IsoDate): OpenDataRow {
  const end = c.terminationEffectiveOn && compareDates(c.terminationEffectiveOn, c.endsOn) < 0 ? c.terminationEffectiveOn : c.endsOn;
  const objet = oneLine(c.purpose);
  const row: OpenDataRow = {
    nomAttribuant: c.delegant.name,
    idAttribuant: c.delegant.siret ?? "",
    dateConvention: c.signedOn,
    referenceDecision: c.reference,
    nomBeneficiaire: c.partner.name,
    idBeneficiaire: c.partner.siret ?? "",
    objet: objet.length > 256 ? `${objet.slice(0, 255)}…` : objet,
    montant: amount(c.fastFundingCents),
    nature: "aide en numéraire",
    conditionsVersement: new Set(c.tranches.map((t) => `${t.year}-${t.creditType}`)).size < c.tranches.length ? "échelonné" : "unique",
    datesPeriodeVersement: `${c.signedOn}/${end}`,
    idRAE: "",
    notificationUE: "non",
    pourcentageSubvention: "1.00",
    appelFast: c.fastCall,
    startup: c.startupName,
    nomDelegataire: c.delegataire.name,
    siretDelegataire: c.delegataire.siret ?? "",
    programme: `${c.bop} ${c.bopLabel}`,
    centreFinancier: c.centreFinancier,
    domaineFonctionnel: c.domaineFonctionnel,
    activite: c.activite,
    centreDeCout: c.centreDeCout,
    dateFin: c.endsOn,
    aeParAnnee: c.credits.map((x) => `${x.year}=${amount(x.aeCents)}`).join(" | "),
    cpParAnnee: c.credits.map((x) => `${x.year}=${amount(x.cpCents)}`).join(" | "),
    tranches: c.tranches
      .map((t) => `${t.year} ${t.creditType} ${t.rank} ${formatShare(t.shareBasisPoints).replace(/\u00a0/g, " ")} ${TRIGGER[t.trigger]}${t.releasedOn ? ` débloquée ${t.releasedOn}` : ""}`)
      .join(" | "),
    avenants: c.avenants.map((a) => `n° ${a.number} ${a.signedOn} ${oneLine(a.object)}`).join(" | "),
    dateResiliation: c.terminationEffectiveOn ?? "",
    aeEngagees: amount(c.engagedCents),
    cpPayes: amount(c.paidCents),
    dateExport: today,
  };
  return row;
}

const PATTERNS: Record<ColumnType, RegExp> = {
  texte: /^[^\r\n]*$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  montant: /^\d+\.\d{2}$/,
  nombre: /^\d+(\.\d+)?$/,
  booléen: /^(oui|non)$/,
  siret: /^\d{14}$/,
  période: /^\d{4}-\d{2}-\d{2}(\/\d{4}-\d{2}-\d{2})?$/,
};

/** The documented schema as a zod object: every column present, nothing else, each value of its type. */
export const openDataRowSchema = z.strictObject(
  Object.fromEntries(
    OPEN_DATA_COLUMNS.map((c) => {
      let field = z.string().regex(PATTERNS[c.type]);
      if (c.name === "objet" || c.name === "conditionsVersement") field = field.max(256);
      if (c.name === "nature") field = field.regex(/^aide en numéraire$/);
      if (c.name === "conditionsVersement") field = field.regex(/^(unique|échelonné)$/);
      return [c.name, c.optional ? z.union([z.literal(""), field]) : field.min(1)];
    }),
  ),
);

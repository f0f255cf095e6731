// The convention and its avenants as documents, built from the record: one pure model (title, articles,
// paragraphs, lists, tables, signatures) that the server renders twice, as an editable .docx and as a PDF
// (src/server/documents), so both files say exactly the same thing. The articles follow the FAST model
// (the signed text of FAST 14): parties and representatives, legal basis, preamble, object (art. 1), the
// partner's, DINUM's and the délégataire's obligations from the obligations register (art. 2 to 4), the
// amounts in figures and in words, the tranches and their conditions, the CHORUS references, modification
// by avenant (art. 5), term and termination (art. 6), publication (art. 7), place, date and signatures.
import { eurosInFiguresAndWords, formatEurosShort } from "./amount-words";
import { defaultMidTermReviewDue, formatDate, type IsoDate } from "./dates";
import type { Cents } from "./money";
import type { PartyRole } from "./permissions";
import { describeAvenantChanges, formatShare, type AvenantChanges, type CreditType, type TrancheTrigger } from "./terms";

/** A piece of text; bold where the model sets it in bold (the startup's name, the amounts). */
export interface Run {
  text: string;
  bold?: boolean;
}

export type Block =
  | { kind: "title"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "subheading"; text: string }
  | { kind: "paragraph"; runs: Run[]; align?: "center" }
  | { kind: "bullets"; items: Run[][] }
  | { kind: "table"; caption: string; header: string[]; rows: string[][] }
  | { kind: "signatures"; lines: string[] };

export interface DocumentModel {
  /** The document's title (its first block, and the files' metadata). */
  title: string;
  /** A file name without extension: "convention-FAST14-FCU". */
  fileBase: string;
  blocks: Block[];
}

export interface DocumentParty {
  role: PartyRole;
  /** The organisation's full name ("Direction interministérielle du numérique"). */
  name: string;
  acronym: string;
  /** How the text designates the party ("le délégant", "DNUM ministérielle, le délégataire"). */
  designation: string;
  address: string;
  representativeName: string;
  representativeTitle: string;
  /** The party's signature once recorded (on paper): the day, the signatory and their title. */
  signature?: { signedOn: IsoDate; signatoryName: string; signatoryTitle: string } | null;
}

export interface ConventionDocumentInput {
  reference: string;
  title: string;
  fastCall: string;
  startupName: string;
  fastFundingCents: Cents;
  coFinancingCents: Cents | null;
  coFinancingDueMonths: number | null;
  /** Null while the convention is not signed: the document is then a draft to sign. */
  signedOn: IsoDate | null;
  signedAt: string | null;
  endsOn: IsoDate;
  midTermReviewDueOn: IsoDate | null;
  terminationNoticeMonths: number;
  legalBasis: readonly string[];
  marche: string;
  bop: string;
  bopLabel: string;
  domaineFonctionnel: string;
  centreFinancier: string;
  activite: string;
  centreDeCout: string;
  /** The service exécutant (CHORUS), once recorded. */
  serviceExecutant?: string | null;
  comptableAssignataire: string;
  publicationUrl: string | null;
  parties: readonly DocumentParty[];
  /** The original terms: AE and CP per year. */
  credits: readonly { year: number; aeCents: Cents; cpCents: Cents }[];
  /** The original tranches (not those an avenant brought). */
  tranches: readonly { year: number; creditType: CreditType; rank: number; shareBasisPoints: number; trigger: TrancheTrigger }[];
  /** The obligations register, in its order: article label ("Art. 2 — Engagements du partenaire"), title, text. */
  obligations: readonly { article: string; owedBy: PartyRole; title: string; description: string }[];
  /** Avenants signed so far (number, date, object): mentioned at the end of the convention. */
  avenants: readonly { number: number; signedOn: IsoDate; object: string }[];
}

const ORDER: readonly PartyRole[] = ["DELEGANT", "PARTENAIRE", "DELEGATAIRE"];
const ROLE_NAME: Record<PartyRole, string> = { DELEGANT: "le délégant", PARTENAIRE: "le partenaire", DELEGATAIRE: "le délégataire" };
const SIGNATURE_ORDER: readonly PartyRole[] = ["PARTENAIRE", "DELEGANT", "DELEGATAIRE"];

const p = (...runs: (Run | string)[]): Block => ({ kind: "paragraph", runs: runs.map((r) => (typeof r === "string" ? { text: r } : r)) });
const b = (text: string): Run => ({ text, bold: true });

function partyOf(input: Pick<ConventionDocumentInput, "parties">, role: PartyRole): DocumentParty {
  const party = input.parties.find((x) => x.role === role);
  if (!party) throw new Error(`convention document: no ${role} party`);
  return party;
}

/** "Direction interministérielle du numérique (DINUM)". */
function partyHeading(party: DocumentParty): string {
  return party.acronym && !party.name.includes(`(${party.acronym})`) ? `${party.name} (${party.acronym})` : party.name;
}

/** « le délégant », or « DNUM ministérielle » ou « le délégataire » when the text gives the party a name of its own. */
function designationOf(party: DocumentParty): string {
  const own = party.designation
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s && s !== ROLE_NAME[party.role]);
  return [...own, ROLE_NAME[party.role]].map((s) => `« ${s} »`).join(" ou ");
}

function partiesBlocks(input: Pick<ConventionDocumentInput, "parties" | "legalBasis">): Block[] {
  const blocks: Block[] = [p("Entre")];
  ORDER.forEach((role, i) => {
    const party = partyOf(input, role);
    if (i > 0) blocks.push(p("et"));
    blocks.push(p(b(partyHeading(party))));
    blocks.push(p(`Adresse : ${party.address},`));
    blocks.push(p(`Représentée par ${party.representativeName}, ${party.representativeTitle},`));
    blocks.push(p(`Ci-après dénommée ${designationOf(party)},`));
  });
  blocks.push(p("Et ensemble, « les parties »"));
  for (const basis of input.legalBasis) blocks.push(p(`Vu le ${basis.charAt(0).toLowerCase()}${basis.slice(1)},`));
  return blocks;
}

/** The tranches of one year and credit type, as the text words them ("50 % … dès la signature"). */
function trancheItems(input: Pick<ConventionDocumentInput, "midTermReviewDueOn" | "signedOn">, shares: readonly { rank: number; shareBasisPoints: number; trigger: TrancheTrigger }[]): Run[][] {
  const review = input.midTermReviewDueOn ?? (input.signedOn ? defaultMidTermReviewDue(input.signedOn) : null);
  return [...shares]
    .sort((x, y) => x.rank - y.rank)
    .map((s, i) => {
      const share = formatShare(s.shareBasisPoints);
      if (s.trigger === "SIGNATURE") return [b(share), { text: ` du montant${i > 0 ? " restant" : ""} seront mis à disposition dès la signature de la convention.` }];
      return [
        b(share),
        {
          text:
            `${i > 0 ? " restants" : " du montant"} seront débloqués suite au bilan de mi-parcours avec l'équipe FAST` +
            (review ? ` (au plus tard le ${formatDate(review)})` : "") +
            ", sous réserve de la bonne mobilisation de l'équipe lauréate pour accélérer l'impact en cohérence avec l'ambition définie lors du séminaire de lancement.",
        },
      ];
    });
}

function tranchesBlocks(input: ConventionDocumentInput): Block[] {
  // Group by year and credit type; a year whose AE and CP share the same tranches is said once.
  const key = (t: { rank: number; shareBasisPoints: number; trigger: TrancheTrigger }) => `${t.rank}:${t.shareBasisPoints}:${t.trigger}`;
  const years = [...new Set(input.tranches.map((t) => t.year))].sort((x, y) => x - y);
  const blocks: Block[] = [];
  for (const year of years) {
    const ae = input.tranches.filter((t) => t.year === year && t.creditType === "AE");
    const cp = input.tranches.filter((t) => t.year === year && t.creditType === "CP");
    const same = ae.map(key).sort().join() === cp.map(key).sort().join();
    const groups: [string, typeof ae][] = same ? [["AE et CP", ae]] : [["AE", ae], ["CP", cp]];
    for (const [label, shares] of groups) {
      if (shares.length === 0) continue;
      const prefix = years.length > 1 || !same ? `En ${year}, pour les ${label}, l` : "L";
      blocks.push(p(`${prefix}es crédits seront mis à disposition en ${shares.length} temps :`));
      blocks.push({ kind: "bullets", items: trancheItems(input, shares) });
    }
  }
  return blocks;
}

function obligationsOf(input: ConventionDocumentInput, articleNumber: number): Block[] {
  const prefix = `Art. ${articleNumber}`;
  const list = input.obligations.filter((o) => o.article.startsWith(prefix));
  const blocks: Block[] = [];
  let current: string | null = null;
  let items: Run[][] = [];
  const flush = () => {
    if (items.length) blocks.push({ kind: "bullets", items });
    items = [];
  };
  for (const o of list) {
    const section = o.article.split("—")[1]?.trim() ?? "";
    if (section !== current) {
      flush();
      current = section;
      // Article 3 and 4's sections repeat the article's own title: no subheading then.
      if (section && !/^Obligations de|^Exécution financière/.test(section)) blocks.push({ kind: "subheading", text: section });
    }
    items.push([b(`${o.title} : `), { text: o.description }]);
  }
  flush();
  return blocks;
}

function totalOf(credits: ConventionDocumentInput["credits"], type: CreditType): Cents {
  return credits.reduce((acc, c) => acc + (type === "AE" ? c.aeCents : c.cpCents), 0n);
}

/** The convention as its signed text reads, from the record. */
export function conventionDocument(input: ConventionDocumentInput): DocumentModel {
  const partner = partyOf(input, "PARTENAIRE");
  const startup = `« ${input.startupName} »`;
  const years = input.credits.map((c) => c.year);
  const yearsText = years.length === 1 ? `en ${years[0]}` : `de ${years[0]} à ${years[years.length - 1]}`;
  const blocks: Block[] = [
    { kind: "title", text: input.title },
    p(`Référence : ${input.reference}${input.signedOn ? "" : " — projet non signé"}`),
    ...partiesBlocks(input),
    { kind: "heading", text: "Préambule" },
    p(
      "Au sein de la DINUM, le programme interministériel beta.gouv.fr construit et développe des services numériques selon l'approche Startup d'État, en petites équipes pluridisciplinaires associant des experts du numérique et un ou plusieurs agents publics de l'administration partenaire agissant en qualité d'« intrapreneur(s) ». Le Fonds d'accélération des Startups d'État et de Territoire (FAST), piloté par la DINUM, a été doté d'un budget pour investir dans des solutions concrètes de politiques publiques.",
    ),
    p(
      `Au titre de l'appel ${input.fastCall}, la Startup d'État `,
      b(startup),
      ` portée par ${partner.acronym || partner.name} obtient un cofinancement de `,
      b(eurosInFiguresAndWords(input.fastFundingCents)),
      " au titre du FAST et un appui à l'accélération du service numérique par la DINUM.",
    ),
    p("Cette convention de délégation de gestion est établie pour permettre au partenaire de bénéficier des fonds obtenus par sa startup d'État au titre de l'appel FAST."),
    p("Il a été convenu ce qui suit :"),
    { kind: "heading", text: "Article 1 : Objet de la délégation" },
    p(
      "La présente convention a pour objet de définir la répartition des rôles et les modalités de participation financière du partenaire, du délégataire et du délégant (la DINUM) conformément aux décisions des appels à projets FAST au bénéfice du service numérique ",
      b(startup),
      ", en suivant l'approche documentée sur la page https://beta.gouv.fr/approche/.",
    ),
    p(
      "Conformément à l'article 2 du décret n° 2004-1085 du 14 octobre 2004 visé en référence, la présente convention précise les modalités d'exécution financière de l'action, le montant alloué au projet et les imputations budgétaires et analytiques à renseigner dans CHORUS.",
    ),
    { kind: "heading", text: "Article 2 : Obligations du partenaire" },
    p("Par les présentes, le partenaire s'engage à :"),
    ...obligationsOf(input, 2),
  ];
  if (input.coFinancingCents !== null && !input.obligations.some((o) => o.title.includes("cofinancement"))) {
    blocks.push(
      p(
        "Le partenaire prévoit une enveloppe de cofinancement de ",
        b(eurosInFiguresAndWords(input.coFinancingCents)),
        input.coFinancingDueMonths ? ` à engager dans les ${input.coFinancingDueMonths} mois suivant la signature de la présente convention.` : ".",
      ),
    );
  }
  blocks.push(
    { kind: "heading", text: "Article 3 : Obligations de la DINUM" },
    p("La DINUM s'engage à :"),
    ...obligationsOf(input, 3),
    { kind: "heading", text: "Article 4 : Exécution financière de la délégation" },
    p(
      "Le délégant autorise le délégataire à consommer les crédits, hors titre 2, du ",
      b(`centre financier (UO) ${input.centreFinancier}`),
      " ayant vocation à financer le déploiement et l'amélioration continue de ",
      b(startup),
      `. Ces crédits sont portés sur le BOP ${input.bop} « ${input.bopLabel} » dont le responsable est le délégant. Cette autorisation couvre les opérations de dépenses liées à la phase d'accélération de `,
      b(startup),
      ".",
    ),
    p(`Le délégataire utilise le marché interministériel « ${input.marche} » pour accompagner, mettre en œuvre et garantir le développement, la conception, le déploiement et l'amélioration continue du service numérique visé par la présente convention.`),
    p(`Le délégant met à disposition ${yearsText} les montants maximums suivants, progressivement, en autorisations d'engagement (AE) et crédits de paiement (CP) sur l'UO mentionnée ci-dessus :`),
    {
      kind: "table",
      caption: "Montants maximums mis à disposition",
      header: ["Année", "AE", "CP"],
      rows: input.credits.map((c) => [String(c.year), formatEurosShort(c.aeCents), formatEurosShort(c.cpCents)]),
    },
    p(
      "Soit au total ",
      b(eurosInFiguresAndWords(totalOf(input.credits, "AE"))),
      " en autorisations d'engagement et ",
      b(eurosInFiguresAndWords(totalOf(input.credits, "CP"))),
      " en crédits de paiement.",
    ),
    ...tranchesBlocks(input),
    p("Pour assurer ses missions, le délégataire se voit confier par le délégant la gestion de crédits rattachés à l'unité opérationnelle mentionnée au présent article."),
    {
      kind: "table",
      caption: "Références Chorus",
      header: ["Référence", "Valeur"],
      rows: [
        ["Programme (BOP)", `${input.bop} — ${input.bopLabel}`],
        ["Domaine fonctionnel", input.domaineFonctionnel],
        ["Centre financier", input.centreFinancier],
        ["Activité(s)", input.activite],
        ["Centre de coût", input.centreDeCout],
        ...(input.serviceExecutant ? [["Service exécutant", input.serviceExecutant]] : []),
      ],
    },
    p("Le délégataire est chargé de retranscrire les opérations de dépenses dans le système d'information financier de l'État CHORUS, en lien avec le centre de services partagés financiers des services du Premier ministre."),
    p(`Le comptable assignataire de la dépense est le ${input.comptableAssignataire}. Une copie de la convention est transmise au CBCM des services du Premier ministre et au CBCM du délégataire.`),
    ...obligationsOf(input, 4),
    { kind: "heading", text: "Article 5 : Modification du document" },
    p(
      "Toute modification des conditions ou modalités d'exécution de la présente convention, définie d'un commun accord entre les parties, fait l'objet d'un avenant de droit dont un exemplaire est transmis au contrôleur budgétaire et comptable ministériel du Premier ministre et du délégataire.",
    ),
    { kind: "heading", text: "Article 6 : Durée et résiliation de la convention" },
    p(
      "La présente convention prend effet à sa date de signature. Elle est conclue jusqu'au ",
      b(formatDate(input.endsOn)),
      ". La période d'effet de la convention couvre l'engagement des dépenses, la réalisation des prestations et le paiement des dépenses effectuées dans le cadre de la délégation de gestion.",
    ),
    p(
      `Conformément à l'article 5 du décret n° 2004-1085 du 14 octobre 2004 visé en référence, il peut être mis fin à tout moment à la délégation de gestion par l'une des parties, sous réserve du respect d'un préavis de ${monthsInWords(input.terminationNoticeMonths)}. La résiliation de la convention entraîne de plein droit la résiliation des services associés.`,
    ),
    { kind: "heading", text: "Article 7 : Publication de la délégation" },
    p(
      "La présente convention est publiée selon les modalités propres à chaque département ministériel concerné, conformément à l'article 2 du décret n° 2004-1085 du 14 octobre 2004. Elle est notamment publiée sur le site gouvernement.fr" +
        (input.publicationUrl ? ` (${input.publicationUrl})` : "") +
        " et par la DINUM sur la plateforme data.gouv.fr.",
    ),
  );
  if (input.avenants.length > 0) {
    blocks.push(
      { kind: "subheading", text: "Avenants signés" },
      { kind: "bullets", items: input.avenants.map((a) => [b(`Avenant n° ${a.number}`), { text: ` du ${formatDate(a.signedOn)} : ${a.object}` }]) },
    );
  }
  blocks.push(
    p(input.signedOn ? `Fait à ${input.signedAt ?? "Paris"}, le ${formatDate(input.signedOn)}` : "Fait à ……………………, le ……………………"),
    { kind: "signatures", lines: SIGNATURE_ORDER.map((role) => signatureLine(partyOf(input, role))) },
  );
  return { title: input.title, fileBase: `convention-${fileSafe(input.reference)}`, blocks };
}

function signatureLine(party: DocumentParty): string {
  const who = party.role === "DELEGANT" ? "La DINUM" : party.role === "PARTENAIRE" ? "Le partenaire" : "Le délégataire";
  const signature = party.signature;
  return signature
    ? `${who}, ${signature.signatoryName}, ${signature.signatoryTitle}, signé le ${formatDate(signature.signedOn)}`
    : `${who}, ${party.representativeName}, ${party.representativeTitle}`;
}

function monthsInWords(months: number): string {
  const words = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze"];
  return `${words[months] ?? String(months)} mois`;
}

function fileSafe(reference: string): string {
  return reference.replace(/[^A-Za-z0-9_-]+/g, "-");
}

// ───────────────────────────── Avenant ─────────────────────────────

export interface AvenantDocumentInput {
  convention: Pick<ConventionDocumentInput, "reference" | "title" | "startupName" | "signedOn" | "parties" | "legalBasis">;
  avenant: { number: number; signedOn: IsoDate; object: string; signedAt?: string | null };
  changes: AvenantChanges;
}

/** One avenant: the parties, the convention it amends, its object, each recorded change as an article. */
export function avenantDocument(input: AvenantDocumentInput): DocumentModel {
  const { convention, avenant, changes } = input;
  const title = `Avenant n° ${avenant.number} à la ${convention.title.charAt(0).toLowerCase()}${convention.title.slice(1)}`;
  const blocks: Block[] = [
    { kind: "title", text: title },
    p(`Référence : ${convention.reference} — avenant n° ${avenant.number}`),
    ...partiesBlocks(convention),
    p(
      "Vu la convention de délégation de gestion ",
      b(`« ${convention.startupName} »`),
      convention.signedOn ? ` signée le ${formatDate(convention.signedOn)}, et notamment son article 5,` : ", et notamment son article 5,",
    ),
    p("Il a été convenu ce qui suit :"),
    { kind: "heading", text: "Article 1 : Objet de l'avenant" },
    p(avenant.object),
  ];
  let article = 2;
  if (changes.endsOn) {
    blocks.push({ kind: "heading", text: `Article ${article++} : Durée de la convention` }, p("La convention est conclue jusqu'au ", b(formatDate(changes.endsOn)), "."));
  }
  if (changes.midTermReviewDueOn) {
    blocks.push({ kind: "heading", text: `Article ${article++} : Bilan de mi-parcours` }, p("Le bilan de mi-parcours a lieu au plus tard le ", b(formatDate(changes.midTermReviewDueOn)), "."));
  }
  if (changes.credits) {
    blocks.push(
      { kind: "heading", text: `Article ${article++} : Montants mis à disposition` },
      p("Les montants maximums mis à disposition par le délégant sont portés, pour les années suivantes, à :"),
      {
        kind: "table",
        caption: "Montants maximums modifiés",
        header: ["Année", "AE", "CP"],
        rows: changes.credits.map((c) => [String(c.year), c.aeCents !== undefined ? formatEurosShort(c.aeCents) : "inchangé", c.cpCents !== undefined ? formatEurosShort(c.cpCents) : "inchangé"]),
      },
      {
        kind: "bullets",
        items: changes.credits.flatMap((c) => [
          ...(c.aeCents !== undefined ? [[{ text: `AE ${c.year} : ` }, b(eurosInFiguresAndWords(c.aeCents))]] : []),
          ...(c.cpCents !== undefined ? [[{ text: `CP ${c.year} : ` }, b(eurosInFiguresAndWords(c.cpCents))]] : []),
        ]),
      },
    );
  }
  if (changes.tranches) {
    blocks.push({ kind: "heading", text: `Article ${article++} : Mise à disposition des crédits` });
    for (const t of changes.tranches) {
      blocks.push(p(`En ${t.year}, les ${t.creditType === "AE" ? "autorisations d'engagement" : "crédits de paiement"} sont mis à disposition en ${t.shares.length} temps :`));
      blocks.push({ kind: "bullets", items: trancheItems({ midTermReviewDueOn: changes.midTermReviewDueOn ?? null, signedOn: convention.signedOn }, t.shares) });
    }
  }
  blocks.push(
    { kind: "heading", text: `Article ${article} : Autres stipulations` },
    p("Les autres stipulations de la convention demeurent inchangées. Un exemplaire du présent avenant est transmis au contrôleur budgétaire et comptable ministériel du Premier ministre et du délégataire."),
    { kind: "subheading", text: "Récapitulatif des modifications" },
    { kind: "bullets", items: describeAvenantChanges(changes).map((line) => [{ text: line }]) },
    p(`Fait à ${avenant.signedAt ?? "Paris"}, le ${formatDate(avenant.signedOn)}`),
    { kind: "signatures", lines: SIGNATURE_ORDER.map((role) => signatureLine(partyOf(convention, role))) },
  );
  return { title, fileBase: `avenant-${avenant.number}-${fileSafe(convention.reference)}`, blocks };
}

/** Every text of a model, in order: what a reader of either file must find (the tests compare them). */
export function plainText(model: DocumentModel): string {
  return model.blocks
    .map((block) => {
      switch (block.kind) {
        case "title":
        case "heading":
        case "subheading":
          return block.text;
        case "paragraph":
          return block.runs.map((r) => r.text).join("");
        case "bullets":
          return block.items.map((runs) => runs.map((r) => r.text).join("")).join("\n");
        case "table":
          return [block.header.join(" "), ...block.rows.map((r) => r.join(" "))].join("\n");
        case "signatures":
          return block.lines.join("\n");
      }
    })
    .join("\n");
}

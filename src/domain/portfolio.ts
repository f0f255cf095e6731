// DINUM's view of the whole portfolio: one row per convention (state, credits, alerts) and the totals of
// the rows shown, with the filters and the sort of the /pilotage page and of its CSV export. Pure: the
// server derives each convention (deriveConvention) and this module only reads what the view exposes.
import { z } from "zod";
import { isRunning, STATE_LABELS, type ConventionState } from "./convention-state";
import type { ConventionStanding } from "./convention-view";
import type { AeLine, CpLine } from "./credits";
import { daysBetween, type IsoDate } from "./dates";
import { csvDate, type CsvCell } from "./csv";
import { trancheName } from "./tranches";

/** A convention the actor may see, derived at `today`. */
export interface PortfolioInput {
  id: string;
  reference: string;
  startupName: string;
  /** Acronym of the partner's organisation. */
  partner: string;
  view: ConventionStanding;
  /** Obligations past their due date and not met (obligationStatus "EN_RETARD"). */
  lateObligations: number;
  /** Notices sent to DINUM (délégant) not answered yet. */
  pendingNotices: number;
  /** The cost of impact (lead metric, usage measures) worsened at the latest committee that measured it. */
  costWorsened?: boolean;
}

export interface PortfolioRow {
  id: string;
  reference: string;
  startupName: string;
  partner: string;
  state: ConventionState;
  /** End date, or the termination's effective date if earlier. */
  endsOn: IsoDate;
  /** All years of the convention added up, as CreditSummary totals them. */
  ae: AeLine;
  cp: CpLine;
  /** Names of the tranches waiting for DINUM's release ("Tranche 2 AE 2024"). */
  releasable: string[];
  /** The mid-term review is not recorded and its due date has passed (some tranche is EN_RETARD). */
  reviewLate: boolean;
  /** In force or suspended, and ends within ENDING_SOON_DAYS of today. */
  endingSoon: boolean;
  lateObligations: number;
  pendingNotices: number;
  /** The date of the committee whose arrêt stands (the latest decided committee decided arrêt), if any. */
  arretDecidedOn: IsoDate | null;
  costWorsened: boolean;
}

export interface PortfolioTotals {
  conventions: number;
  ae: AeLine;
  cp: CpLine;
  releasableTranches: number;
  /** Conventions with at least one tranche waiting for release. */
  conventionsToRelease: number;
  reviewsLate: number;
  endingSoon: number;
  /** Late obligations, all conventions shown added up. */
  lateObligations: number;
  /** Conventions with at least one late obligation. */
  conventionsWithLateObligations: number;
  pendingNotices: number;
}

export const ENDING_SOON_DAYS = 60;


export function portfolioRow(input: PortfolioInput, today: IsoDate): PortfolioRow {
  const { view } = input;
  const state = view.situation.state;
  const daysLeft = daysBetween(today, view.dates.endsOn);
  return {
    id: input.id,
    reference: input.reference,
    startupName: input.startupName,
    partner: input.partner,
    state,
    endsOn: view.dates.endsOn,
    ae: { ...view.credits.total.ae },
    cp: { ...view.credits.total.cp },
    releasable: view.tranches.filter((t) => t.status === "DEBLOQUABLE").map(trancheName),
    reviewLate: view.tranches.some((t) => t.status === "EN_RETARD"),
    endingSoon: isRunning(state) && daysLeft >= 0 && daysLeft <= ENDING_SOON_DAYS,
    lateObligations: input.lateObligations,
    pendingNotices: input.pendingNotices,
    arretDecidedOn: view.decisions.latest?.decisionKind === "ARRET" ? view.decisions.latest.heldOn : null,
    costWorsened: input.costWorsened ?? false,
  };
}

export function portfolioRows(inputs: readonly PortfolioInput[], today: IsoDate): PortfolioRow[] {
  return inputs.map((input) => portfolioRow(input, today));
}

const zeroAe = (): AeLine => ({ allocated: 0n, madeAvailable: 0n, toMakeAvailable: 0n, engaged: 0n, leftToEngage: 0n });
const zeroCp = (): CpLine => ({ allocated: 0n, madeAvailable: 0n, toMakeAvailable: 0n, paid: 0n, leftToPay: 0n });

/** Exact sums (bigint cents) and counts over the given rows. One accumulator, added to in place: it runs over
 * every visible convention for each portfolio request. */
export function portfolioTotals(rows: readonly PortfolioRow[]): PortfolioTotals {
  const t: PortfolioTotals = {
    conventions: 0,
    ae: zeroAe(),
    cp: zeroCp(),
    releasableTranches: 0,
    conventionsToRelease: 0,
    reviewsLate: 0,
    endingSoon: 0,
    lateObligations: 0,
    conventionsWithLateObligations: 0,
    pendingNotices: 0,
  };
  for (const row of rows) {
    t.conventions += 1;
    t.ae.allocated += row.ae.allocated;
    t.ae.madeAvailable += row.ae.madeAvailable;
    t.ae.toMakeAvailable += row.ae.toMakeAvailable;
    t.ae.engaged += row.ae.engaged;
    t.ae.leftToEngage += row.ae.leftToEngage;
    t.cp.allocated += row.cp.allocated;
    t.cp.madeAvailable += row.cp.madeAvailable;
    t.cp.toMakeAvailable += row.cp.toMakeAvailable;
    t.cp.paid += row.cp.paid;
    t.cp.leftToPay += row.cp.leftToPay;
    t.releasableTranches += row.releasable.length;
    if (row.releasable.length > 0) t.conventionsToRelease += 1;
    if (row.reviewLate) t.reviewsLate += 1;
    if (row.endingSoon) t.endingSoon += 1;
    t.lateObligations += row.lateObligations;
    if (row.lateObligations > 0) t.conventionsWithLateObligations += 1;
    t.pendingNotices += row.pendingNotices;
  }
  return t;
}

// ───────────────────────────── Filters and sort ─────────────────────────────

/** Sortable columns, keyed by their name in the URL (French, like the app's URLs). */
export const SORT_COLUMNS = {
  reference: { label: "Référence", value: (r: PortfolioRow) => r.reference },
  startup: { label: "Startup", value: (r: PortfolioRow) => r.startupName },
  partenaire: { label: "Partenaire", value: (r: PortfolioRow) => r.partner },
  etat: { label: "État", value: (r: PortfolioRow) => STATE_ORDER.indexOf(r.state) },
  echeance: { label: "Échéance", value: (r: PortfolioRow) => r.endsOn },
  "ae-dotation": { label: "AE allouées", value: (r: PortfolioRow) => r.ae.allocated },
  "ae-disponibles": { label: "AE mises à disposition", value: (r: PortfolioRow) => r.ae.madeAvailable },
  "ae-engagees": { label: "AE engagées", value: (r: PortfolioRow) => r.ae.engaged },
  "ae-reste": { label: "AE restant à engager", value: (r: PortfolioRow) => r.ae.leftToEngage },
  "cp-dotation": { label: "CP alloués", value: (r: PortfolioRow) => r.cp.allocated },
  "cp-disponibles": { label: "CP mis à disposition", value: (r: PortfolioRow) => r.cp.madeAvailable },
  "cp-payes": { label: "CP payés", value: (r: PortfolioRow) => r.cp.paid },
  "cp-reste": { label: "CP restant à payer", value: (r: PortfolioRow) => r.cp.leftToPay },
  "a-debloquer": { label: "Points d'attention (tranches à débloquer)", value: (r: PortfolioRow) => r.releasable.length },
} as const satisfies Record<string, { label: string; value: (r: PortfolioRow) => string | number | bigint }>;

export type SortColumn = keyof typeof SORT_COLUMNS;
export type SortOrder = "asc" | "desc";

/** States in the order of a convention's life: sorting by state follows it. */
export const STATE_ORDER: readonly ConventionState[] = ["BROUILLON", "EN_VIGUEUR", "SUSPENDUE", "RESILIEE", "EXPIREE", "CLOTUREE"];

export interface PortfolioParams {
  /** Free text on reference, startup and partner (accents and case ignored). */
  q: string;
  state: ConventionState | null;
  toRelease: boolean;
  reviewLate: boolean;
  endingSoon: boolean;
  lateObligations: boolean;
  pendingNotices: boolean;
  sort: SortColumn;
  order: SortOrder;
  /** 1-based page of the table (PAGE_SIZE rows each); the totals cover every page. */
  page: number;
}

export const DEFAULT_PARAMS: PortfolioParams = {
  q: "",
  state: null,
  toRelease: false,
  reviewLate: false,
  endingSoon: false,
  lateObligations: false,
  pendingNotices: false,
  sort: "reference",
  order: "asc",
  page: 1,
};

/** Rows per page of the /pilotage table: a page DINUM can read, and HTML that stays small at 1 000 conventions. */
export const PAGE_SIZE = 50;

/** Names of the search params, in the URL of the page and of the export. */
export const PARAM_NAMES = {
  q: "q",
  state: "etat",
  toRelease: "a_debloquer",
  reviewLate: "bilan_en_retard",
  endingSoon: "fin_proche",
  lateObligations: "obligations_en_retard",
  pendingNotices: "avis_en_attente",
  sort: "tri",
  order: "ordre",
  page: "page",
} as const satisfies Record<keyof PortfolioParams, string>;

type RawParams = Record<string, string | string[] | undefined>;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const flag = z.preprocess(first, z.enum(["1", "true", "on", "oui"]).transform(() => true)).catch(false);

/** Search params as Next.js or a URL gives them; anything invalid falls back to its default, never throws. */
export const portfolioParamsSchema = z
  .object({
    [PARAM_NAMES.q]: z.preprocess(first, z.string().transform((s) => s.trim().slice(0, 100))).catch(DEFAULT_PARAMS.q),
    [PARAM_NAMES.state]: z.preprocess(first, z.enum(STATE_ORDER as [ConventionState, ...ConventionState[]]).nullable()).catch(null),
    [PARAM_NAMES.toRelease]: flag,
    [PARAM_NAMES.reviewLate]: flag,
    [PARAM_NAMES.endingSoon]: flag,
    [PARAM_NAMES.lateObligations]: flag,
    [PARAM_NAMES.pendingNotices]: flag,
    [PARAM_NAMES.sort]: z.preprocess(first, z.enum(Object.keys(SORT_COLUMNS) as [SortColumn, ...SortColumn[]])).catch(DEFAULT_PARAMS.sort),
    [PARAM_NAMES.order]: z.preprocess(first, z.enum(["asc", "desc"])).catch(DEFAULT_PARAMS.order),
    [PARAM_NAMES.page]: z.preprocess(first, z.coerce.number().int().min(1).max(100_000)).catch(DEFAULT_PARAMS.page),
  })
  .transform(
    (p): PortfolioParams => ({
      q: p[PARAM_NAMES.q],
      state: p[PARAM_NAMES.state] ?? null,
      toRelease: p[PARAM_NAMES.toRelease],
      reviewLate: p[PARAM_NAMES.reviewLate],
      endingSoon: p[PARAM_NAMES.endingSoon],
      lateObligations: p[PARAM_NAMES.lateObligations],
      pendingNotices: p[PARAM_NAMES.pendingNotices],
      sort: p[PARAM_NAMES.sort],
      order: p[PARAM_NAMES.order],
      page: p[PARAM_NAMES.page],
    }),
  );

export function parsePortfolioParams(raw: RawParams | URLSearchParams | null | undefined): PortfolioParams {
  const record: RawParams = {};
  if (raw instanceof URLSearchParams) {
    for (const key of new Set(raw.keys())) record[key] = raw.getAll(key);
  } else if (raw) {
    Object.assign(record, raw);
  }
  const parsed = portfolioParamsSchema.safeParse(record);
  return parsed.success ? parsed.data : { ...DEFAULT_PARAMS };
}

/** The query string of these params, without the defaults ("" when all are defaults). */
export function portfolioQuery(params: PortfolioParams, overrides: Partial<PortfolioParams> = {}): string {
  const p = { ...params, ...overrides };
  const search = new URLSearchParams();
  if (p.q) search.set(PARAM_NAMES.q, p.q);
  if (p.state) search.set(PARAM_NAMES.state, p.state);
  if (p.toRelease) search.set(PARAM_NAMES.toRelease, "1");
  if (p.reviewLate) search.set(PARAM_NAMES.reviewLate, "1");
  if (p.endingSoon) search.set(PARAM_NAMES.endingSoon, "1");
  if (p.lateObligations) search.set(PARAM_NAMES.lateObligations, "1");
  if (p.pendingNotices) search.set(PARAM_NAMES.pendingNotices, "1");
  if (p.sort !== DEFAULT_PARAMS.sort || p.order !== DEFAULT_PARAMS.order) {
    search.set(PARAM_NAMES.sort, p.sort);
    search.set(PARAM_NAMES.order, p.order);
  }
  if (p.page !== DEFAULT_PARAMS.page) search.set(PARAM_NAMES.page, String(p.page));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Lower case, without accents: "Démo" matches "demo". */
export function normalizeText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("fr-FR").trim();
}

export function filterRows(
  rows: readonly PortfolioRow[],
  params: Pick<PortfolioParams, "q" | "state" | "toRelease" | "reviewLate" | "endingSoon" | "lateObligations" | "pendingNotices">,
): PortfolioRow[] {
  const q = normalizeText(params.q);
  return rows.filter(
    (r) =>
      (!params.state || r.state === params.state) &&
      (!params.toRelease || r.releasable.length > 0) &&
      (!params.reviewLate || r.reviewLate) &&
      (!params.endingSoon || r.endingSoon) &&
      (!params.lateObligations || r.lateObligations > 0) &&
      (!params.pendingNotices || r.pendingNotices > 0) &&
      (!q || [r.reference, r.startupName, r.partner].some((field) => normalizeText(field).includes(q))),
  );
}

const collator = new Intl.Collator("fr-FR", { sensitivity: "base", numeric: true });

function compareValues(a: string | number | bigint, b: string | number | bigint): number {
  if (typeof a === "string" && typeof b === "string") return collator.compare(a, b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted copy; ties keep the reference order, whatever the direction. */
export function sortRows(rows: readonly PortfolioRow[], params: Pick<PortfolioParams, "sort" | "order">): PortfolioRow[] {
  const value = SORT_COLUMNS[params.sort].value as (r: PortfolioRow) => string | number | bigint;
  const sign = params.order === "desc" ? -1 : 1;
  return [...rows].sort((a, b) => sign * compareValues(value(a), value(b)) || collator.compare(a.reference, b.reference) || a.id.localeCompare(b.id));
}

export interface Portfolio {
  params: PortfolioParams;
  /** Every visible convention, before filters. */
  all: number;
  /** Every row after filters, sorted (the CSV export writes them all). */
  rows: PortfolioRow[];
  /** Totals of the rows after filters (every page). */
  totals: PortfolioTotals;
  /** The rows of the page asked for (the last page if it asked beyond). */
  pageRows: PortfolioRow[];
  page: number;
  pageCount: number;
}

/** Rows, filtered and sorted by the params, with their totals. */
export function portfolio(inputs: readonly PortfolioInput[], today: IsoDate, params: PortfolioParams): Portfolio {
  return portfolioOf(portfolioRows(inputs, today), params);
}

/** The same from rows already derived at the day (the stored standings: src/domain/portfolio-standing.ts). */
export function portfolioOf(allRows: readonly PortfolioRow[], params: PortfolioParams): Portfolio {
  const rows = sortRows(filterRows(allRows, params), params);
  const pageCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(params.page, pageCount);
  const pageRows = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return { params, all: allRows.length, rows, totals: portfolioTotals(rows), pageRows, page, pageCount };
}

// ───────────────────────────── CSV ─────────────────────────────

/**
 * Header and lines of the CSV export, totals last: amounts in cents and counts as typed cells, dates as
 * dd/mm/yyyy. Writing them (decimal comma, quoting, neutralising formulas) is csvResponse's job.
 */
export function portfolioCsvRecords(p: Pick<Portfolio, "rows" | "totals">): CsvCell[][] {
  const yesNo = (v: boolean) => (v ? "Oui" : "Non");
  const amounts = (ae: AeLine, cp: CpLine) => [ae.allocated, ae.madeAvailable, ae.engaged, ae.leftToEngage, cp.allocated, cp.madeAvailable, cp.paid, cp.leftToPay];
  const header = [
    "Référence",
    "Startup",
    "Partenaire",
    "État",
    "Échéance",
    "AE allouées (€)",
    "AE mises à disposition (€)",
    "AE engagées (€)",
    "AE restant à engager (€)",
    "CP alloués (€)",
    "CP mis à disposition (€)",
    "CP payés (€)",
    "CP restant à payer (€)",
    "Tranches à débloquer (nombre)",
    "Tranches à débloquer",
    "Bilan de mi-parcours en retard",
    "Fin sous 60 jours",
    "Obligations en retard (nombre)",
    "Avis en attente de réponse de la DINUM (nombre)",
    "Arrêt décidé en comité le",
    "Coût de l'impact en hausse au dernier comité",
  ];
  const lines = p.rows.map((r) => [
    r.reference,
    r.startupName,
    r.partner,
    STATE_LABELS[r.state],
    csvDate(r.endsOn),
    ...amounts(r.ae, r.cp),
    r.releasable.length,
    r.releasable.join(", "),
    yesNo(r.reviewLate),
    yesNo(r.endingSoon),
    r.lateObligations,
    r.pendingNotices,
    r.arretDecidedOn ? csvDate(r.arretDecidedOn) : "",
    yesNo(r.costWorsened),
  ]);
  const t = p.totals;
  const total = [
    `Total (${t.conventions} convention${t.conventions > 1 ? "s" : ""})`,
    "",
    "",
    "",
    "",
    ...amounts(t.ae, t.cp),
    t.releasableTranches,
    "",
    t.reviewsLate,
    t.endingSoon,
    t.lateObligations,
    t.pendingNotices,
    "",
    "",
  ];
  return [header, ...lines, total];
}

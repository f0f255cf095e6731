// The SQL floor of each page the benchmark measures: hand-written queries that produce the figures the page
// shows (amounts aggregated in SQL, one round trip each), and a check that the page does show them, so that
// the floor is known to be the same work, not a smaller one. A floor leaves out what is not data: rendering,
// the session, the layout's menu. Amounts come back as text and are read as bigint cents.
// The rules (a convention's state and end date in force, which tranches wait for DINUM, a late review) are not
// restated in SQL: the checks take them from the domain's own output (src/domain/portfolio.ts over the
// app's loader, computed once before the measures), and check that the floor's sums are the domain's too.
import type pg from "pg";
import { formatEuros } from "../../src/domain/money";
import type { PortfolioTotals } from "../../src/domain/portfolio";
import { PUBLIC_PAGE_SIZE } from "../../src/domain/public-conventions";

export interface Floor<R> {
  /** Runs the floor's SQL (the timed part). */
  run(client: pg.Client): Promise<R>;
  /** Null when the page (HTML or JSON) shows the figures the floor produced; else what differs. */
  check(body: string, result: R): string | null;
}

const big = (value: string | number | bigint | null | undefined) => BigInt(value ?? 0);

/** Text as React writes it in HTML (it escapes &, <, >, " and '). */
export function htmlText(html: string): string {
  return html
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&#39;", "'")
    .replaceAll("<!-- -->", "")
    .replaceAll("&nbsp;", "\u00a0")
    .replaceAll("&amp;", "&");
}

function missing(text: string, expected: Record<string, string>): string | null {
  const absent = Object.entries(expected).filter(([, value]) => !text.includes(value));
  return absent.length === 0 ? null : `absent de la page : ${absent.map(([k, v]) => `${k} « ${v} »`).join(", ")}`;
}

// ───────────────────────────── One convention ─────────────────────────────

/** One convention ($1) with its heading and the extra columns asked (`c` is the convention). */
function oneConvention(extra: string): string {
  return `
SELECT c.id, c.title, c.fast_call, c.startup_name,
  (SELECT array_agg(p.organisation_id::text) FROM convention_party p WHERE p.convention_id = c.id) AS party_organisations,
  ${extra}
FROM convention c WHERE c.id = $1::uuid`;
}

const CREDITS_JSON = `(SELECT json_agg(json_build_object('year', x.year, 'ae', x.ae_cents::text, 'cp', x.cp_cents::text) ORDER BY x.year) FROM credit_allocation x WHERE x.convention_id = c.id) AS credits`;
const TRANCHES_JSON = `(SELECT json_agg(json_build_object('year', t.year, 'type', t.credit_type, 'rank', t.rank, 'share', t.share_basis_points, 'trigger', t.trigger,
     'releasedOn', r.released_on, 'amount', r.amount_cents::text, 'by', u.full_name) ORDER BY t.year, t.credit_type, t.rank)
   FROM tranche t LEFT JOIN tranche_release r ON r.tranche_id = t.id LEFT JOIN app_user u ON u.id = r.released_by_id WHERE t.convention_id = c.id) AS tranches`;
const REVIEWS_JSON = `(SELECT json_agg(json_build_object('reviewedOn', m.reviewed_on, 'verdict', m.verdict, 'comments', m.comments, 'by', u.full_name, 'at', m.recorded_at) ORDER BY m.recorded_at)
   FROM mid_term_review m JOIN app_user u ON u.id = m.recorded_by_id WHERE m.convention_id = c.id) AS reviews`;
/** AE engaged by year of the EJ's order, CP paid by year of payment (creditSummary's rule). */
const MONEY_BY_YEAR = `
  (SELECT json_object_agg(q.y, q.s) FROM (SELECT extract(year FROM e.ordered_on)::int AS y, sum(m.amount_cents)::text AS s
     FROM engagement_juridique e JOIN ej_movement m ON m.ej_id = e.id WHERE e.convention_id = c.id GROUP BY 1) q) AS engaged_by_year,
  (SELECT json_object_agg(q.y, q.s) FROM (SELECT extract(year FROM p.paid_on)::int AS y, sum(p.amount_cents)::text AS s
     FROM payment_request p WHERE p.convention_id = c.id GROUP BY 1) q) AS paid_by_year`;

type Json<T> = T | null;
interface ConventionRow {
  id: string;
  title: string;
  party_organisations: string[];
  credits: Json<{ year: number; ae: string; cp: string }[]>;
  tranches: Json<{ year: number; type: "AE" | "CP"; rank: number; releasedOn: string | null; amount: string | null }[]>;
}
interface MoneyRow extends ConventionRow {
  engaged_by_year: Json<Record<string, string>>;
  paid_by_year: Json<Record<string, string>>;
}

/** Allocated / made available / engaged / paid per year, as the tranches and expenditure pages show them. */
export function yearFigures(row: MoneyRow, today: string) {
  const years = new Set<number>([
    ...(row.credits ?? []).map((c) => c.year),
    ...Object.keys(row.engaged_by_year ?? {}).map(Number),
    ...Object.keys(row.paid_by_year ?? {}).map(Number),
  ]);
  return [...years].sort().map((year) => {
    const credit = (row.credits ?? []).find((c) => c.year === year);
    const released = (type: "AE" | "CP") =>
      (row.tranches ?? []).filter((t) => t.year === year && t.type === type && t.releasedOn && t.releasedOn <= today).reduce((acc, t) => acc + big(t.amount), 0n);
    return {
      year,
      aeAllocated: big(credit?.ae),
      cpAllocated: big(credit?.cp),
      aeAvailable: released("AE"),
      cpAvailable: released("CP"),
      engaged: big(row.engaged_by_year?.[year]),
      paid: big(row.paid_by_year?.[year]),
    };
  });
}

// ───────────────────────────── /pilotage ─────────────────────────────

export interface PortfolioFloorRow {
  id: string;
  reference: string;
  startup_name: string;
  partner: string | null;
  ae_allocated: string;
  cp_allocated: string;
  ae_available: string;
  cp_available: string;
  ae_engaged: string;
  cp_paid: string;
  late_obligations: number;
  pending_notices: number;
}

/** Every row and figure of the portfolio of the actor's organisation ($1) at $2, in one statement. */
export const PORTFOLIO_SQL = `
WITH v AS (
  SELECT c.id, c.reference, c.startup_name
  FROM convention c
  WHERE EXISTS (SELECT 1 FROM convention_party p WHERE p.convention_id = c.id AND p.organisation_id = $1::uuid)
),
alloc AS (SELECT convention_id, sum(ae_cents) AS ae, sum(cp_cents) AS cp FROM credit_allocation GROUP BY convention_id),
rel AS (
  SELECT t.convention_id, sum(r.amount_cents) FILTER (WHERE t.credit_type = 'AE') AS ae, sum(r.amount_cents) FILTER (WHERE t.credit_type = 'CP') AS cp
  FROM tranche t JOIN tranche_release r ON r.tranche_id = t.id AND r.released_on <= $2::date GROUP BY t.convention_id
),
eng AS (SELECT e.convention_id, sum(m.amount_cents) AS ae FROM engagement_juridique e JOIN ej_movement m ON m.ej_id = e.id GROUP BY e.convention_id),
paid AS (SELECT convention_id, sum(amount_cents) AS cp FROM payment_request GROUP BY convention_id),
late AS (
  SELECT o.convention_id, count(*)::int AS n FROM obligation o
  LEFT JOIN LATERAL (SELECT u.status FROM obligation_update u WHERE u.obligation_id = o.id ORDER BY u.created_at DESC, u.id DESC LIMIT 1) l ON true
  WHERE o.due_on < $2::date AND (l.status IS NULL OR l.status IN ('A_FAIRE', 'EN_COURS')) GROUP BY o.convention_id
),
notices AS (SELECT convention_id, count(*)::int AS n FROM party_notice WHERE to_party = 'DELEGANT' AND answered_at IS NULL GROUP BY convention_id),
s AS (
  SELECT v.*,
    COALESCE(alloc.ae, 0) AS ae_allocated, COALESCE(alloc.cp, 0) AS cp_allocated, COALESCE(rel.ae, 0) AS ae_available, COALESCE(rel.cp, 0) AS cp_available,
    COALESCE(eng.ae, 0) AS ae_engaged, COALESCE(paid.cp, 0) AS cp_paid,
    COALESCE(late.n, 0) AS late_obligations, COALESCE(notices.n, 0) AS pending_notices
  FROM v
  LEFT JOIN alloc ON alloc.convention_id = v.id LEFT JOIN rel ON rel.convention_id = v.id LEFT JOIN eng ON eng.convention_id = v.id
  LEFT JOIN paid ON paid.convention_id = v.id LEFT JOIN late ON late.convention_id = v.id LEFT JOIN notices ON notices.convention_id = v.id
)
SELECT s.id, s.reference, s.startup_name, o.acronym AS partner,
  s.ae_allocated::text, s.cp_allocated::text, s.ae_available::text, s.cp_available::text, s.ae_engaged::text, s.cp_paid::text,
  s.late_obligations, s.pending_notices
FROM s
LEFT JOIN convention_party p ON p.convention_id = s.id AND p.role = 'PARTENAIRE'
LEFT JOIN organisation o ON o.id = p.organisation_id
ORDER BY s.reference`;

/** The floor's sums that differ from the domain's totals (empty when they agree). */
export function portfolioDisagreements(rows: readonly PortfolioFloorRow[], domain: PortfolioTotals): string[] {
  const sum = (pick: (r: PortfolioFloorRow) => string | number) => rows.reduce((acc, r) => acc + big(pick(r)), 0n);
  const pairs: [string, bigint, bigint][] = [
    ["conventions", BigInt(rows.length), BigInt(domain.conventions)],
    ["AE allouées", sum((r) => r.ae_allocated), domain.ae.allocated],
    ["AE mises à disposition", sum((r) => r.ae_available), domain.ae.madeAvailable],
    ["AE engagées", sum((r) => r.ae_engaged), domain.ae.engaged],
    ["CP alloués", sum((r) => r.cp_allocated), domain.cp.allocated],
    ["CP mis à disposition", sum((r) => r.cp_available), domain.cp.madeAvailable],
    ["CP payés", sum((r) => r.cp_paid), domain.cp.paid],
  ];
  return pairs.filter(([, floor, derived]) => floor !== derived).map(([name, floor, derived]) => `${name} : ${floor} selon le SQL, ${derived} selon le domaine`);
}

/**
 * `domain`: the totals the domain derives for the same organisation and day (portfolioTotals over the app's
 * loader): the tranches waiting for release and the late reviews are its rules, not the floor's.
 */
export function portfolioFloor(organisationId: string, today: string, domain: PortfolioTotals): Floor<PortfolioFloorRow[]> {
  return {
    run: async (client) => (await client.query<PortfolioFloorRow>(PORTFOLIO_SQL, [organisationId, today])).rows,
    check(html, rows) {
      const disagreements = portfolioDisagreements(rows, domain);
      if (disagreements.length > 0) return `le plancher et le domaine diffèrent : ${disagreements.join(", ")}`;
      const sum = (pick: (r: PortfolioFloorRow) => string) => rows.reduce((acc, r) => acc + big(pick(r)), 0n);
      const releasable = domain.releasableTranches;
      const late = rows.reduce((acc, r) => acc + r.late_obligations, 0);
      const notices = rows.reduce((acc, r) => acc + r.pending_notices, 0);
      // The table shows one page of rows; its footer and the key figures cover them all.
      return missing(htmlText(html), {
        conventions: `Total (${rows.length} conventions`,
        "première ligne": rows[0]?.reference ?? "",
        "AE allouées": formatEuros(sum((r) => r.ae_allocated)),
        "AE mises à disposition": formatEuros(sum((r) => r.ae_available)),
        "AE engagées": formatEuros(sum((r) => r.ae_engaged)),
        "CP mis à disposition": formatEuros(sum((r) => r.cp_available)),
        "CP payés": formatEuros(sum((r) => r.cp_paid)),
        "tranches à débloquer": `${releasable} tranche${releasable > 1 ? "s" : ""} à débloquer`,
        "bilans en retard": `${domain.reviewsLate}</p>`,
        "obligations en retard": `${late}</p><p class="fr-mb-0">obligation${late > 1 ? "s" : ""} en retard`,
        "avis sans réponse": `${notices}</p><p class="fr-mb-0">avis de délégataire sans réponse`,
      });
    },
  };
}

// ───────────────────────────── /conventions/[id] ─────────────────────────────

// What the page reads besides the record's facts (src/server/repositories/steering.ts, obligations.ts): the
// committees with their decisions, the mid-term reviews they held and the CP paid by their date, the
// indicators' measures, the latest launch ambition, the obligations with their updates.
const COMMITTEES_JSON = `(SELECT json_agg(json_build_object('id', k.id, 'heldOn', k.held_on, 'chairedBy', k.chaired_by, 'dinumInvited', k.dinum_invited,
     'dinumAttended', k.dinum_attended, 'decision', k.decision, 'orientation', k.orientation, 'minutesUrl', k.minutes_url,
     'dev', k.dev_days_per_week_tenths, 'deploy', k.deploy_days_per_week_tenths, 'by', u.full_name, 'sponsorAttended', k.sponsor_attended,
     'decisionKind', k.decision_kind, 'conditions', k.conditions, 'conditionsDueOn', k.conditions_due_on, 'conditionsMetOn', k.conditions_met_on,
     'conditionsMetNote', k.conditions_met_note, 'askedAe', k.budget_asked_ae_cents::text, 'askedCp', k.budget_asked_cp_cents::text,
     'cpPaid', (SELECT COALESCE(sum(p.amount_cents), 0)::text FROM payment_request p WHERE p.convention_id = k.convention_id AND p.paid_on <= k.held_on),
     'reviews', (SELECT json_agg(json_build_object('reviewedOn', m.reviewed_on, 'verdict', m.verdict, 'by', mu.full_name) ORDER BY m.recorded_at)
        FROM mid_term_review m JOIN app_user mu ON mu.id = m.recorded_by_id WHERE m.committee_id = k.id)) ORDER BY k.held_on)
   FROM investment_committee k JOIN app_user u ON u.id = k.recorded_by_id WHERE k.convention_id = c.id) AS committees`;
const INDICATORS_JSON = `(SELECT json_agg(json_build_object('name', i.name, 'unit', i.unit, 'definition', i.definition, 'level', i.impact_level, 'public', i.is_public,
     'usage', i.is_usage_measure, 'measures', (SELECT json_agg(json_build_object('committee', x.committee_id, 'result', x.result::text, 'objective', x.objective::text))
        FROM indicator_measure x WHERE x.indicator_id = i.id)) ORDER BY i.position, i.name)
   FROM indicator i WHERE i.convention_id = c.id) AS indicators`;
const AMBITION_JSON = `(SELECT json_build_object('target', a.target::text, 'targetOn', a.target_on, 'statement', a.statement, 'recordedOn', a.recorded_on,
     'indicator', i.name, 'unit', i.unit, 'by', u.full_name)
   FROM launch_ambition a JOIN indicator i ON i.id = a.indicator_id JOIN app_user u ON u.id = a.recorded_by_id
   WHERE a.convention_id = c.id ORDER BY a.recorded_at DESC LIMIT 1) AS ambition`;
const OBLIGATIONS_JSON = `(SELECT json_agg(json_build_object('code', o.code, 'article', o.article, 'owedBy', o.owed_by, 'title', o.title, 'kind', o.kind, 'dueOn', o.due_on,
     'updates', (SELECT json_agg(json_build_object('status', w.status, 'evidenceUrl', w.evidence_url, 'note', w.note, 'evidenceOn', w.evidence_on, 'by', wu.full_name)
        ORDER BY w.created_at DESC, w.id DESC) FROM obligation_update w JOIN app_user wu ON wu.id = w.author_id WHERE w.obligation_id = o.id)) ORDER BY o.position)
   FROM obligation o WHERE o.convention_id = c.id) AS obligations`;

const OVERVIEW_SQL = oneConvention(`
  c.purpose, c.signed_at, c.fast_funding_cents::text, c.bop, c.bop_label, c.domaine_fonctionnel, c.centre_financier, c.activite, c.centre_de_cout,
  c.comptable_assignataire, c.marche, c.legal_basis, c.published, c.publication_url, c.data_gouv_url, c.mid_term_review_due_on, c.co_financing_due_months,
  (SELECT json_agg(json_build_object('role', p.role, 'acronym', o.acronym, 'name', o.name, 'address', p.address, 'representative', p.representative_name,
     'title', p.representative_title) ORDER BY p.role) FROM convention_party p JOIN organisation o ON o.id = p.organisation_id WHERE p.convention_id = c.id) AS parties,
  ${CREDITS_JSON},
  ${TRANCHES_JSON},
  ${REVIEWS_JSON},
  ${MONEY_BY_YEAR},
  (SELECT json_agg(json_build_object('number', a.number, 'signedOn', a.signed_on, 'object', a.object) ORDER BY a.signed_on, a.number) FROM avenant a WHERE a.convention_id = c.id) AS avenants,
  ${COMMITTEES_JSON},
  ${INDICATORS_JSON},
  ${AMBITION_JSON},
  ${OBLIGATIONS_JSON}`);

/** The columns of the overview floor that its check and its test read (the rest is fetched, not read). */
export interface OverviewRow extends ConventionRow {
  parties: { acronym: string }[];
  committees: Json<{ id: string; cpPaid: string; reviews: Json<unknown[]> }[]>;
  ambition: Json<{ indicator: string }>;
  obligations: Json<{ code: string; updates: Json<unknown[]> }[]>;
}

export function conventionFloor(conventionId: string): Floor<OverviewRow> {
  return {
    run: async (client) => (await client.query<OverviewRow>(OVERVIEW_SQL, [conventionId])).rows[0]!,
    check(html, row) {
      const expected: Record<string, string> = { titre: row.title };
      for (const c of row.credits ?? []) expected[`AE ${c.year}`] = formatEuros(big(c.ae));
      for (const p of row.parties) expected[`partie ${p.acronym}`] = p.acronym;
      const last = row.committees?.at(-1);
      if (last) expected["dernier comité"] = `/comites/${last.id}"`;
      if (row.ambition) expected["métrique phare"] = `métrique phare : ${row.ambition.indicator}`;
      return missing(htmlText(html), expected);
    },
  };
}

// ───────────────────────────── /conventions/[id]/tranches ─────────────────────────────

const TRANCHES_SQL = oneConvention(`c.mid_term_review_due_on, ${CREDITS_JSON}, ${TRANCHES_JSON}, ${REVIEWS_JSON}, ${MONEY_BY_YEAR}`);

export function tranchesFloor(conventionId: string, today: string): Floor<MoneyRow> {
  return {
    run: async (client) => (await client.query(TRANCHES_SQL, [conventionId])).rows[0],
    check(html, row) {
      const expected: Record<string, string> = {};
      for (const y of yearFigures(row, today)) {
        expected[`AE engagés ${y.year}`] = formatEuros(y.engaged);
        expected[`CP payés ${y.year}`] = formatEuros(y.paid);
        expected[`reste à engager ${y.year}`] = formatEuros(y.aeAvailable - y.engaged);
      }
      return missing(htmlText(html), expected);
    },
  };
}

// ───────────────────────────── /conventions/[id]/depenses ─────────────────────────────

const EXPENDITURES_SQL = oneConvention(`${CREDITS_JSON}, ${TRANCHES_JSON}, ${MONEY_BY_YEAR},
  (SELECT json_agg(json_build_object('id', e.id, 'number', e.chorus_number, 'line', e.line_number, 'orderedOn', e.ordered_on, 'supplier', e.supplier_name,
      'object', e.object, 'engaged', COALESCE(m.s, 0)::text, 'paid', COALESCE(p.s, 0)::text) ORDER BY e.ordered_on, e.chorus_number, e.line_number)
   FROM engagement_juridique e
   LEFT JOIN (SELECT m.ej_id, sum(m.amount_cents) AS s FROM ej_movement m JOIN engagement_juridique x ON x.id = m.ej_id WHERE x.convention_id = c.id GROUP BY m.ej_id) m ON m.ej_id = e.id
   LEFT JOIN (SELECT p.ej_id, sum(p.amount_cents) AS s FROM payment_request p WHERE p.convention_id = c.id GROUP BY p.ej_id) p ON p.ej_id = e.id
   WHERE e.convention_id = c.id) AS ejs`);

type ExpenditureRow = MoneyRow & { ejs: Json<{ id: string; number: string; engaged: string; paid: string }[]> };

export function expendituresFloor(conventionId: string, today: string): Floor<ExpenditureRow> {
  return {
    run: async (client) => (await client.query(EXPENDITURES_SQL, [conventionId])).rows[0],
    check(html, row) {
      const ejs = row.ejs ?? [];
      const links = new Set([...html.matchAll(/\/depenses\/([0-9a-f-]{36})"/g)].map((m) => m[1]));
      if (links.size !== ejs.length) return `${links.size} EJ dans la page, ${ejs.length} selon le SQL`;
      const expected: Record<string, string> = {};
      for (const y of yearFigures(row, today)) expected[`AE engagés ${y.year}`] = formatEuros(y.engaged);
      const last = ejs.at(-1);
      if (last) {
        expected[`EJ ${last.number}`] = last.number;
        expected[`reste à payer de l'EJ ${last.number}`] = formatEuros(big(last.engaged) - big(last.paid));
      }
      return missing(htmlText(html), expected);
    },
  };
}

// ───────────────────────────── /api/stats/[slug] ─────────────────────────────

const STATS_SQL = `
SELECT i.id, i.name, i.unit, i.definition,
  COALESCE(json_agg(json_build_object('date', k.held_on, 'value', m.result::text) ORDER BY k.held_on) FILTER (WHERE m.result IS NOT NULL), '[]') AS stats,
  COALESCE(bool_or(k.is_demo_data) FILTER (WHERE m.id IS NOT NULL), false) AS demo
FROM convention c
JOIN indicator i ON i.convention_id = c.id AND i.is_public
LEFT JOIN investment_committee k ON k.convention_id = c.id
LEFT JOIN indicator_measure m ON m.indicator_id = i.id AND m.committee_id = k.id
WHERE c.startup_slug = $1 AND c.published
GROUP BY c.id, c.signed_on, c.reference, i.id
ORDER BY c.signed_on, c.reference, i.position, i.name`;

interface StatRow {
  id: string;
  stats: { date: string; value: string }[];
}

export function statsFloor(slug: string): Floor<StatRow[]> {
  return {
    run: async (client) => (await client.query<StatRow>(STATS_SQL, [slug])).rows,
    check(body, rows) {
      const json = JSON.parse(body) as { id: string; stats: { value: number; date: string }[] }[];
      if (json.length !== rows.length) return `${json.length} indicateurs dans l'API, ${rows.length} selon le SQL`;
      for (const [k, row] of rows.entries()) {
        const api = json[k]!;
        if (api.id !== row.id || api.stats.length !== row.stats.length) return `indicateur ${row.id} : ${api.stats.length} valeurs dans l'API, ${row.stats.length} selon le SQL`;
        for (const [j, s] of row.stats.entries()) {
          if (Number(s.value) !== api.stats[j]!.value || s.date !== api.stats[j]!.date) return `indicateur ${row.id} : ${JSON.stringify(api.stats[j])} ≠ ${JSON.stringify(s)}`;
        }
      }
      return null;
    },
  };
}

// ───────────────────────────── /publiques/conventions ─────────────────────────────

/**
 * The first page of the published conventions (no login) and the count of them all, in one round trip: what the
 * page reads (src/server/repositories/public.ts: the page's rows, newest signature first, and the count).
 */
export const PUBLISHED_SQL = `
SELECT (SELECT count(*)::int FROM convention c WHERE c.published) AS total,
  COALESCE((SELECT json_agg(r) FROM (
    SELECT c.id, c.fast_call, c.startup_name, c.startup_slug, c.fast_funding_cents::text AS funding, c.signed_on, c.ends_on, c.publication_url, c.data_gouv_url,
      (SELECT o.acronym FROM convention_party p JOIN organisation o ON o.id = p.organisation_id WHERE p.convention_id = c.id AND p.role = 'PARTENAIRE') AS partner,
      (SELECT o.acronym FROM convention_party p JOIN organisation o ON o.id = p.organisation_id WHERE p.convention_id = c.id AND p.role = 'DELEGATAIRE') AS delegataire
    FROM convention c WHERE c.published ORDER BY c.signed_on DESC NULLS LAST, c.reference LIMIT $1) r), '[]') AS rows`;

export interface PublishedRow {
  id: string;
  startup_name: string;
  startup_slug: string;
  funding: string;
  partner: string | null;
}

export interface PublishedFloorResult {
  /** Published conventions, every page. */
  total: number;
  /** The first page's rows. */
  rows: PublishedRow[];
}

/** The published conventions' list (no login): its first page, each row with its partner and délégataire, and the count. */
export function publishedConventionsFloor(pageSize: number = PUBLIC_PAGE_SIZE): Floor<PublishedFloorResult> {
  return {
    run: async (client) => (await client.query<PublishedFloorResult>(PUBLISHED_SQL, [pageSize])).rows[0]!,
    check(html, { total, rows }) {
      const links = [...html.matchAll(/href="\/publiques\/startups\/[a-z0-9-]+"/g)].length;
      if (links !== rows.length) return `${links} conventions dans la page, ${rows.length} selon le SQL`;
      const text = htmlText(html);
      const expected: Record<string, string> = {
        total: `${total.toLocaleString("fr-FR")} convention${total > 1 ? "s" : ""} publiée${total > 1 ? "s" : ""}`,
      };
      const pageCount = Math.max(1, Math.ceil(total / pageSize));
      if (pageCount > 1) expected.pages = `page 1 sur ${pageCount}`;
      for (const row of [rows[0], rows.at(-1)]) {
        if (!row) continue;
        expected[`startup ${row.startup_slug}`] = row.startup_name;
        expected[`montant ${row.startup_slug}`] = formatEuros(big(row.funding));
        if (row.partner) expected[`partenaire ${row.startup_slug}`] = row.partner;
      }
      return missing(text, expected);
    },
  };
}

// ───────────────────────────── /publiques/startups/[slug] ─────────────────────────────

const IMPACT_SQL = `
SELECT c.startup_name,
  (SELECT json_agg(json_build_object('fastCall', x.fast_call, 'signedOn', x.signed_on) ORDER BY x.signed_on, x.reference) FROM convention x WHERE x.startup_slug = $1 AND x.published) AS conventions,
  (${STATS_SQL.replace("SELECT i.id, i.name,", "SELECT json_agg(s) FROM (SELECT i.id, i.name,").replace("ORDER BY c.signed_on, c.reference, i.position, i.name", "ORDER BY c.signed_on, c.reference, i.position, i.name) s")}) AS indicators
FROM convention c WHERE c.startup_slug = $1 AND c.published ORDER BY c.signed_on DESC NULLS LAST, c.reference DESC LIMIT 1`;

interface ImpactRow {
  startup_name: string;
  indicators: { id: string; name: string; stats: { date: string; value: string }[] }[] | null;
}

/** A startup's public impact page (no login): its published conventions and the public indicators' series. */
export function startupImpactFloor(slug: string): Floor<ImpactRow> {
  return {
    run: async (client) => (await client.query<ImpactRow>(IMPACT_SQL, [slug])).rows[0]!,
    check(html, row) {
      const expected: Record<string, string> = { startup: `Impact de ${row.startup_name}` };
      for (const i of row.indicators ?? []) expected[`indicateur ${i.id}`] = i.name;
      return missing(htmlText(html), expected);
    },
  };
}

import "server-only";
// Reads of a convention's steering: investment committees, impact indicators and their measures, mapped to
// the domain's types (dates as IsoDate, decimals as exact scaled bigints).
import { db, readAll } from "../db";
import type { Tx } from "../db/audit";
import type { Prisma } from "@/generated/prisma/client";
import { isoDate, type IsoDate } from "@/domain/dates";
import { indicatorSeries, scaledFromDecimalString, type ImpactLevel, type Scaled, type SeriesRow } from "@/domain/indicators";
import type { CommitteeDecision } from "@/domain/committee-decisions";
import { costOfImpact, readAmbition, type AmbitionReading, type CostSeries, type LaunchAmbition } from "@/domain/impact-cost";

/** A DECIMAL(20, 4) as the database returns it, exactly (toFixed never writes an exponent). */
export function decimalToScaled(value: Prisma.Decimal | null): Scaled | null {
  return value === null ? null : scaledFromDecimalString(value.toFixed(4));
}

export interface CommitteeRecord {
  id: string;
  heldOn: IsoDate;
  chairedBy: string;
  dinumInvited: boolean;
  dinumAttended: boolean;
  decision: string;
  orientation: string;
  minutesUrl: string | null;
  devDaysPerWeekTenths: number | null;
  deployDaysPerWeekTenths: number | null;
  isDemoData: boolean;
  recordedByName: string;
  sponsorAttended: boolean | null;
  decisionKind: CommitteeDecision | null;
  conditions: string | null;
  conditionsDueOn: IsoDate | null;
  conditionsMetOn: IsoDate | null;
  conditionsMetNote: string | null;
  budgetAskedAeCents: bigint | null;
  budgetAskedCpCents: bigint | null;
  /** CP paid on or before the committee's date (the expenditure record's payments, reversals netted). */
  cpPaidCents: bigint;
  /** Mid-term reviews held at this committee (they cite it). */
  reviews: { reviewedOn: IsoDate; verdict: "SATISFAISANTE" | "INSUFFISANTE"; recordedByName: string }[];
}

export interface IndicatorRecord {
  id: string;
  name: string;
  unit: string;
  definition: string;
  impactLevel: ImpactLevel;
  isPublic: boolean;
  isUsageMeasure: boolean;
  position: number;
  /** One row per committee, in date order (null values where nothing was recorded). */
  series: SeriesRow[];
}

type Client = Tx | ReturnType<typeof db>;

/** CP paid on or before each committee's date, per committee, for the given conventions (one query). */
export async function cpPaidAtCommittees(conventionIds: readonly string[], client: Client = db()): Promise<Map<string, bigint>> {
  if (conventionIds.length === 0) return new Map();
  const rows = await client.$queryRaw<{ committeeId: string; cpPaidCents: bigint }[]>`
    SELECT c.id::text AS "committeeId", COALESCE(SUM(p.amount_cents), 0)::bigint AS "cpPaidCents"
      FROM investment_committee c
      LEFT JOIN payment_request p ON p.convention_id = c.convention_id AND p.paid_on <= c.held_on
      WHERE c.convention_id = ANY(${[...conventionIds]}::uuid[])
      GROUP BY c.id`;
  return new Map(rows.map((r) => [r.committeeId, BigInt(r.cpPaidCents)]));
}

export interface AmbitionRecord extends LaunchAmbition {
  indicatorName: string;
  unit: string;
  recordedByName: string;
}

/** The committees, the indicators and the latest ambition of a convention, in one query (joined as JSON). */
function steeringRow(conventionId: string, client: Client) {
  return client.convention.findUnique({
    where: { id: conventionId },
    select: {
      committees: {
        orderBy: { heldOn: "asc" },
        include: { recordedBy: { select: { fullName: true } }, reviews: { orderBy: { recordedAt: "asc" }, include: { recordedBy: { select: { fullName: true } } } } },
      },
      indicators: { orderBy: [{ position: "asc" }, { name: "asc" }], include: { measures: true } },
      launchAmbitions: {
        orderBy: { recordedAt: "desc" },
        take: 1,
        include: { indicator: { select: { name: true, unit: true } }, recordedBy: { select: { fullName: true } } },
      },
    },
  });
}
type SteeringRow = NonNullable<Awaited<ReturnType<typeof steeringRow>>>;

function indicatorRecordsOf(indicators: SteeringRow["indicators"], committees: readonly { id: string; heldOn: IsoDate }[]): IndicatorRecord[] {
  return indicators.map((i) => {
    const byCommittee = new Map(i.measures.map((m) => [m.committeeId, m]));
    return {
      id: i.id,
      name: i.name,
      unit: i.unit,
      definition: i.definition,
      impactLevel: i.impactLevel,
      isPublic: i.isPublic,
      isUsageMeasure: i.isUsageMeasure,
      position: i.position,
      series: indicatorSeries(
        committees.map((c) => {
          const m = byCommittee.get(c.id);
          return { committeeId: c.id, heldOn: c.heldOn, result: decimalToScaled(m?.result ?? null), objective: decimalToScaled(m?.objective ?? null) };
        }),
      ),
    };
  });
}

function ambitionOf(ambitionRow: SteeringRow["launchAmbitions"][number] | undefined): AmbitionRecord | null {
  return ambitionRow
    ? {
        indicatorId: ambitionRow.indicatorId,
        target: decimalToScaled(ambitionRow.target)!,
        targetOn: isoDate(ambitionRow.targetOn),
        statement: ambitionRow.statement,
        recordedOn: isoDate(ambitionRow.recordedOn),
        indicatorName: ambitionRow.indicator.name,
        unit: ambitionRow.indicator.unit,
        recordedByName: ambitionRow.recordedBy.fullName,
      }
    : null;
}

export async function loadSteering(conventionId: string, client: Client = db()) {
  // Two round trips for a page that shows them: the steering's rows, and the CP paid at each committee.
  const [row, cpPaid] = await readAll(client, [() => steeringRow(conventionId, client), () => cpPaidAtCommittees([conventionId], client)]);
  const committeeRecords: CommitteeRecord[] = (row?.committees ?? []).map((c) => ({
    id: c.id,
    heldOn: isoDate(c.heldOn),
    chairedBy: c.chairedBy,
    dinumInvited: c.dinumInvited,
    dinumAttended: c.dinumAttended,
    decision: c.decision,
    orientation: c.orientation,
    minutesUrl: c.minutesUrl,
    devDaysPerWeekTenths: c.devDaysPerWeekTenths,
    deployDaysPerWeekTenths: c.deployDaysPerWeekTenths,
    isDemoData: c.isDemoData,
    recordedByName: c.recordedBy.fullName,
    sponsorAttended: c.sponsorAttended,
    decisionKind: c.decisionKind,
    conditions: c.conditions,
    conditionsDueOn: c.conditionsDueOn ? isoDate(c.conditionsDueOn) : null,
    conditionsMetOn: c.conditionsMetOn ? isoDate(c.conditionsMetOn) : null,
    conditionsMetNote: c.conditionsMetNote,
    budgetAskedAeCents: c.budgetAskedAeCents,
    budgetAskedCpCents: c.budgetAskedCpCents,
    cpPaidCents: cpPaid.get(c.id) ?? 0n,
    reviews: c.reviews.map((r) => ({ reviewedOn: isoDate(r.reviewedOn), verdict: r.verdict, recordedByName: r.recordedBy.fullName })),
  }));
  const indicatorRecords = indicatorRecordsOf(row?.indicators ?? [], committeeRecords);
  const ambition = ambitionOf(row?.launchAmbitions[0]);
  return { committees: committeeRecords, indicators: indicatorRecords, ambition, costs: costsOf(committeeRecords, indicatorRecords, ambition) };
}

/**
 * What the tranches page shows of the steering, in one query: the launch ambition, the indicators' readings
 * (ambitionReading) and the committees' dates — not the CP paid at each committee nor the cost of impact.
 */
export async function loadAmbition(conventionId: string, client: Client = db()) {
  const row = await steeringRow(conventionId, client);
  const committees = (row?.committees ?? []).map((c) => ({ id: c.id, heldOn: isoDate(c.heldOn) }));
  return { committees, indicators: indicatorRecordsOf(row?.indicators ?? [], committees), ambition: ambitionOf(row?.launchAmbitions[0]) };
}

/** The cost of impact at each committee, for the lead metric and each usage measure. */
function costsOf(committees: readonly CommitteeRecord[], indicators: readonly IndicatorRecord[], ambition: AmbitionRecord | null): CostSeries[] {
  const metrics = indicators
    .filter((i) => i.isUsageMeasure || i.id === ambition?.indicatorId)
    .map((i) => ({ indicatorId: i.id, name: i.name, unit: i.unit, lead: i.id === ambition?.indicatorId, results: i.series.map((r) => ({ committeeId: r.committeeId, result: r.result })) }));
  return costOfImpact(
    committees.map((c) => ({ committeeId: c.id, heldOn: c.heldOn, cpPaidCents: c.cpPaidCents })),
    metrics,
  );
}

/** The lead metric against the ambition at `on` (null without an ambition or a measure). */
export function ambitionReading(steering: Pick<Steering, "ambition" | "indicators">, on: IsoDate): AmbitionReading | null {
  const { ambition } = steering;
  if (!ambition) return null;
  const lead = steering.indicators.find((i) => i.id === ambition.indicatorId);
  return lead ? readAmbition(ambition, lead.series, on) : null;
}

/**
 * The cost-of-impact series of many conventions at once (DINUM's portfolio): committees, CP paid at each,
 * the lead metric and the usage measures' results, in three queries whatever their count.
 */
export async function loadCostSeries(conventionIds: readonly string[], client: Client = db()): Promise<Map<string, CostSeries[]>> {
  const out = new Map<string, CostSeries[]>();
  if (conventionIds.length === 0) return out;
  const ids = [...conventionIds];
  const [committees, cpPaid, ambitions, indicators] = await readAll(client, [
    () => client.investmentCommittee.findMany({ where: { conventionId: { in: ids } }, select: { id: true, conventionId: true, heldOn: true } }),
    () => cpPaidAtCommittees(ids, client),
    () => client.launchAmbition.findMany({ where: { conventionId: { in: ids } }, orderBy: { recordedAt: "asc" }, select: { conventionId: true, indicatorId: true } }),
    () =>
      client.indicator.findMany({
      where: { conventionId: { in: ids }, OR: [{ isUsageMeasure: true }, { ambitions: { some: {} } }] },
      select: { id: true, conventionId: true, name: true, unit: true, isUsageMeasure: true, measures: { select: { committeeId: true, result: true } } },
    }),
  ]);
  const lead = new Map(ambitions.map((a) => [a.conventionId, a.indicatorId])); // the latest wins
  for (const id of ids) {
    const metrics = indicators
      .filter((i) => i.conventionId === id && (i.isUsageMeasure || lead.get(id) === i.id))
      .map((i) => ({ indicatorId: i.id, name: i.name, unit: i.unit, lead: lead.get(id) === i.id, results: i.measures.map((m) => ({ committeeId: m.committeeId, result: decimalToScaled(m.result) })) }));
    if (metrics.length === 0) continue;
    const spending = committees.filter((c) => c.conventionId === id).map((c) => ({ committeeId: c.id, heldOn: isoDate(c.heldOn), cpPaidCents: cpPaid.get(c.id) ?? 0n }));
    out.set(id, costOfImpact(spending, metrics));
  }
  return out;
}

export type Steering = Awaited<ReturnType<typeof loadSteering>>;

import "server-only";
// Reads of a convention's steering: investment committees, impact indicators and their measures, mapped to
// the domain's types (dates as IsoDate, decimals as exact scaled bigints).
import { db } from "../db";
import type { Tx } from "../db/audit";
import type { Prisma } from "@/generated/prisma/client";
import { isoDate, type IsoDate } from "@/domain/dates";
import { indicatorSeries, scaledFromDecimalString, type ImpactLevel, type Scaled, type SeriesRow } from "@/domain/indicators";

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
}

export interface IndicatorRecord {
  id: string;
  name: string;
  unit: string;
  definition: string;
  impactLevel: ImpactLevel;
  isPublic: boolean;
  position: number;
  /** One row per committee, in date order (null values where nothing was recorded). */
  series: SeriesRow[];
}

export async function loadSteering(conventionId: string, client: Tx | ReturnType<typeof db> = db()) {
  const [committees, indicators] = await Promise.all([
    client.investmentCommittee.findMany({
      where: { conventionId },
      orderBy: { heldOn: "asc" },
      include: { recordedBy: { select: { fullName: true } } },
    }),
    client.indicator.findMany({
      where: { conventionId },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      include: { measures: true },
    }),
  ]);
  const committeeRecords: CommitteeRecord[] = committees.map((c) => ({
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
  }));
  const indicatorRecords: IndicatorRecord[] = indicators.map((i) => {
    const byCommittee = new Map(i.measures.map((m) => [m.committeeId, m]));
    return {
      id: i.id,
      name: i.name,
      unit: i.unit,
      definition: i.definition,
      impactLevel: i.impactLevel,
      isPublic: i.isPublic,
      position: i.position,
      series: indicatorSeries(
        committeeRecords.map((c) => {
          const m = byCommittee.get(c.id);
          return { committeeId: c.id, heldOn: c.heldOn, result: decimalToScaled(m?.result ?? null), objective: decimalToScaled(m?.objective ?? null) };
        }),
      ),
    };
  });
  return { committees: committeeRecords, indicators: indicatorRecords };
}

export type Steering = Awaited<ReturnType<typeof loadSteering>>;

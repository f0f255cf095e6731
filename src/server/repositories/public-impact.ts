import "server-only";
// The public impact dashboard of a startup: only published conventions, only the indicators their partner
// marked public, only the fields a publication shows. Every query selects its fields one by one, so that
// nothing private (other indicators, committee decisions, people) can leak through a later change.
import { db } from "../db";
import { isoDate, type IsoDate } from "@/domain/dates";
import { indicatorSeries, type ImpactLevel, type SeriesRow } from "@/domain/indicators";
import { decimalToScaled } from "./steering";

/** Slugs as the conventions store them: lower-case words and dashes. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface PublicIndicator {
  id: string;
  name: string;
  unit: string;
  definition: string;
  impactLevel: ImpactLevel;
  fastCall: string;
  /** True when a committee it was measured at is demo data. */
  demo: boolean;
  series: SeriesRow[];
}

export interface PublicImpact {
  slug: string;
  startupName: string;
  conventions: { fastCall: string; signedOn: IsoDate | null; endsOn: IsoDate; publicationUrl: string | null }[];
  indicators: PublicIndicator[];
}

/** Null when no published convention has this startup: unknown, unpublished and malformed look the same. */
export async function loadPublicImpact(slug: string): Promise<PublicImpact | null> {
  if (slug.length > 100 || !SLUG.test(slug)) return null;
  const conventions = await db().convention.findMany({
    where: { startupSlug: slug, published: true },
    orderBy: [{ signedOn: "asc" }, { reference: "asc" }],
    select: {
      id: true,
      fastCall: true,
      startupName: true,
      signedOn: true,
      endsOn: true,
      publicationUrl: true,
      committees: { select: { id: true, heldOn: true, isDemoData: true }, orderBy: { heldOn: "asc" } },
      indicators: {
        where: { isPublic: true },
        orderBy: [{ position: "asc" }, { name: "asc" }],
        select: {
          id: true,
          name: true,
          unit: true,
          definition: true,
          impactLevel: true,
          measures: { select: { committeeId: true, result: true, objective: true } },
        },
      },
    },
  });
  const first = conventions[0];
  if (!first) return null;
  const indicators: PublicIndicator[] = conventions.flatMap((c) =>
    c.indicators.map((i) => {
      const byCommittee = new Map(i.measures.map((m) => [m.committeeId, m]));
      const measured = c.committees.filter((k) => byCommittee.has(k.id));
      return {
        id: i.id,
        name: i.name,
        unit: i.unit,
        definition: i.definition,
        impactLevel: i.impactLevel,
        fastCall: c.fastCall,
        demo: measured.some((k) => k.isDemoData),
        series: indicatorSeries(
          c.committees.map((k) => {
            const m = byCommittee.get(k.id);
            return { committeeId: k.id, heldOn: isoDate(k.heldOn), result: decimalToScaled(m?.result ?? null), objective: decimalToScaled(m?.objective ?? null) };
          }),
        ),
      };
    }),
  );
  return {
    slug,
    startupName: conventions.at(-1)!.startupName,
    conventions: conventions.map((c) => ({ fastCall: c.fastCall, signedOn: c.signedOn ? isoDate(c.signedOn) : null, endsOn: isoDate(c.endsOn), publicationUrl: c.publicationUrl })),
    indicators,
  };
}

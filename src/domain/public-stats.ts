// The startup's public indicators in the format beta.gouv startups serve for their statistics pages:
// `{"description": "...", "stats": [{"value": 42, "date": "2024-06-30"}]}` per indicator (here a list of
// them, each with its name and unit besides), so that aggregators can read it. Only results are published,
// dated by the committee that recorded them.
import { scaledToNumber, type SeriesRow } from "./indicators";

export interface BetaGouvStat {
  value: number;
  date: string;
}

export interface PublicStat {
  id: string;
  nom: string;
  unite: string;
  description: string;
  stats: BetaGouvStat[];
  /** The values are demonstration data, not measures. */
  donneesDeDemonstration: boolean;
}

export function toPublicStat(indicator: { id: string; name: string; unit: string; definition: string; demo: boolean; series: readonly SeriesRow[] }): PublicStat {
  return {
    id: indicator.id,
    nom: indicator.name,
    unite: indicator.unit,
    description: `${indicator.name} (${indicator.unit}) : ${indicator.definition}`,
    stats: indicator.series.flatMap((r) => (r.result === null ? [] : [{ value: scaledToNumber(r.result), date: r.heldOn }])),
    donneesDeDemonstration: indicator.demo,
  };
}

import type { ConventionFacts } from "./convention-state";
// FAST 14 | France Chaleur Urbaine as its text tells it (signed 29 February 2024, ends 31 December 2024,
// 121 000 € of AE and of CP for 2024 in two 50 % tranches), for the domain's tests.
import type { ConventionRecord } from "./convention-view";
import type { MidTermReview } from "./tranches";

export const FAST14: ConventionRecord = {
  signedOn: "2024-02-29",
  endsOn: "2024-12-31",
  midTermReviewDueOn: null,
  coFinancingDueMonths: 6,
  terminationNoticeMonths: 3,
  closedOn: null,
  credits: [{ year: 2024, aeCents: 12_100_000n, cpCents: 12_100_000n }],
  tranches: [
    { year: 2024, creditType: "AE", rank: 1, shareBasisPoints: 5000, trigger: "SIGNATURE", release: null },
    { year: 2024, creditType: "AE", rank: 2, shareBasisPoints: 5000, trigger: "MID_TERM_REVIEW", release: null },
    { year: 2024, creditType: "CP", rank: 1, shareBasisPoints: 5000, trigger: "SIGNATURE", release: null },
    { year: 2024, creditType: "CP", rank: 2, shareBasisPoints: 5000, trigger: "MID_TERM_REVIEW", release: null },
  ],
  reviews: [],
  avenants: [],
  terminations: [],
  suspensions: [],
  committeeDates: [],
  engaged: [],
  paid: [],
};

export const PILOTE = "Camille Martin";

export const SATISFYING: MidTermReview = {
  reviewedOn: "2024-04-25",
  verdict: "SATISFAISANTE",
  comments: "Équipe mobilisée conformément à l'ambition du séminaire de lancement.",
  recordedByName: PILOTE,
};

export const INSUFFICIENT: MidTermReview = {
  reviewedOn: "2024-04-25",
  verdict: "INSUFFISANTE",
  comments: "Un seul jour de déploiement par semaine.",
  recordedByName: PILOTE,
};

/** FAST 14 with the given ranks released (AE and CP alike) on a date, by the pilot, for 60 500 € each. */
export function withReleases(record: ConventionRecord, releases: { rank: number; releasedOn: string }[]): ConventionRecord {
  return {
    ...record,
    tranches: record.tranches.map((t) => {
      const r = releases.find((x) => x.rank === t.rank);
      return r ? { ...t, release: { releasedOn: r.releasedOn, releasedByName: PILOTE, amountCents: 6_050_000n } } : t;
    }),
  };
}

/** Narrow no-break spaces of Intl's French formats, as plain spaces, for readable assertions. */
export const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

/** FAST 14's facts for the convention-state functions: signed, in force until 31 December 2024. */
export const FAST14_FACTS: ConventionFacts = {
  signedOn: "2024-02-29",
  endsOn: "2024-12-31",
  terminationNoticeMonths: 3,
  terminationNotices: [],
  suspensions: [],
  closedOn: null,
};

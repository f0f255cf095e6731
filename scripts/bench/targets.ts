// The targets of issue 18, read from one run's results (bench/results.json): each with its measured figure,
// its limit and whether it holds, printed by `npm run bench` and written as the report's `targets` array.
// A figure the run did not measure (--skip-import, --skip-load, a page absent) is "non mesuré" (pass: null),
// never a pass. Pure: scripts/bench/targets.test.ts checks it on hand-made results.

export const LIMITS = {
  /** Portfolio page / its SQL floor. */
  portfolioVsSql: 2,
  /** Every other page / (its SQL floor + the static page of the same layout, same server, same run). */
  pageVsFloors: 2,
  /** /pilotage under autocannon at 10 connections. */
  loadRequestsPerSecond: 20,
  loadP99Ms: 1000,
  /** Chorus import of the first extract size (100 000 lines) / COPY of the same rows. */
  importVsCopy: 3,
  /** Peak RSS of the import process, CSV and .xlsx, at every size. */
  importPeakRssMiB: 200,
  /** First-load JS (gzip) / the plain DSFR page's. */
  jsVsPlain: 1.3,
} as const;

/** One target: a ratio (`ratio`) or a figure (`value`), its limit, and whether it holds (null: not measured). */
export interface BenchTarget {
  name: string;
  /** What the figure is: a ratio (×), requests per second, milliseconds, MiB. */
  unit: "×" | "req/s" | "ms" | "Mio";
  ratio?: number | null;
  value?: number | null;
  /** "max": the figure must not exceed the limit; "min": it must reach it. */
  limit: number;
  bound: "max" | "min";
  pass: boolean | null;
  /** How the figure was obtained (page and floors in ms, the worst size…), in French. */
  detail: string;
}

interface Stats {
  median: number;
}

/** The part of a run's results the targets read (every field optional: older or partial runs). */
export interface TargetInputs {
  pages?: {
    page: string;
    path: string;
    /** "portfolio": vs its SQL floor only; "convention", "public", "api": vs SQL floor + static page. */
    kind?: "portfolio" | "convention" | "public" | "api";
    pageMs: Stats;
    sqlMs: Stats;
    ratio: Stats;
    /** The static page measured in the same runs (interleaved), and page / (SQL + static page). */
    renderFloor?: { path: string; signedIn: boolean; ms: Stats };
    ratioToFloors?: Stats;
    check: string;
  }[];
  load?: { servers?: number; http: { name: string; path: string; connections: number; requestsPerSecond: number; latencyMs: { p99: number }; errors: number; timeouts: number; non2xx: number }[] } | null;
  chorusImport?: Record<string, unknown> | null;
  firstLoadJs?: { page: string; vsPlain: number }[];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function check(value: number | null | undefined, limit: number, bound: "max" | "min"): boolean | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return bound === "max" ? value <= limit : value >= limit;
}

function ratioTarget(name: string, ratio: number | null | undefined, limit: number, detail: string, extraOk = true): BenchTarget {
  const pass = check(ratio, limit, "max");
  return { name, unit: "×", ratio: ratio === undefined || ratio === null ? null : round(ratio), limit, bound: "max", pass: pass === null ? null : pass && extraOk, detail };
}

function valueTarget(name: string, unit: BenchTarget["unit"], value: number | null | undefined, limit: number, bound: "max" | "min", detail: string): BenchTarget {
  return { name, unit, value: value === undefined || value === null ? null : round(value, 1), limit, bound, pass: check(value, limit, bound), detail };
}

/** The chorusImport entries the import part writes (scripts/bench/run.ts measureImport), read defensively. */
function importFigures(chorus: Record<string, unknown> | null | undefined) {
  const ratioEntry = chorus?.csv100k as { ratioToCopy?: number; ms?: number; copyMs?: number } | undefined;
  const peaks = chorus?.peakRssMiB as Record<string, number> | undefined;
  const writeFloorMs = (chorus?.import as { writeFloorMs?: number } | undefined)?.writeFloorMs;
  return { ratio: ratioEntry?.ratioToCopy, importMs: ratioEntry?.ms, copyMs: ratioEntry?.copyMs, writeFloorMs, peak: (key: string) => (typeof peaks?.[key] === "number" ? peaks[key] : null) };
}

/** Every target of issue 18, in the order of the issue. */
export function benchTargets(results: TargetInputs): BenchTarget[] {
  const targets: BenchTarget[] = [];
  const pages = results.pages ?? [];
  const portfolio = pages.find((p) => p.kind === "portfolio" || p.path === "/pilotage");

  targets.push(
    portfolio
      ? ratioTarget(
          "Portefeuille /pilotage : page / plancher SQL",
          portfolio.ratio.median,
          LIMITS.portfolioVsSql,
          `page ${portfolio.pageMs.median} ms, SQL ${portfolio.sqlMs.median} ms${portfolio.check === "ok" ? "" : ` ; contrôle : ${portfolio.check}`}`,
          portfolio.check === "ok",
        )
      : ratioTarget("Portefeuille /pilotage : page / plancher SQL", null, LIMITS.portfolioVsSql, "non mesuré"),
  );

  const load = results.load?.http.find((l) => l.path === "/pilotage");
  const servers = results.load?.servers ?? 1;
  const loadDetail = load
    ? `${load.connections} connexions, ${servers} serveur${servers > 1 ? "s" : ""} Next.js (npm start), ${load.errors + load.timeouts} erreurs, ${load.non2xx} réponses non 2xx`
    : "non mesuré (--skip-load)";
  // Errors or non-2xx answers make the throughput meaningless: the target fails.
  const loadClean = load ? load.errors + load.timeouts + load.non2xx === 0 : true;
  const rps = valueTarget("Portefeuille /pilotage en charge : requêtes par seconde", "req/s", load?.requestsPerSecond, LIMITS.loadRequestsPerSecond, "min", loadDetail);
  const p99 = valueTarget("Portefeuille /pilotage en charge : latence p99", "ms", load?.latencyMs.p99, LIMITS.loadP99Ms, "max", loadDetail);
  for (const t of [rps, p99]) targets.push(t.pass === null ? t : { ...t, pass: t.pass && loadClean });

  for (const kind of ["convention", "public", "api"] as const) {
    for (const p of pages.filter((x) => x.kind === kind)) {
      const floor = p.renderFloor;
      targets.push(
        ratioTarget(
          `${p.page} : page / (plancher SQL + page statique)`,
          p.ratioToFloors?.median ?? null,
          LIMITS.pageVsFloors,
          floor
            ? `page ${p.pageMs.median} ms, SQL ${p.sqlMs.median} ms, page statique ${floor.path}${floor.signedIn ? " (connecté)" : " (anonyme)"} ${floor.ms.median} ms${p.check === "ok" ? "" : ` ; contrôle : ${p.check}`}`
            : "page statique non mesurée",
          p.check === "ok",
        ),
      );
    }
  }
  const missingKinds = (["convention", "public", "api"] as const).filter((k) => !pages.some((p) => p.kind === k));
  for (const kind of missingKinds) {
    const label = { convention: "Pages d'une convention", public: "Pages publiques", api: "API publique /api/stats" }[kind];
    targets.push(ratioTarget(`${label} : page / (plancher SQL + page statique)`, null, LIMITS.pageVsFloors, "non mesuré"));
  }

  const chorus = importFigures(results.chorusImport);
  targets.push(
    ratioTarget(
      "Import Chorus 100 000 lignes : import / COPY",
      chorus.ratio,
      LIMITS.importVsCopy,
      chorus.ratio === undefined
        ? "non mesuré"
        : `import ${chorus.importMs} ms, COPY ${chorus.copyMs} ms${chorus.writeFloorMs === undefined ? "" : ` ; écriture seule des mêmes lignes dans les vraies tables ${chorus.writeFloorMs} ms`}`,
    ),
  );
  for (const [key, label] of [
    ["csv100k", "CSV 100 000 lignes"],
    ["xlsx100k", ".xlsx 100 000 lignes"],
    ["csv1000k", "CSV 1 000 000 lignes"],
    ["xlsx1000k", ".xlsx 1 000 000 lignes"],
  ] as const) {
    const peak = chorus.peak(key);
    targets.push(valueTarget(`Import Chorus ${label} : pic de mémoire (RSS)`, "Mio", peak, LIMITS.importPeakRssMiB, "max", peak === null ? "non mesuré" : "processus d'import seul"));
  }

  const js = results.firstLoadJs ?? [];
  const worst = js.reduce<{ page: string; vsPlain: number } | null>((w, j) => (w === null || j.vsPlain > w.vsPlain ? j : w), null);
  targets.push(
    ratioTarget(
      "JS du premier chargement / page DSFR simple (la pire page)",
      worst?.vsPlain ?? null,
      LIMITS.jsVsPlain,
      worst ? `${worst.page} ; ${js.length} pages mesurées` : "non mesuré",
    ),
  );
  return targets;
}

function figure(t: BenchTarget): string {
  const v = t.unit === "×" ? t.ratio : t.value;
  if (v === null || v === undefined) return "non mesuré";
  return t.unit === "×" ? `×${v}` : `${v} ${t.unit}`;
}

function limitText(t: BenchTarget): string {
  const l = t.unit === "×" ? `${t.limit}×` : `${t.limit} ${t.unit}`;
  return `${t.bound === "max" ? "≤" : "≥"} ${l}`;
}

export const verdictOf = (pass: boolean | null) => (pass === null ? "non mesuré" : pass ? "oui" : "NON");

/** The targets as rows of the printed table: name, measured, limit, verdict, detail. */
export function targetRows(targets: readonly BenchTarget[]): string[][] {
  return targets.map((t) => [t.name, figure(t), limitText(t), verdictOf(t.pass), t.detail]);
}

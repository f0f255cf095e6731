// The bench's report of issue 18's targets: every target present, ratios against the right floors, a figure
// the run did not measure reported as such (never as a pass), a load test with errors failing.
import { describe, expect, it } from "vitest";
import { benchTargets, targetRows, type TargetInputs } from "./targets";

const s = (median: number) => ({ median });

const full: TargetInputs = {
  pages: [
    { page: "Portefeuille /pilotage", path: "/pilotage", kind: "portfolio", pageMs: s(150), sqlMs: s(100), ratio: s(1.5), check: "ok" },
    {
      page: "Convention",
      path: "/conventions/x",
      kind: "convention",
      pageMs: s(30),
      sqlMs: s(4),
      ratio: s(7.5),
      renderFloor: { path: "/accessibilite", signedIn: true, ms: s(10) },
      ratioToFloors: s(30 / 14),
      check: "ok",
    },
    {
      page: "Conventions publiées",
      path: "/publiques/conventions",
      kind: "public",
      pageMs: s(20),
      sqlMs: s(5),
      ratio: s(4),
      renderFloor: { path: "/accessibilite", signedIn: false, ms: s(8) },
      ratioToFloors: s(20 / 13),
      check: "ok",
    },
    {
      page: "API publique /api/stats",
      path: "/api/stats/x",
      kind: "api",
      pageMs: s(5),
      sqlMs: s(2),
      ratio: s(2.5),
      renderFloor: { path: "/accessibilite", signedIn: false, ms: s(8) },
      ratioToFloors: s(0.5),
      check: "1 indicateurs dans l'API, 2 selon le SQL",
    },
  ],
  load: { http: [{ name: "Portefeuille", path: "/pilotage", connections: 10, requestsPerSecond: 25, latencyMs: { p99: 900 }, errors: 0, timeouts: 0, non2xx: 0 }] },
  chorusImport: { csv100k: { ratioToCopy: 2.4, ms: 2400, copyMs: 1000 }, peakRssMiB: { csv100k: 150, xlsx100k: 190, csv1000k: 160, xlsx1000k: 230, max: 230 } },
  firstLoadJs: [
    { page: "Page simple", vsPlain: 1 },
    { page: "Dépenses", vsPlain: 1.05 },
  ],
};

describe("benchTargets", () => {
  it("reports every target of issue 18 with its figure, limit and verdict", () => {
    const targets = benchTargets(full);
    const byName = (start: string) => targets.find((t) => t.name.startsWith(start))!;
    expect(byName("Portefeuille /pilotage : page")).toMatchObject({ ratio: 1.5, limit: 2, pass: true });
    expect(byName("Portefeuille /pilotage en charge : requêtes")).toMatchObject({ value: 25, limit: 20, bound: "min", pass: true });
    expect(byName("Portefeuille /pilotage en charge : latence")).toMatchObject({ value: 900, limit: 1000, pass: true });
    // 30 ms against 4 ms of SQL + 10 ms of static page: ×2.14, missed.
    expect(byName("Convention :")).toMatchObject({ ratio: 2.14, pass: false });
    expect(byName("Conventions publiées")).toMatchObject({ ratio: 1.54, pass: true });
    // Within the ratio, but the page does not show the floor's figures: not a pass.
    expect(byName("API publique")).toMatchObject({ ratio: 0.5, pass: false });
    expect(byName("Import Chorus 100 000 lignes : import")).toMatchObject({ ratio: 2.4, limit: 3, pass: true });
    expect(byName("Import Chorus .xlsx 1 000 000")).toMatchObject({ value: 230, limit: 200, pass: false });
    expect(byName("JS du premier chargement")).toMatchObject({ ratio: 1.05, pass: true });
    expect(targets).toHaveLength(12);
  });

  it("says 'non mesuré' for what the run skipped, never a pass", () => {
    const targets = benchTargets({ ...full, load: null, chorusImport: null, pages: full.pages!.filter((p) => p.kind !== "public") });
    for (const start of ["Portefeuille /pilotage en charge", "Import Chorus", "Pages publiques"]) {
      for (const t of targets.filter((x) => x.name.startsWith(start))) expect(t.pass, t.name).toBeNull();
    }
    const rows = targetRows(targets);
    expect(rows.find((r) => r[0]!.startsWith("Import Chorus CSV 1 000 000"))!.slice(1, 4)).toEqual(["non mesuré", "≤ 200 Mio", "non mesuré"]);
  });

  it("fails the load targets when the load test had errors", () => {
    const targets = benchTargets({ ...full, load: { http: [{ ...full.load!.http[0]!, errors: 20 }] } });
    expect(targets.filter((t) => t.name.includes("en charge")).map((t) => t.pass)).toEqual([false, false]);
  });
});

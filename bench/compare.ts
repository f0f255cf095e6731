// Compares two runs of the benchmark (bench/results.json files written by `npm run bench`), page by page:
//   npx tsx bench/compare.ts ancien.json nouveau.json
// The generator is deterministic, so two runs at the same volume measure the same data; the figures still
// depend on the machine's load (each file records its load average).
import { readFileSync } from "node:fs";

interface Stats {
  median: number;
}
interface Results {
  date: string;
  conventions: number;
  machine?: { loadAverage1m?: { start: number; end: number } };
  pages: { page: string; pageMs: Stats; sqlMs: Stats; ratio: Stats; dbTransactions: number }[];
  chorusImport: { copy: { ms: Stats }; import: { ms: Stats; peakRssMiB: number; vsCopy: number } } | null;
  firstLoadJs: { page: string; jsGzipKiB: number }[];
  /** Issue 18's targets (runs since then; absent from older files). */
  targets?: { name: string; unit: string; ratio?: number | null; value?: number | null; pass: boolean | null }[];
}

const [before, after] = process.argv.slice(2).map((path) => JSON.parse(readFileSync(path, "utf8")) as Results);
if (!before || !after) {
  console.error("Usage : npx tsx bench/compare.ts ancien.json nouveau.json");
  process.exit(2);
}
const change = (a: number, b: number) => (a === 0 ? "—" : `${b >= a ? "+" : ""}${Math.round(((b - a) / a) * 100)} %`);
const load = (r: Results) => (r.machine?.loadAverage1m ? ` (charge ${r.machine.loadAverage1m.start})` : "");
console.log(`${before.date}${load(before)} → ${after.date}${load(after)}, ${before.conventions} → ${after.conventions} conventions\n`);
for (const page of after.pages) {
  const old = before.pages.find((p) => p.page === page.page);
  if (!old) {
    console.log(`${page.page} : ${page.pageMs.median} ms, ×${page.ratio.median} (nouvelle mesure)`);
    continue;
  }
  console.log(
    `${page.page} : ${old.pageMs.median} → ${page.pageMs.median} ms (${change(old.pageMs.median, page.pageMs.median)}), ` +
      `ratio ×${old.ratio.median} → ×${page.ratio.median}, transactions ${old.dbTransactions} → ${page.dbTransactions}`,
  );
}
if (before.chorusImport && after.chorusImport) {
  const [a, b] = [before.chorusImport.import, after.chorusImport.import];
  console.log(`Import Chorus : ${a.ms.median} → ${b.ms.median} ms (${change(a.ms.median, b.ms.median)}), ×${a.vsCopy} → ×${b.vsCopy} COPY, pic ${a.peakRssMiB} → ${b.peakRssMiB} Mio`);
}
for (const js of after.firstLoadJs) {
  const old = before.firstLoadJs.find((j) => j.page === js.page);
  if (old) console.log(`JS ${js.page} : ${old.jsGzipKiB} → ${js.jsGzipKiB} Kio (${change(old.jsGzipKiB, js.jsGzipKiB)})`);
}
// Issue 18's targets, when both runs have them (or the new one alone): figure and verdict before → after.
const figure = (t: { unit: string; ratio?: number | null; value?: number | null } | undefined) => {
  const v = t?.ratio ?? t?.value;
  return v === null || v === undefined ? "non mesuré" : t!.unit === "×" ? `×${v}` : `${v} ${t!.unit}`;
};
const verdictOf = (pass: boolean | null | undefined) => (pass === null || pass === undefined ? "non mesuré" : pass ? "oui" : "NON");
if (after.targets) {
  console.log("\nCibles :");
  for (const t of after.targets) {
    const old = before.targets?.find((o) => o.name === t.name);
    console.log(`${t.name} : ${old ? `${figure(old)} (${verdictOf(old.pass)}) → ` : ""}${figure(t)} (${verdictOf(t.pass)})`);
  }
}

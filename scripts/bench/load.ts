// The load part of `npm run bench` (issue 7), on the running app and the benchmark's database:
//  - autocannon, bounded in time, against the portfolio (signed in as DINUM), one convention page and the
//    public statistics API: requests per second, p50/p99 latency, errors and non-2xx answers;
//  - 50 engagements racing one ceiling, posted at once through the app's own EJ form as a browser without
//    JavaScript posts it (the server action, its transaction, its lock and its ceiling check), then checked
//    in SQL: nothing engaged beyond what was made available (0 overspend) and every accepted engagement
//    written, every refused one refused with "Reste à engager" (0 lost).
import autocannon from "autocannon";
import type pg from "pg";

export interface LoadTarget {
  name: string;
  path: string;
  cookie?: string;
}

export interface LoadResult {
  name: string;
  path: string;
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

export async function loadTest(base: string, target: LoadTarget, seconds: number, connections: number): Promise<LoadResult> {
  const result = await autocannon({
    url: `${base}${target.path}`,
    duration: seconds,
    connections,
    headers: target.cookie ? { cookie: target.cookie } : {},
  });
  return {
    name: target.name,
    path: target.path,
    seconds,
    connections,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

export interface RaceResult {
  convention: string;
  year: number;
  attempts: number;
  amountCents: string;
  leftBeforeCents: string;
  accepted: number;
  refused: number;
  otherAnswers: number;
  written: number;
  overspendCents: string;
  lost: number;
  ms: number;
  ok: boolean;
}

/** The hidden fields React renders in a server-action form (its action reference), by the form holding `marker`. */
function actionFields(html: string, marker: string): [string, string][] {
  const forms = html.match(/<form[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((f) => f.includes(`name="${marker}"`));
  if (!form) throw new Error(`formulaire « ${marker} » introuvable`);
  return [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)]
    .map((m) => [m[1]!, (m[2] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&")] as [string, string])
    .filter(([name]) => name.startsWith("$ACTION") || name === "conventionId");
}

/** AE of `year` made available by today minus AE engaged on EJs ordered that year (creditSummary's rule). */
async function leftToEngage(sql: pg.Client, conventionId: string, year: number, today: string): Promise<bigint> {
  const { rows } = await sql.query<{ left: string }>(
    `SELECT (COALESCE((SELECT sum(r.amount_cents) FROM tranche t JOIN tranche_release r ON r.tranche_id = t.id
               WHERE t.convention_id = $1 AND t.year = $2 AND t.credit_type = 'AE' AND r.released_on <= $3::date), 0)
           - COALESCE((SELECT sum(m.amount_cents) FROM engagement_juridique e JOIN ej_movement m ON m.ej_id = e.id
               WHERE e.convention_id = $1 AND extract(year FROM e.ordered_on) = $2), 0))::text AS left`,
    [conventionId, year, today],
  );
  return BigInt(rows[0]!.left);
}

const euros = (cents: bigint) => `${cents / 100n},${String(cents % 100n).padStart(2, "0")}`;

export async function raceEngagements(
  base: string,
  sql: pg.Client,
  convention: { id: string; reference: string },
  cookie: string,
  today: string,
  attempts = 50,
): Promise<RaceResult> {
  // Ordered a few days after signature: within the convention's life and in the year of its credits.
  const { rows: dates } = await sql.query<{ on: string }>("SELECT to_char(signed_on + 5, 'YYYY-MM-DD') AS on FROM convention WHERE id = $1", [convention.id]);
  const orderedOn = dates[0]!.on;
  const year = Number(orderedOn.slice(0, 4));
  const path = `/conventions/${convention.id}/depenses`;
  const page = await fetch(`${base}${path}`, { headers: { cookie } });
  const hidden = actionFields(await page.text(), "chorusNumber");
  const left = await leftToEngage(sql, convention.id, year, today);
  // Sized so that about half the attempts fit under the ceiling.
  const amount = left > 0n ? (left * 2n) / BigInt(attempts) + 1n : 100n;
  const prefix = `19${String(Date.now()).slice(-6)}`;
  const numbers = Array.from({ length: attempts }, (_, i) => `${prefix}${String(i).padStart(2, "0")}`);
  const started = performance.now();
  const answers = await Promise.all(
    numbers.map(async (chorusNumber) => {
      const body = new FormData();
      for (const [name, value] of hidden) body.append(name, value);
      const fields: Record<string, string> = {
        chorusNumber,
        lineNumber: "1",
        orderedOn,
        supplierName: "Fournisseur du banc d'essai",
        object: "Course de 50 engagements sur un même plafond",
        amount: euros(amount),
      };
      for (const [name, value] of Object.entries(fields)) body.append(name, value);
      const res = await fetch(`${base}${path}`, { method: "POST", headers: { cookie, origin: base }, body, redirect: "manual" });
      return res.text();
    }),
  );
  const ms = performance.now() - started;
  const accepted = answers.filter((html) => html.includes("L&#x27;engagement juridique est enregistré") || html.includes("L'engagement juridique est enregistré")).length;
  // The refusal names what is left ("Engagement refusé : … Reste à engager : 1 234,56 €").
  const refused = answers.filter((html) => /Engagement refusé : [^<]*Reste à engager/.test(html)).length;
  const { rows } = await sql.query<{ n: string }>("SELECT count(*)::text AS n FROM engagement_juridique WHERE convention_id = $1 AND chorus_number = ANY($2)", [convention.id, numbers]);
  const written = Number(rows[0]!.n);
  const after = await leftToEngage(sql, convention.id, year, today);
  const overspend = after < 0n ? -after : 0n;
  const lost = Math.abs(written - accepted) + (attempts - accepted - refused);
  return {
    convention: convention.reference,
    year,
    attempts,
    amountCents: amount.toString(),
    leftBeforeCents: left.toString(),
    accepted,
    refused,
    otherAnswers: attempts - accepted - refused,
    written,
    overspendCents: overspend.toString(),
    lost,
    ms: Math.round(ms),
    ok: overspend === 0n && lost === 0 && accepted > 0,
  };
}

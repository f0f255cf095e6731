// What a backup must give back, measured the same way on the original and on the restored copy: the row
// count of every table and the budget totals (credits allocated, tranches released, AE engaged, CP paid),
// overall and per convention. Works on PostgreSQL (pg) and on PGlite.

export type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface Measure {
  counts: Record<string, number>;
  /** Exact sums in cents, as decimal strings (no floating point). */
  totals: Record<string, string>;
}

const TOTALS: Record<string, string> = {
  "crédits alloués AE": `SELECT c.reference AS k, COALESCE(SUM(a.ae_cents), 0)::text AS v FROM credit_allocation a JOIN convention c ON c.id = a.convention_id GROUP BY 1`,
  "crédits alloués CP": `SELECT c.reference AS k, COALESCE(SUM(a.cp_cents), 0)::text AS v FROM credit_allocation a JOIN convention c ON c.id = a.convention_id GROUP BY 1`,
  "tranches débloquées AE": `SELECT c.reference AS k, SUM(r.amount_cents)::text AS v FROM tranche_release r JOIN tranche t ON t.id = r.tranche_id JOIN convention c ON c.id = t.convention_id WHERE t.credit_type = 'AE' GROUP BY 1`,
  "tranches débloquées CP": `SELECT c.reference AS k, SUM(r.amount_cents)::text AS v FROM tranche_release r JOIN tranche t ON t.id = r.tranche_id JOIN convention c ON c.id = t.convention_id WHERE t.credit_type = 'CP' GROUP BY 1`,
  "AE engagées": `SELECT c.reference AS k, SUM(m.amount_cents)::text AS v FROM ej_movement m JOIN engagement_juridique e ON e.id = m.ej_id JOIN convention c ON c.id = e.convention_id GROUP BY 1`,
  "CP payés": `SELECT c.reference AS k, SUM(p.amount_cents)::text AS v FROM payment_request p JOIN convention c ON c.id = p.convention_id GROUP BY 1`,
};

export async function measure(query: Query): Promise<Measure> {
  const tables = await query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table_name}"`);
    counts[table_name] = Number(row!.n);
  }
  const totals: Record<string, string> = {};
  for (const [label, sql] of Object.entries(TOTALS)) {
    let all = 0n;
    for (const { k, v } of await query<{ k: string; v: string }>(sql)) {
      totals[`${label} — ${k}`] = v;
      all += BigInt(v);
    }
    totals[`${label} — total`] = all.toString();
  }
  return { counts, totals };
}

/** Every difference between two measures, in French; empty when the copy is faithful. */
export function differences(original: Measure, copy: Measure): string[] {
  const out: string[] = [];
  for (const [kind, a, b] of [
    ["lignes", original.counts, copy.counts],
    ["montant", original.totals, copy.totals],
  ] as const) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = (a as Record<string, unknown>)[key];
      const y = (b as Record<string, unknown>)[key];
      if (x !== y) out.push(`${kind} ${key} : ${x ?? "absent"} à l'origine, ${y ?? "absent"} dans la copie`);
    }
  }
  return out;
}

/** "12 345,67 €" from cents as a decimal string. */
export function euros(cents: string): string {
  const n = BigInt(cents);
  const sign = n < 0n ? "-" : "";
  const abs = n < 0n ? -n : n;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  return `${sign}${whole},${(abs % 100n).toString().padStart(2, "0")} €`;
}

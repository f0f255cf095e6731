// What "nothing is half-written" means, read straight from PostgreSQL: the row count of every table,
// and the audit trail and the record agreeing both ways (each audit entry's row exists; each row that a
// user action creates has its audit entry).

/** Any way to run a query and get its rows: a pg client, a PGlite handle. */
export type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/** Audit entities whose table is not simply the entity's name in snake_case. */
const ENTITY_TABLES: Record<string, string> = { user: "app_user" };

/**
 * Tables where each row is created by one audited action that names it (entity + id). Other tables are
 * written as parts of an action whose entry names the parent (a convention's tranches, an EJ's initial
 * movement...).
 */
const ONE_ENTRY_PER_ROW: { entity: string; table: string; where?: string }[] = [
  { entity: "convention", table: "convention" },
  { entity: "trancheRelease", table: "tranche_release" },
  { entity: "midTermReview", table: "mid_term_review" },
  { entity: "avenant", table: "avenant" },
  { entity: "suspension", table: "suspension" },
  { entity: "terminationNotice", table: "termination_notice" },
  { entity: "partyNotice", table: "party_notice" },
  { entity: "engagementJuridique", table: "engagement_juridique" },
  { entity: "ejMovement", table: "ej_movement", where: `"kind" <> 'INITIAL'` },
  { entity: "serviceFait", table: "service_fait" },
  { entity: "paymentRequest", table: "payment_request" },
  { entity: "finalReport", table: "final_report" },
  { entity: "investmentCommittee", table: "investment_committee" },
];

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export async function tableNames(query: Query): Promise<string[]> {
  const rows = await query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** Row count of every table of the app (the test's own control table left out). */
export async function tableCounts(query: Query): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tableNames(query)) {
    if (table.startsWith("faults_")) continue;
    const rows = await query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

/** Every disagreement between the audit trail and the record, in words; empty when consistent. */
export async function auditProblems(query: Query): Promise<string[]> {
  const problems: string[] = [];
  const tables = new Set(await tableNames(query));
  const entities = await query<{ entity: string; n: string }>(
    `SELECT entity, count(*) AS n FROM audit_entry WHERE entity IS NOT NULL GROUP BY entity ORDER BY entity`,
  );
  for (const { entity } of entities) {
    const table = ENTITY_TABLES[entity] ?? snake(entity);
    if (!tables.has(table)) continue;
    const rows = await query<{ id: string; kind: string }>(
      `SELECT a.entity_id AS id, a.kind FROM audit_entry a
        WHERE a.entity = $1 AND a.entity_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "${table}" t WHERE t.id::text = a.entity_id)`,
      [entity],
    );
    for (const r of rows) problems.push(`audit entry ${r.kind} names ${entity} ${r.id}, which does not exist`);
  }
  for (const { entity, table, where } of ONE_ENTRY_PER_ROW) {
    if (!tables.has(table)) continue;
    const rows = await query<{ id: string }>(
      `SELECT t.id::text AS id FROM "${table}" t
        WHERE ${where ?? "TRUE"}
          AND NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.entity = $1 AND a.entity_id = t.id::text)`,
      [entity],
    );
    for (const r of rows) problems.push(`${table} ${r.id} has no audit entry`);
  }
  return problems;
}

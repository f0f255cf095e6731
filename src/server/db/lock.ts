// Writes on one convention's money are serialised by the database, whichever app instance (or command)
// runs them: each write transaction first locks the convention's row.
import type { Tx } from "./audit";

export async function lockConvention(tx: Tx, conventionId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "convention" WHERE id = ${conventionId}::uuid FOR UPDATE`;
}

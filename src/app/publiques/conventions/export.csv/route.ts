// Open data of the published conventions as CSV (SCDL « subventions » columns, then the délégation's own;
// documented in docs/open-data.md). Public: published and signed conventions only, public fields only.
import { csvResponse } from "@/server/csv";
import { loadPublishedConventions } from "@/server/repositories/open-data";
import { OPEN_DATA_COLUMNS, openDataRow } from "@/domain/open-data";
import { clock } from "@/server/clock";

export const dynamic = "force-dynamic";

export async function GET() {
  const today = clock.today();
  const rows = (await loadPublishedConventions(today)).map((c) => openDataRow(c, today));
  const names = OPEN_DATA_COLUMNS.map((c) => c.name);
  const response = csvResponse([names, ...rows.map((row) => names.map((n) => row[n]!))], `conventions-fast-${today}.csv`);
  // Public data: any cache may keep it a little.
  response.headers.set("Cache-Control", "public, max-age=300");
  return response;
}

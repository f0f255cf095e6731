// Open data of the published conventions as JSON: the same rows and columns as the CSV (docs/open-data.md).
import { loadPublishedConventions } from "@/server/repositories/open-data";
import { OPEN_DATA_COLUMNS, openDataRow } from "@/domain/open-data";
import { clock } from "@/server/clock";

export const dynamic = "force-dynamic";

export async function GET() {
  const today = clock.today();
  const rows = (await loadPublishedConventions(today)).map((c) => openDataRow(c, today));
  const body = {
    schema: "scdl/subventions 2.0 (colonnes SCDL) et colonnes propres de la délégation de gestion : voir docs/open-data.md",
    colonnes: OPEN_DATA_COLUMNS.map((c) => c.name),
    conventions: rows,
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="conventions-fast-${today}.json"`,
      "Cache-Control": "public, max-age=300",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

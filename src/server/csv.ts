import "server-only";
// CSV downloads, one way for every export: UTF-8 with a BOM, ";" between fields and CRLF, as French
// spreadsheets (Excel, LibreOffice, Grist) open them cleanly. Amounts are written by the callers with
// centsToFrenchDecimal (exact, decimal comma).
import { stringify } from "csv-stringify/sync";

export function csvResponse(records: readonly (readonly string[])[], fileName: string): Response {
  const csv = stringify(records as string[][], { bom: true, delimiter: ";", record_delimiter: "windows" });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

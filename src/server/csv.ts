import "server-only";
// CSV downloads, one way for every export: UTF-8 with a BOM, ";" between fields and CRLF, as French
// spreadsheets (Excel, LibreOffice, Grist) open them cleanly. Cells are typed (src/domain/csv.ts): amounts
// come as cents and are written here exact with a decimal comma; text is neutralised here when a spreadsheet
// would run it as a formula (OWASP's CSV injection advice: a leading apostrophe), for every export at once.
import { stringify } from "csv-stringify/sync";
import type { CsvCell, CsvRecord } from "@/domain/csv";
import { centsToFrenchDecimal } from "@/domain/money";

function field(cell: CsvCell): string {
  if (typeof cell === "bigint") return centsToFrenchDecimal(cell);
  if (typeof cell === "number") return String(cell);
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function csvResponse(records: readonly CsvRecord[], fileName: string): Response {
  const csv = stringify(
    records.map((record) => record.map(field)),
    // A line break inside a field is quoted too (csv-stringify only quotes a whole CRLF), or it would end the row.
    { bom: true, delimiter: ";", record_delimiter: "windows", quoted_match: /[\r\n]/ },
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

// csvResponse writes every CSV export: text cells a spreadsheet would run as a formula are neutralised there,
// once for all exports (OWASP's CSV injection advice); amounts and counts the app writes are left as they are.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvResponse } from "./csv";

async function read(response: Response) {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  return { text, records: parse(text, { bom: true, delimiter: ";" }) as string[][] };
}

describe("csvResponse", () => {
  it("prefixes with a quote the text cells that start like a formula", async () => {
    const { text, records } = await read(
      csvResponse(
        [
          ['=HYPERLINK("http://x","y")', "+33 1 40 15 70 00", "-2 lignes", "@SUM(A1:A2)", "\tTab", "\rRetour", "Fournisseur (démo)", "1300456781", ""],
        ],
        "fournisseurs.csv",
      ),
    );
    expect(records[0]).toEqual([`'=HYPERLINK("http://x","y")`, "'+33 1 40 15 70 00", "'-2 lignes", "'@SUM(A1:A2)", "'\tTab", "'\rRetour", "Fournisseur (démo)", "1300456781", ""]);
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it("keeps a line break inside its cell", async () => {
    const { records } = await read(csvResponse([["Ligne 1\nLigne 2", "Ligne 1\rLigne 2", "fin"], ["suite", "", ""]], "lignes.csv"));
    expect(records).toEqual([["Ligne 1\nLigne 2", "Ligne 1\rLigne 2", "fin"], ["suite", "", ""]]);
  });

  it("writes amounts (cents) and counts as they are, negative ones included", async () => {
    const { records } = await read(csvResponse([["Réduction", -123_450n, 12_100_000n, 0n, 3, -1]], "montants.csv"));
    expect(records[0]).toEqual(["Réduction", "-1234,50", "121000,00", "0,00", "3", "-1"]);
  });

  it("answers a French Excel CSV download", async () => {
    const response = csvResponse([["a", "b"], ["c", 1n]], "export.csv");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="export.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe("a;b\r\nc;0,01\r\n");
  });
});

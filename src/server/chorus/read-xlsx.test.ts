// Reading Chorus restitutions saved as .xlsx: cell values as text (numbers exact, dates as days), the zip
// orders of Excel, LibreOffice and exceljs, sources, refusals with French messages, and a 100 000-row
// workbook read with bounded memory. Workbooks are built here: with exceljs's writers, and by hand (XML parts
// in a zip) for what those cannot write (a LibreOffice entry order, cached formula errors, 17-digit values).
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { INF_BUD_53_AE_HEADER } from "../../../scripts/chorus/generate-extract";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { crc32, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChorusFileError, type ChorusRow, type ChorusSource, type ReadSummary } from "./read-lines";
import { isXlsx, numberText, readXlsxRows, type ReadXlsxRowsOptions } from "./read-xlsx";

let dir: string;
let systemTmp: string | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "suivi-fast-xlsx-"));
  // exceljs's temporary files (see read-xlsx.ts) go there, and are removed with it whatever happens.
  systemTmp = process.env.TMPDIR;
  process.env.TMPDIR = dir;
});
afterAll(() => {
  if (systemTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = systemTmp;
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `read` with exceljs's temporary files in a new directory, and checks that none is left there. */
async function expectNoTemporaryFileAfter(read: () => Promise<void>): Promise<void> {
  const temporary = mkdtempSync(join(dir, "tmp-"));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = temporary;
  try {
    await read();
  } finally {
    process.env.TMPDIR = previous;
  }
  // exceljs deletes its temporary files asynchronously.
  await expect.poll(() => readdirSync(temporary)).toEqual([]);
}

async function collect(source: ChorusSource, options?: ReadXlsxRowsOptions): Promise<{ rows: ChorusRow[]; summary: ReadSummary }> {
  const stream = readXlsxRows(source, options);
  const rows: ChorusRow[] = [];
  for await (const row of stream) rows.push(row);
  return { rows, summary: stream.summary };
}

const fieldsAt = (rows: ChorusRow[], lineNumber: number) => rows.find((r) => r.lineNumber === lineNumber)?.fields;

// ───────────────────────────── An INF-BUD-53 restitution, written by exceljs ─────────────────────────────

/** The INF-BUD-53 restitution's header, as Data État Région's sample titles it (scripts/chorus/generate-extract.ts). */
const HEADER = INF_BUD_53_AE_HEADER;

const day = (year: number, month: number, date: number, hours = 0, minutes = 0) => new Date(Date.UTC(year, month - 1, date, hours, minutes));

/** One data row; `replicated` and `modified` are cells (an Excel date, or text as Infocentre writes it). */
function dataRow(ej: ExcelJS.CellValue, line: ExcelJS.CellValue, replicated: ExcelJS.CellValue, modified: ExcelJS.CellValue, amount: ExcelJS.CellValue): ExcelJS.CellValue[] {
  return [
    "0352",
    "0352-01",
    "BG00/SGDFNUM092",
    "BG00/035200010101",
    ej,
    replicated,
    line,
    modified,
    "1000123456",
    "ACME (démo)",
    12345678200007,
    "PCE/6113110000",
    "Prestations de servi",
    "36.01.01",
    "#",
    "Non affecté",
    "N1175",
    amount,
  ];
}

async function infBud53Workbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("INF-BUD-53");
  sheet.addRow(["INF-BUD-53 : Pilotage de la gestion - Vue détaillée"]); // 1
  sheet.addRow(["Exercice comptable", "2023"]); // 2
  sheet.addRow(["Date d'extraction", day(2024, 1, 15)]); // 3
  // Row 4 left empty.
  sheet.getRow(5).values = HEADER;
  const rows: ExcelJS.CellValue[][] = [
    dataRow(1300123456, 1, day(2023, 1, 10), day(2023, 1, 12), 22500.12), // 6
    dataRow(1300123457, 1, day(2023, 2, 1), day(2023, 2, 1), 15000), // 7
    dataRow(1300123457, 2, day(2023, 2, 1), day(2023, 3, 15, 18, 30), -1250.5), // 8: a date-time
    dataRow(1300123458, 1, day(2023, 4, 3), day(2023, 4, 3), 0.3), // 9
    dataRow(1300123459, 1, day(2023, 5, 2), day(2023, 5, 2), 138936678.56), // 10
    dataRow("1300123460", "1", "10.01.2023", "10.01.2023", "22500,12"), // 11: everything as text
    dataRow(1300123461, 1, { formula: "DATE(2023,6,30)", result: 45107 }, day(2023, 6, 30), { formula: "R6+R7", result: 37500.12 }), // 12
    dataRow(1300123462, 1, day(2023, 7, 3), day(2023, 7, 3), { formula: "0.1+0.2", result: 0.1 + 0.2 }), // 13
  ];
  rows.forEach((values, i) => {
    sheet.getRow(6 + i).values = values;
  });
  for (const column of [6, 8]) sheet.getColumn(column).numFmt = "dd/mm/yyyy";
  sheet.getCell("B3").numFmt = "dd/mm/yyyy";
  sheet.getCell("H8").numFmt = "dd/mm/yyyy hh:mm";
  sheet.getColumn(18).numFmt = '#,##0.00\\ "€"';
  sheet.getCell("A14").value = { formula: "VLOOKUP(E6,Z:Z,1,FALSE)", result: { error: "#N/A" } }; // 14
  sheet.getCell("B14").value = true;
  sheet.getCell("C14").value = { richText: [{ text: "Marché " }, { font: { bold: true }, text: "n°2" }] };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const TITLE_ROWS: ChorusRow[] = [
  { lineNumber: 1, fields: ["INF-BUD-53 : Pilotage de la gestion - Vue détaillée"] },
  { lineNumber: 2, fields: ["Exercice comptable", "2023"] },
  { lineNumber: 3, fields: ["Date d'extraction", "2024-01-15"] },
  { lineNumber: 5, fields: HEADER },
];
const expectedRow = (ej: string, line: string, replicated: string, modified: string, amount: string) =>
  (dataRow(ej, line, replicated, modified, amount) as (string | number)[]).map(String);

describe("an INF-BUD-53 restitution written by exceljs", () => {
  let file: Buffer;
  let rows: ChorusRow[];
  let summary: ReadSummary;
  beforeAll(async () => {
    file = await infBud53Workbook();
    ({ rows, summary } = await collect(Readable.from([file])));
  });

  it("gives the title rows and the header as written, numbered as Excel shows them, the empty row 4 skipped", () => {
    expect(rows.slice(0, 4)).toEqual(TITLE_ROWS);
    expect(rows.map((r) => r.lineNumber)).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(summary).toMatchObject({ encoding: "utf-8", bom: false, lines: 13, rows: 13, bytesRead: file.length });
  });

  it("gives amounts typed as numbers as the decimal typed, with a point: no float, no exponent", () => {
    expect(fieldsAt(rows, 6)).toEqual(expectedRow("1300123456", "1", "2023-01-10", "2023-01-12", "22500.12"));
    expect(fieldsAt(rows, 7)?.[17]).toBe("15000");
    expect(fieldsAt(rows, 8)?.[17]).toBe("-1250.5");
    expect(fieldsAt(rows, 9)?.[17]).toBe("0.3");
    expect(fieldsAt(rows, 10)?.[17]).toBe("138936678.56");
    // The SIRET typed as a number keeps its 14 digits; codes typed as text keep their leading zero.
    expect(fieldsAt(rows, 6)?.slice(0, 2)).toEqual(["0352", "0352-01"]);
    expect(fieldsAt(rows, 6)?.[10]).toBe("12345678200007");
  });

  it("gives date cells as yyyy-mm-dd (a date-time as its day), text cells as written", () => {
    expect(fieldsAt(rows, 8)?.slice(5, 8)).toEqual(["2023-02-01", "2", "2023-03-15"]);
    expect(fieldsAt(rows, 11)).toEqual(expectedRow("1300123460", "1", "10.01.2023", "10.01.2023", "22500,12"));
  });

  it("gives formulas as their cached result: numbers, dates, errors; booleans as true/false; rich text joined", () => {
    expect(fieldsAt(rows, 12)?.[5]).toBe("2023-06-30");
    expect(fieldsAt(rows, 12)?.[17]).toBe("37500.12");
    // A float computed by a formula is given as stored, never rounded: the parsers refuse its 17 decimals.
    expect(fieldsAt(rows, 13)?.[17]).toBe("0.30000000000000004");
    expect(fieldsAt(rows, 14)).toEqual(["#N/A", "true", "Marché n°2"]);
  });

  it("reads the same in any time zone", async () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ["Pacific/Kiritimati", "America/Los_Angeles", "Europe/Paris"]) {
        process.env.TZ = tz;
        expect((await collect(Readable.from([file]))).rows).toEqual(rows);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("reads a web ReadableStream (an upload) in small chunks, a path and an async iterable alike", async () => {
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < file.length; at += 1000) controller.enqueue(new Uint8Array(file.subarray(at, at + 1000)));
        controller.close();
      },
    });
    expect((await collect(web)).rows).toEqual(rows);
    const path = join(dir, "inf-bud-53.xlsx");
    writeFileSync(path, file);
    const seen: number[] = [];
    const fromPath = await collect(path, { onProgress: (p) => seen.push(p.bytesRead) });
    expect(fromPath.rows).toEqual(rows);
    expect(fromPath.summary).toMatchObject({ bytesRead: file.length, totalBytes: file.length });
    expect(seen.at(-1)).toBe(file.length);
    async function* chunks() {
      yield new Uint8Array(file);
    }
    expect((await collect(chunks())).rows).toEqual(rows);
  });

  it("is read once", async () => {
    const stream = readXlsxRows(Readable.from([file]));
    for await (const _row of stream);
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/read once/);
  });
});

describe("numbers as text", () => {
  it("writes the shortest round-trip decimal, never an exponent", () => {
    expect([22500.12, 15000, -1250.5, 0.3, 138936678.56, -0, 1e21, 1.5e21, -2.5e22, 1e-7, -1.25e-7, 123e-20].map(numberText)).toEqual([
      "22500.12",
      "15000",
      "-1250.5",
      "0.3",
      "138936678.56",
      "0",
      "1000000000000000000000",
      "1500000000000000000000",
      "-25000000000000000000000",
      "0.0000001",
      "-0.000000125",
      "0.00000000000000000123",
    ]);
    expect(numberText(Number.NaN)).toBe("");
  });

  it("gives back every amount in cents up to 15 significant digits exactly", () => {
    for (const cents of [1n, 10n, 99n, 2_250_012n, 13_893_667_856n, 999_999_999_999_99n, 123_456_789_012_345n]) {
      for (const sign of [1n, -1n]) {
        const value = sign * cents;
        const typed = `${value < 0n ? "-" : ""}${(value < 0n ? -value : value) / 100n}.${String((value < 0n ? -value : value) % 100n).padStart(2, "0")}`;
        // What the XML holds is the double nearest to the typed decimal, whatever digits the writer used.
        expect(Number(numberText(Number(typed)))).toBe(Number(typed));
        expect(numberText(Number(typed))).toBe(typed.replace(/\.?0+$/, ""));
      }
    }
  });
});

// ───────────────────────────── Hand-made workbooks: zip orders and what exceljs cannot write ─────────────────────────────

/** A zip of the given entries, in this order (deflated, sizes in the local headers). */
function zip(entries: [name: string, content: string | Buffer][]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8");
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, fileName, packed);
    directory.push(central, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const centralDirectory = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, centralDirectory, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** Style 1: the built-in short date (14); 2: a date-time; 3: "0000"; 4: euros. */
const STYLES = `${XML}<styleSheet xmlns="${MAIN}"><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/><numFmt numFmtId="165" formatCode="0000"/><numFmt numFmtId="166" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

const escape = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

type HandMade = { sheets: string[]; sharedStrings: string[]; date1904?: boolean; tabOrder?: number[] };

/** The parts of a workbook; `sheets` are <sheetData> contents; `tabOrder` lists sheet numbers as the tabs show them. */
function parts({ sheets, sharedStrings, date1904 = false, tabOrder = sheets.map((_, i) => i + 1) }: HandMade): Map<string, string> {
  const map = new Map<string, string>();
  map.set(
    "[Content_Types].xml",
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
  );
  map.set("_rels/.rels", `${XML}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  const tabs = tabOrder.map((n) => `<sheet name="Feuille${n}" sheetId="${n}" r:id="rId${n}"/>`).join("");
  map.set("xl/workbook.xml", `${XML}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><workbookPr${date1904 ? ' date1904="1"' : ""}/><sheets>${tabs}</sheets></workbook>`);
  const relations = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("");
  map.set(
    "xl/_rels/workbook.xml.rels",
    `${XML}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${relations}<Relationship Id="rId90" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/><Relationship Id="rId91" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  map.set("xl/styles.xml", STYLES);
  const strings = sharedStrings.map((s) => `<si><t xml:space="preserve">${escape(s)}</t></si>`).join("");
  map.set("xl/sharedStrings.xml", `${XML}<sst xmlns="${MAIN}" count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">${strings}</sst>`);
  sheets.forEach((data, i) => map.set(`xl/worksheets/sheet${i + 1}.xml`, `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheetData>${data}</sheetData></worksheet>`));
  return map;
}

/** The entry orders met: LibreOffice's, Excel's, and one that lets the sheet be parsed as it is unzipped. */
const ORDERS = {
  libreoffice: ["_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet*", "xl/styles.xml", "xl/workbook.xml", "[Content_Types].xml"],
  excel: ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet*", "xl/styles.xml", "xl/sharedStrings.xml"],
  streamable: ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet*"],
};

function handMade(workbook: HandMade, order: keyof typeof ORDERS): Buffer {
  const map = parts(workbook);
  const names = ORDERS[order].flatMap((name) => (name.endsWith("*") ? [...map.keys()].filter((k) => k.startsWith(name.slice(0, -1))) : [name]));
  return zip(names.map((name) => [name, map.get(name)!]));
}

// Shared strings 0–2; row 4 holds only an empty styled cell; cached values as Excel writes them (17 digits).
const SHEET = [
  `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`,
  `<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>44936</v></c><c r="C2" s="2"><v>44935.999988425923</v></c><c r="D2" s="4"><v>22500.119999999999</v></c><c r="E2" s="3"><v>352</v></c></row>`,
  `<row r="3"><c r="A3" t="inlineStr"><is><t>Société Élan — 1 000 €</t></is></c><c r="B3" t="e"><f>VLOOKUP(A3,Z:Z,1,FALSE)</f><v>#N/A</v></c><c r="C3" t="e"><v>#DIV/0!</v></c><c r="D3" t="str"><f>A1&amp;"!"</f><v>INF-BUD-53!</v></c><c r="E3" s="1"><f>B2+1</f><v>44937</v></c><c r="F3"><v>1E-7</v></c><c r="G3"><v>-1.5E+21</v></c><c r="H3" t="b"><v>0</v></c></row>`,
  `<row r="4"><c r="C4" s="1"/></row>`,
  `<row r="7"><c r="A7" t="s"><v>2</v></c><c r="C7"><v>0.30000000000000004</v></c><c r="E7" s="4"/></row>`,
].join("");
const SHARED = ["INF-BUD-53 : Pilotage de la gestion - Vue détaillée", "Exercice comptable", "Objet sur_x000D_\ndeux lignes"];
const SHEET_ROWS: ChorusRow[] = [
  { lineNumber: 1, fields: ["INF-BUD-53 : Pilotage de la gestion - Vue détaillée"] },
  { lineNumber: 2, fields: ["Exercice comptable", "2023-01-10", "2023-01-09", "22500.12", "352"] },
  { lineNumber: 3, fields: ["Société Élan — 1 000 €", "#N/A", "#DIV/0!", "INF-BUD-53!", "2023-01-11", "0.0000001", "-1500000000000000000000", "false"] },
  // E7, styled but empty, adds no field.
  { lineNumber: 7, fields: ["Objet sur\r\ndeux lignes", "", "0.30000000000000004"] },
];

describe("workbooks as Excel, LibreOffice and other tools store them", () => {
  it.each(Object.keys(ORDERS) as (keyof typeof ORDERS)[])("reads the %s entry order the same: dates known, cached errors kept", async (order) => {
    const file = handMade({ sheets: [SHEET], sharedStrings: SHARED }, order);
    // Read again and again: unless corrected, exceljs loses the last entries of a small file in most reads.
    for (let i = 0; i < 25; i++) {
      const { rows, summary } = await collect(Readable.from([file]));
      expect(rows).toEqual(SHEET_ROWS);
      expect(summary).toMatchObject({ lines: 5, rows: 4 });
    }
  });

  it("reads what other writers put in a sheet: prefixed tags, cells without a reference, inline runs, ISO dates, boolean formulas", async () => {
    const sheet = [
      // A namespace prefix on every tag (some generators write x:row), entities and CDATA in text.
      `<x:row xmlns:x="${MAIN}" r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>R&amp;D &lt;Chorus&gt;</x:t></x:is></x:c><x:c r="B1" t="str"><x:v><![CDATA[A<B]]></x:v></x:c></x:row>`,
      // No r on the row nor its cells: numbered and placed in order.
      `<row><c t="s"><v>0</v></c><c><v>12.5</v></c></row>`,
      // An inline string in runs (all kept; the phonetic run is not text), an ISO date cell, a boolean formula.
      `<row r="5"><c r="B5" t="inlineStr"><is><r><t>Société </t></r><r><rPr><b/></rPr><t>Élan</t></r><rPh sb="0" eb="1"><t>ソ</t></rPh></is></c><c r="C5" t="d"><v>2024-03-31T00:00:00</v></c><c r="D5" t="b"><f>1=1</f><v>1</v></c></row>`,
    ].join("");
    const { rows } = await collect(Readable.from([handMade({ sheets: [sheet], sharedStrings: ["Engagement"] }, "streamable")]));
    expect(rows).toEqual([
      { lineNumber: 1, fields: ["R&D <Chorus>", "A<B"] },
      { lineNumber: 2, fields: ["Engagement", "12.5"] },
      { lineNumber: 5, fields: ["", "Société Élan", "2024-03-31", "true"] },
    ]);
  });

  it("counts dates from 1904 when the workbook says so", async () => {
    const sheet = `<row r="1"><c r="A1" s="1"><v>43474</v></c><c r="B1" s="1"><f>A1</f><v>43474</v></c></row>`;
    for (const order of ["libreoffice", "streamable"] as const) {
      expect((await collect(Readable.from([handMade({ sheets: [sheet], sharedStrings: [], date1904: true }, order)]))).rows).toEqual([
        { lineNumber: 1, fields: ["2023-01-10", "2023-01-10"] },
      ]);
    }
  });

  it("reads the first sheet in tab order only", async () => {
    const sheets = [`<row r="1"><c r="A1" t="inlineStr"><is><t>deuxième onglet</t></is></c></row>`, `<row r="1"><c r="A1" t="inlineStr"><is><t>premier onglet</t></is></c></row>`];
    for (const order of Object.keys(ORDERS) as (keyof typeof ORDERS)[]) {
      const file = handMade({ sheets, sharedStrings: [], tabOrder: [2, 1] }, order);
      for (let i = 0; i < 10; i++) expect((await collect(Readable.from([file]))).rows).toEqual([{ lineNumber: 1, fields: ["premier onglet"] }]);
    }
  });

  it("keeps accented characters whole wherever the unzipped chunks are cut (shared and inline strings)", async () => {
    const names = Array.from({ length: 4000 }, (_, i) => `Société Coopérative d'Élan Numérique n°${i} – « été »`);
    const sheet = names.map((_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c><c r="B${i + 1}" t="inlineStr"><is><t>${escape(names[i]!)}</t></is></c></row>`).join("");
    for (const order of ["excel", "streamable"] as const) {
      const { rows } = await collect(Readable.from([handMade({ sheets: [sheet], sharedStrings: names }, order)]));
      expect(rows.map((r) => r.fields)).toEqual(names.map((name) => [name, name]));
    }
  });

});

describe("a sheet stored after its workbook, styles and strings", () => {
  // 150 000 rows, ~4 MB zipped: exceljs parses such a sheet as it is unzipped.
  let file: Buffer;
  beforeAll(() => {
    const sheet = Array.from({ length: 150_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${(i * 7919) % 1_000_003}</v></c><c r="B${i + 1}" s="1"><v>${44936 + (i % 365)}</v></c></row>`);
    file = handMade({ sheets: [sheet.join("")], sharedStrings: [] }, "streamable");
  });
  const chunked = (bytes: Buffer) => Readable.from(Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, i) => bytes.subarray(i * 65_536, (i + 1) * 65_536)));

  it("is parsed as it is unzipped: the first rows come after about a megabyte, not the whole file", async () => {
    const stream = readXlsxRows(chunked(file));
    let atFirstRow = -1;
    let count = 0;
    for await (const row of stream) {
      if (atFirstRow < 0) atFirstRow = stream.summary.bytesRead;
      count += 1;
      if (count % 1000 === 1) expect(row.fields).toEqual([String(((row.lineNumber - 1) * 7919) % 1_000_003), expect.stringMatching(/^202[34]-\d\d-\d\d$/)]);
    }
    expect(count).toBe(150_000);
    expect(atFirstRow).toBeLessThan(Math.min(2 * 2 ** 20, file.length / 2));
    expect(stream.summary.bytesRead).toBe(file.length);
  });

  it("says after which row a workbook cut short stops", async () => {
    const cut = file.subarray(0, file.indexOf(Buffer.from("PK\x01\x02")) - 1000);
    const rows: ChorusRow[] = [];
    const attempt = (async () => {
      for await (const row of readXlsxRows(chunked(cut))) rows.push(row);
    })();
    await expect(attempt).rejects.toThrow(/^Ce classeur Excel est endommagé ou incomplet \(lecture interrompue après la ligne \d+\) : enregistrez-le de nouveau/);
    expect(rows.length).toBeGreaterThan(1000);
    await expect(attempt).rejects.toMatchObject({ lineNumber: rows.at(-1)!.lineNumber + 1 });
  });
});

// ───────────────────────────── Refusals ─────────────────────────────

const NOT_XLSX = "Ce fichier n'est pas un classeur Excel (.xlsx) lisible : enregistrez-le de nouveau au format .xlsx ou CSV, puis importez-le.";

describe("files that are not readable .xlsx", () => {
  it("recognizes an .xlsx by its zip signature", async () => {
    expect(isXlsx(await infBud53Workbook())).toBe(true);
    expect(isXlsx(Buffer.from("PK\x03"))).toBe(false);
    expect(isXlsx(Buffer.from("N° EJ;Montant\n", "utf8"))).toBe(false);
    expect(isXlsx(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe(false);
  });

  it("refuses a CSV, an empty file, a zip without a worksheet or without its shared strings, a truncated workbook, in French", async () => {
    for (const file of [
      Buffer.from("N° EJ;Montant\n1300123456;22500,12\n", "utf8"),
      Buffer.alloc(0),
      zip([["mimetype", "application/vnd.oasis.opendocument.spreadsheet"]]),
      // Its sheet points at shared strings the zip does not hold.
      zip([...parts({ sheets: [SHEET], sharedStrings: SHARED })].filter(([name]) => name !== "xl/sharedStrings.xml")),
      (await infBud53Workbook()).subarray(0, 3000),
    ]) {
      const attempt = collect(Readable.from([file]));
      await expect(attempt).rejects.toBeInstanceOf(ChorusFileError);
      await expect(attempt).rejects.toMatchObject({ failure: { code: "XLSX_NOT_READABLE" } });
      await expect(attempt).rejects.toThrow(NOT_XLSX);
    }
  });

  it("refuses a legacy .xls and a password-protected workbook, saying how to save them", async () => {
    const compound = (...content: Buffer[]) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), ...content, Buffer.alloc(4096)]);
    await expect(collect(Readable.from([compound(Buffer.from("Workbook", "utf16le"))]))).rejects.toThrow(
      "Ce fichier est un classeur Excel 97-2003 (.xls), format que l'application ne lit pas : ouvrez-le dans Excel ou LibreOffice, enregistrez-le au format .xlsx ou CSV, puis importez-le.",
    );
    // Office stores an encrypted .xlsx in a compound file, with an "EncryptionInfo" stream; cut here between chunks.
    const encrypted = compound(Buffer.alloc(70_000), Buffer.from("EncryptionInfo", "utf16le"), Buffer.from("EncryptedPackage", "utf16le"));
    const at = encrypted.indexOf(Buffer.from("EncryptionInfo", "utf16le")) + 9;
    await expect(collect(Readable.from([encrypted.subarray(0, at), encrypted.subarray(at)]))).rejects.toThrow(
      "Ce classeur Excel est protégé par un mot de passe : ouvrez-le, enregistrez-en une copie sans mot de passe au format .xlsx ou CSV, puis importez-la.",
    );
  });

  it("passes a failing source's error on instead of waiting for the rest", async () => {
    const file = await infBud53Workbook();
    async function* broken() {
      yield file.subarray(0, 2000);
      throw new Error("connexion interrompue");
    }
    await expect(collect(broken())).rejects.toThrow("connexion interrompue");
  });
});

// ───────────────────────────── Large workbooks ─────────────────────────────

const SUPPLIERS = ["Numérique & Produit Associés (démo)", "Coopérative Élan Numérique", "Atelier des Territoires Numériques", "ACME (démo)"];

/** A 100 000-row INF-BUD-53 restitution written row by row (exceljs's streaming writer, shared strings). */
async function writeLargeWorkbook(path: string, lines: number): Promise<{ cents: bigint; dates: number }> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const sheet = writer.addWorksheet("INF-BUD-53");
  sheet.addRow(["INF-BUD-53 : Pilotage de la gestion - Vue détaillée"]).commit();
  sheet.addRow(["Exercice comptable", "2023"]).commit();
  sheet.addRow(HEADER).commit();
  let cents = 0n;
  let dates = 0;
  for (let i = 0; i < lines; i++) {
    const amountCents = ((i * 7_919_993) % 100_000_000) - 5_000_000;
    cents += BigInt(amountCents);
    const date = day(2023, 1 + (i % 12), 1 + (i % 28));
    dates += date.getTime() / 86_400_000;
    const values = dataRow(1_300_000_000 + i, 1 + (i % 3), date, date, amountCents / 100);
    values[9] = SUPPLIERS[i % SUPPLIERS.length]!;
    const row = sheet.addRow(values);
    row.getCell(6).numFmt = "dd/mm/yyyy";
    row.getCell(8).numFmt = "dd/mm/yyyy";
    row.commit();
  }
  sheet.commit();
  await writer.commit();
  return { cents, dates };
}

/** "-1234.5" → -123450n; throws past two decimals (as the layout parsers refuse them). */
function toCents(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new Error(`not an amount: ${text}`);
  const cents = BigInt(match[2]!) * 100n + BigInt((match[3] ?? "").padEnd(2, "0"));
  return match[1] ? -cents : cents;
}

describe("a 100 000-row restitution", () => {
  it("is read with bounded memory, every amount exact to the cent, leaving no temporary file", { timeout: 240_000 }, async () => {
    const path = join(dir, "inf-bud-53-100k.xlsx");
    const lines = 100_000;
    const started = performance.now();
    const expected = await writeLargeWorkbook(path, lines);
    const written = performance.now();
    const size = statSync(path).size;

    // Heap measured after a full collection: what the reader keeps, not garbage waiting. RSS sampled as it goes.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const baseHeap = process.memoryUsage().heapUsed;
    const baseRss = process.memoryUsage.rss();
    let peakRss = baseRss;
    let peakHeap = 0;
    const timer = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 5);
    let count = 0;
    let cents = 0n;
    let dates = 0;
    let suppliers = 0;
    const stream = readXlsxRows(path);
    try {
      await expectNoTemporaryFileAfter(async () => {
        for await (const row of stream) {
          count += 1;
          if (row.lineNumber <= 3) continue;
          cents += toCents(row.fields[17]!);
          dates += Date.parse(`${row.fields[5]}T00:00:00Z`) / 86_400_000;
          if (SUPPLIERS.includes(row.fields[9]!)) suppliers += 1;
          if (count % 10_000 === 0) {
            gc();
            peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - baseHeap);
          }
        }
      });
    } finally {
      clearInterval(timer);
    }
    const read = performance.now();
    const MiB = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
    console.info(
      `xlsx ${lines} rows, ${MiB(size)} MiB: written in ${((written - started) / 1000).toFixed(1)} s, read in ${((read - written) / 1000).toFixed(1)} s; ` +
        `heap kept ${MiB(peakHeap)} MiB, RSS growth ${MiB(peakRss - baseRss)} MiB`,
    );
    expect(count).toBe(lines + 3);
    expect({ cents, dates, suppliers }).toEqual({ ...expected, suppliers: lines });
    expect(stream.summary).toMatchObject({ bytesRead: size, totalBytes: size, lines: lines + 3, rows: lines + 3 });
    // Loose on purpose: the sheet's XML is 62 MiB here, and exceljs's whole-workbook reader keeps ~550 MiB of
    // heap for it; streaming keeps the shared strings, the styles and a few chunks.
    expect(peakHeap).toBeLessThan(32 * 2 ** 20);
    expect(peakRss - baseRss).toBeLessThan(150 * 2 ** 20);
  });

  it("stops reading when the caller stops iterating, and deletes the temporary file", async () => {
    const file = await infBud53Workbook();
    const stream = readXlsxRows(Readable.from([file]));
    await expectNoTemporaryFileAfter(async () => {
      for await (const row of stream) if (row.lineNumber === 5) break;
    });
    expect(stream.summary.rows).toBe(4);
  });
});

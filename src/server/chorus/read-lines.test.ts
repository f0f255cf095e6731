// Reading Chorus extracts from bytes: encodings, line ends, quotes (RFC, none, AIFE's every-cell quotes),
// sources, errors, and a 100 000-line INF-BUD-53 file read with bounded memory. The sample files of
// tests/fixtures/chorus go through the whole import in import.test.ts.
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLayoutParser, LAYOUT_BY_ID } from "@/domain/chorus/layouts";
import { lineScope, type ConventionChorusRefs } from "@/domain/chorus/scope";
import { writeExtract, type ExtractTotals } from "../../../scripts/chorus/generate-extract";
import { ChorusFileError, readChorusRows, type ChorusRow, type ChorusSource, type ReadChorusRowsOptions, type ReadSummary } from "./read-lines";

const FAST14: ConventionChorusRefs = { domaineFonctionnel: "0352-01", centreFinancier: "0352-CFSE-CFIN", activite: "035200010101", centreDeCout: "SGDFNUM092" };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "suivi-fast-chorus-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(source: ChorusSource, options: ReadChorusRowsOptions = { delimiter: ";" }): Promise<{ rows: ChorusRow[]; summary: ReadSummary }> {
  const stream = readChorusRows(source, options);
  const rows: ChorusRow[] = [];
  for await (const row of stream) rows.push(row);
  return { rows, summary: stream.summary };
}

const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.isBuffer(p) ? p : Buffer.from(p))));

const TEXT = "N° EJ;Fournisseur;Objet\n1300456781;Coopérative Élan Numérique;BC n°2 : passage à l’échelle – 1 000 €\n";
const ROWS = [
  { lineNumber: 1, fields: ["N° EJ", "Fournisseur", "Objet"] },
  { lineNumber: 2, fields: ["1300456781", "Coopérative Élan Numérique", "BC n°2 : passage à l’échelle – 1 000 €"] },
];

describe("encodings", () => {
  it("reads UTF-8 without BOM", async () => {
    const { rows, summary } = await collect(Readable.from([Buffer.from(TEXT, "utf8")]));
    expect(rows).toEqual(ROWS);
    expect(summary).toMatchObject({ encoding: "utf-8", bom: false, utf8Lines: 2, windows1252Lines: 0 });
  });

  it("reads UTF-8 with a BOM, which does not stick to the first field", async () => {
    const { rows, summary } = await collect(Readable.from([bytes([0xef, 0xbb, 0xbf], TEXT)]));
    expect(rows).toEqual(ROWS);
    expect(summary).toMatchObject({ encoding: "utf-8", bom: true });
  });

  it("reads Windows-1252 (« Latin-1 »): é, É, ’, –, € and no-break spaces", async () => {
    const text = TEXT.replace("1 000", "1\u00a0000");
    const { rows, summary } = await collect(Readable.from([iconv.encode(text, "windows-1252")]));
    expect(rows[1]?.fields).toEqual(["1300456781", "Coopérative Élan Numérique", "BC n°2 : passage à l’échelle – 1\u00a0000 €"]);
    expect(summary).toMatchObject({ encoding: "windows-1252", windows1252Lines: 2, utf8Lines: 0 });
  });

  it("reads each line in its own encoding: a file pasted together from both", async () => {
    const file = bytes("N° EJ;Fournisseur\n", iconv.encode("1300456781;Société Latine\n", "windows-1252"), "1300462210;Société Unicode\n");
    const { rows, summary } = await collect(Readable.from([file]));
    expect(rows.map((r) => r.fields[1])).toEqual(["Fournisseur", "Société Latine", "Société Unicode"]);
    expect(summary).toMatchObject({ encoding: "mixed", utf8Lines: 2, windows1252Lines: 1 });
  });

  it("says ascii while no accent has been met", async () => {
    expect((await collect(Readable.from([Buffer.from("a;b\n")]))).summary.encoding).toBe("ascii");
  });

  it("refuses UTF-16 with a French explanation", async () => {
    const file = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("N° EJ;Montant\n", "utf16le")]);
    await expect(collect(Readable.from([file]))).rejects.toThrow(/UTF-16.*enregistrez-le en CSV/);
    await expect(collect(Readable.from([file]))).rejects.toMatchObject({ lineNumber: 1, failure: { code: "CHORUS_FILE_UTF16" } });
  });
});

describe("AIFE's every-cell quoting", () => {
  it("cuts cells only at quote-separator-quote, keeps quotes and ';' inside names, and reads other lines as RFC CSV", async () => {
    const text = [
      "Extraction AIFE",
      '"N° EJ";"Fournisseur titulaire principal (EJ)";"Montant engagé (EUR)"',
      '"2104453606";"XXX ";P BBB"";"12615940,52"',
      '"2104583353";"AGENCE; NATIONALE "DES TITRES"";"9159575,18"',
      '"2104583354";"AGENCE ""RÉENREGISTRÉE""";1000',
    ].join("\r\n");
    const { rows } = await collect(Readable.from([Buffer.from(text, "utf8")]), { delimiter: ";", quoting: "all-quoted" });
    expect(rows.map((r) => r.fields)).toEqual([
      ["Extraction AIFE"],
      ["N° EJ", "Fournisseur titulaire principal (EJ)", "Montant engagé (EUR)"],
      ["2104453606", 'XXX ";P BBB"', "12615940,52"],
      ["2104583353", 'AGENCE; NATIONALE "DES TITRES"', "9159575,18"],
      ["2104583354", 'AGENCE "RÉENREGISTRÉE"', "1000"],
    ]);
  });
});

describe("lines and fields", () => {
  it("reads CRLF, LF and lone CR line ends, numbering lines blank ones included", async () => {
    const { rows, summary } = await collect(Readable.from([Buffer.from("a;b\r\n\r\nc;d\ne;f\rg;h\r\n")]));
    expect(rows).toEqual([
      { lineNumber: 1, fields: ["a", "b"] },
      { lineNumber: 3, fields: ["c", "d"] },
      { lineNumber: 4, fields: ["e", "f"] },
      { lineNumber: 5, fields: ["g", "h"] },
    ]);
    expect(summary).toMatchObject({ lines: 5, rows: 4 });
  });

  it("reads quoted fields: a « ; », doubled quotes, a line break (the row keeps its first line's number)", async () => {
    const text = 'EJ;Objet;Montant\r\n1;"BC ; lot ""design""";10,00\r\n2;"sur deux\r\nlignes";20,00\r\n3;12" écran;30,00\r\n';
    const { rows } = await collect(Readable.from([Buffer.from(text)]));
    expect(rows).toEqual([
      { lineNumber: 1, fields: ["EJ", "Objet", "Montant"] },
      { lineNumber: 2, fields: ["1", 'BC ; lot "design"', "10,00"] },
      { lineNumber: 3, fields: ["2", "sur deux\nlignes", "20,00"] },
      { lineNumber: 5, fields: ["3", '12" écran', "30,00"] },
    ]);
  });

  it("does not quote SAP « | » files: a quote is a character there", async () => {
    const { rows } = await collect(Readable.from([Buffer.from('bbp_po_id|description\n1300456781|"design" et ; déploiement\n')]), { delimiter: "|" });
    expect(rows[1]?.fields).toEqual(["1300456781", '"design" et ; déploiement']);
  });

  it("stops at a quote never closed, naming its line", async () => {
    const attempt = collect(Readable.from([Buffer.from('a;b\n1;"objet\n2;x\n3;y\n')]));
    await expect(attempt).rejects.toBeInstanceOf(ChorusFileError);
    await expect(collect(Readable.from([Buffer.from('a;b\n1;"objet\n2;x\n3;y\n')]))).rejects.toThrow(
      "Ligne 2 : guillemet ouvert jamais refermé (ou champ de plus de 50 lignes) ; la suite du fichier ne peut pas être lue.",
    );
  });

  it("gives up on a quote left open after 50 lines, without reading the rest of a big file", async () => {
    const path = join(dir, "open-quote.csv");
    writeFileSync(path, `a;b\n1;"objet\n${"2;x\n".repeat(100_000)}`);
    const stream = readChorusRows(path, { delimiter: ";" });
    await expect(collect(path)).rejects.toThrow(/^Ligne 2 : guillemet ouvert jamais refermé/);
    await expect(collect(path)).rejects.toMatchObject({ failure: { code: "CHORUS_FILE_QUOTE_UNCLOSED", params: { lineNumber: 2 } } });
    await expect(
      (async () => {
        for await (const _row of stream);
      })(),
    ).rejects.toBeInstanceOf(ChorusFileError);
    expect(stream.summary.lines).toBeLessThan(1000);
  });

  it("stops at a line longer than allowed, without reading the rest into memory", async () => {
    const endless = Readable.from(Array.from({ length: 10 }, () => Buffer.alloc(1024, 0x41)));
    await expect(collect(endless, { delimiter: ";", maxLineBytes: 4096 })).rejects.toThrow("Ligne 1 : plus de 4 Ko sans retour à la ligne ; ce n'est pas un extrait Chorus.");
  });
});

describe("sources", () => {
  const file = bytes([0xef, 0xbb, 0xbf], TEXT);

  it("gives the same rows whatever the chunks: byte by byte (BOM and accents cut in two)", async () => {
    const oneByOne = Readable.from(Array.from(file, (b) => Buffer.from([b])));
    expect((await collect(oneByOne)).rows).toEqual(ROWS);
  });

  it("reads a web ReadableStream (an upload), a path and an async iterable", async () => {
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(file.subarray(0, 10)));
        controller.enqueue(new Uint8Array(file.subarray(10)));
        controller.close();
      },
    });
    expect((await collect(web)).rows).toEqual(ROWS);
    const path = join(dir, "small.csv");
    writeFileSync(path, file);
    expect((await collect(path)).rows).toEqual(ROWS);
    async function* chunks() {
      yield new Uint8Array(file);
    }
    expect((await collect(chunks())).rows).toEqual(ROWS);
  });

  it("reports the bytes read for a progress bar, and the size of a file on disk", async () => {
    const path = join(dir, "progress.csv");
    writeFileSync(path, "a;b\n".repeat(100_000));
    const seen: { bytesRead: number; totalBytes: number | null }[] = [];
    const { summary } = await collect(path, { delimiter: ";", onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((p, i) => p.totalBytes === 400_000 && (i === 0 || p.bytesRead > seen[i - 1]!.bytesRead))).toBe(true);
    expect(seen.at(-1)?.bytesRead).toBe(400_000);
    expect(summary).toMatchObject({ bytesRead: 400_000, totalBytes: 400_000, rows: 100_000 });
  });

  it("stops reading when the caller stops iterating", async () => {
    const path = join(dir, "early.csv");
    writeFileSync(path, "a;b\n".repeat(100_000));
    const stream = readChorusRows(path, { delimiter: ";" });
    for await (const row of stream) if (row.lineNumber === 2) break;
    expect(stream.summary.bytesRead).toBeLessThan(400_000);
  });
});

describe("a generated 100 000-line extract", () => {
  it("is read with bounded memory, the first accent coming after line 90 000", async () => {
    const path = join(dir, "inf-bud-53-100k.csv");
    const lines = 100_000;
    const totals: ExtractTotals = await writeExtract(path, { lines, seed: 14, asciiFirstRows: 90_000 });
    const size = statSync(path).size;
    // Heap measured after a full collection, so that it counts what the reader keeps, not garbage waiting.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const heap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const parser = createLayoutParser(LAYOUT_BY_ID.INF_BUD_53_AE);
    const base = heap();
    let peak = 0;
    let count = 0;
    let conventionCents = 0n;
    let conventionRows = 0;
    let firstAccent: { lineNumber: number; supplierName: string } | null = null;
    const stream = readChorusRows(path, { delimiter: ";" });
    for await (const row of stream) {
      const outcome = parser.push(row);
      if (outcome.kind === "record" && outcome.record.credit === "AE") {
        const { line } = outcome.record;
        if (lineScope(line.imputation, FAST14).ours) {
          conventionRows += 1;
          conventionCents += line.amountCents;
        }
        if (!firstAccent && /[^\x20-\x7e]/.test(line.supplierName ?? "")) firstAccent = { lineNumber: outcome.lineNumber, supplierName: line.supplierName ?? "" };
      } else {
        expect(outcome.kind).toBe("ignored");
      }
      if (++count % 10_000 === 0) peak = Math.max(peak, heap() - base);
    }
    // 4 title rows and the header (Windows-1252: "Référentiel", "N° EJ"), then 90 000 ASCII rows: the first
    // accented supplier is on line 90 006 at the earliest; it and every row after are read as Windows-1252.
    expect(firstAccent?.lineNumber).toBeGreaterThanOrEqual(90_006);
    expect(firstAccent?.supplierName).toMatch(/É/);
    expect(stream.summary).toMatchObject({ encoding: "windows-1252", utf8Lines: 0, bytesRead: size, rows: lines + 5 });
    // Two title rows ("détaillée", "généré") and the header have accents, then the rows from 90 001 on.
    expect(stream.summary.windows1252Lines).toBe(3 + 10_000);
    expect({ conventionRows, conventionCents }).toEqual({ conventionRows: totals.conventionRows, conventionCents: totals.conventionCents });
    // Loose on purpose: the file is ~20 MB and holding its 100 000 rows takes ~100 MB of heap; what the reader
    // keeps while streaming is a chunk, a line and the parser's state.
    expect(peak).toBeLessThan(16 * 1024 * 1024);
  });
});


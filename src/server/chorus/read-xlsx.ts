// Reads a Chorus restitution saved as .xlsx (a path on disk, an upload's web ReadableStream, a Node Readable)
// as rows of text fields, the same shape as read-lines.ts gives for CSV, so that the layout parsers of
// src/domain/chorus read both alike. Streaming: exceljs's stream.xlsx.WorkbookReader, first worksheet only.
//
// Cells become the text a CSV export would hold, with no float ever handed on:
// - strings as written (rich text joined, OOXML's _xHHHH_ escapes decoded: "_x000D_" is a carriage return);
// - numbers as the shortest decimal that reads back as the stored double (see `numberText`), "." as the mark;
// - date cells (a date number format) as yyyy-mm-dd, the calendar day Excel shows; date-times as their day;
// - formulas as their cached result; booleans as "true"/"false"; errors as their code ("#N/A", "#DIV/0!");
//   ISO date cells (t="d") as their day.
// Rows are numbered as Excel shows them; empty rows are skipped (their numbers stay unused); a row's fields go
// from column A to its last non-empty cell.
//
// Memory. The zip is read front to back, once. A worksheet stored after its shared strings, styles and
// workbook entries is parsed as it is unzipped; one stored before them (Excel, LibreOffice and exceljs all
// store the sheet before at least one of these) is unzipped by exceljs to a temporary file first, then
// parsed from disk. Either way what stays in memory is the shared strings table (each distinct text once)
// and the styles, not the sheet: see the 100 000-row test.
//
// exceljs 4.4.0 (pinned) reads the zip, the workbook, its relations, the shared strings and the styles; the
// worksheet itself is parsed here with saxes (the XML parser exceljs uses), straight into text fields
// (`worksheetParser`: exceljs's WorksheetReader built a Row, Cells and event objects per cell, and that garbage
// made the .xlsx import ~5× slower than the CSV and its heap the largest). exceljs is used with four
// corrections, each tested in read-xlsx.test.ts, that reach into its streaming reader's internals (re-check
// them when upgrading):
// 1. It parses a worksheet on the fly as soon as the shared strings and the workbook's relations are known,
//    even when styles.xml and workbook.xml come later in the zip, as in LibreOffice's files: it then crashes
//    ("Cannot read properties of undefined (reading 'sheets')", exceljs#3064) or, styles unknown, gives date
//    cells as plain numbers (exceljs#1430). Here the relations are hidden from it until the workbook and the
//    styles have been read, so such a sheet goes to its temporary file instead.
// 2. It decodes each unzipped chunk as UTF-8 on its own, so an "é" cut between two chunks becomes "��"
//    (exceljs#2063, #2316: a few cells in every large file). Shared strings are read through setEncoding, and
//    the worksheet's bytes through a streaming TextDecoder, before they reach an XML parser.
// 3. It pipes the source into its unzipper without listening for the source's errors, and hears the unzipper's
//    own (a truncated or corrupt zip) only between entries: a failing upload, or a file cut in the middle of a
//    sheet parsed on the fly, would leave it waiting forever. Both now fail what is awaited from it.
// 4. unzipper announces the end of the zip as soon as the source has been written to it, while the last
//    entries may still wait in its buffer, and exceljs stops there (exceljs#3064): the last entries were
//    lost in most reads of a small file (its shared strings, hence an error; its workbook.xml, hence a wrong
//    sheet). That early end is not passed on; the zip ends when its end record has been read.
import { stat } from "node:fs/promises";
import { SaxesParser } from "saxes";
import { Readable } from "node:stream";
// exceljs's streaming workbook reader is loaded when an .xlsx arrives (openWorkbook), not with the module, and
// alone: the whole package weighs 28 MiB in memory, its reader's modules 19 MiB (measured: RSS after
// require), which every server process and every CSV import would otherwise carry.
import type ExcelJS from "exceljs";
import { bytesOf, ChorusFileError, emptySummary, type ChorusRow, type ChorusRowStream, type ChorusSource, type ReadProgress, type ReadSummary } from "./read-lines";
// (The catalogue's failure() is "coded" here: "failure" names the reading's own failure handle below.)
import { failure as coded } from "@/domain/failures";

export type ReadXlsxRowsOptions = {
  /** Called after each chunk read from the source, for a progress bar. */
  onProgress?: (progress: ReadProgress) => void;
  /** Size of the source when known (an upload's Content-Length, File.size); a path's size is read from disk. */
  totalBytes?: number;
};

/** A zip archive's first local header ("PK\x03\x04"): what every .xlsx starts with. */
export function isXlsx(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** An OLE compound file: a legacy .xls, or an .xlsx encrypted with a password (Office wraps those in one). */
function isCompoundFile(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
}

/**
 * Rows of the first worksheet of an .xlsx, read as they are iterated (one pass). Throws ChorusFileError, with a
 * French message saying what to do, when the source is not a readable .xlsx (line 1) or is damaged further on.
 * summary.lines counts the rows met in the sheet's XML (empty ones included), summary.rows those yielded.
 */
export function readXlsxRows(source: ChorusSource, options: ReadXlsxRowsOptions = {}): ChorusRowStream {
  // XLSX is XML in UTF-8.
  const state: ReadSummary = { ...emptySummary(options.totalBytes ?? null), encoding: "utf-8" };
  let started = false;
  return {
    get summary(): ReadSummary {
      return { ...state };
    },
    [Symbol.asyncIterator]() {
      if (started) throw new Error("readXlsxRows: a stream of rows is read once.");
      started = true;
      return rows(source, options, state);
    },
  };
}

// ───────────────────────────── exceljs internals (4.4.0) ─────────────────────────────

type WorkbookReader = ExcelJS.stream.xlsx.WorkbookReader;
type WorksheetReader = ExcelJS.stream.xlsx.WorksheetReader;

/** What is used of exceljs's streaming WorkbookReader beyond its declared types. */
interface WorkbookReaderInternals {
  on(event: "entry", listener: (entry: { type: string; id?: string }) => void): void;
  /** workbook.xml, once read. */
  model?: { sheets?: { rId: string }[] };
  properties?: { model?: { date1904?: boolean } };
  /** xl/sharedStrings.xml, once read: each entry a text, a rich text, or null (an empty <si>). */
  sharedStrings?: SharedString[];
  /** xl/styles.xml, once read (exceljs's StyleManager). */
  styles?: { getStyleModel(id: number): { numFmt?: string } | null };
  /** xl/_rels/workbook.xml.rels, once read; a worksheet is parsed on the fly only when this is set. */
  workbookRels?: { Id: string; Target: string }[];
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
}

/** The worksheet's XML as exceljs will parse it: the zip entry's chunks, or its temporary file's stream. */
interface WorksheetReaderInternals {
  iterator: AsyncIterable<Buffer | string>;
}

async function openWorkbook(input: Readable) {
  // exceljs has no "exports" map: its modules are reachable by path (the package is pinned).
  const { default: WorkbookReaderClass } = await import("exceljs/lib/stream/xlsx/workbook-reader.js");
  const reader: WorkbookReader = new WorkbookReaderClass(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    // Styles tell a date (a number with a date format) from a number.
    styles: "cache",
    hyperlinks: "ignore",
    entries: "emit",
  });
  const internals = reader as unknown as WorkbookReaderInternals;
  let stylesRead = false;
  /** The zip name's number of the worksheet exceljs is about to hand over ("2" for xl/worksheets/sheet2.xml). */
  let sheetNumber: string | undefined;
  internals.on("entry", (entry) => {
    if (entry.type === "styles") stylesRead = true;
    if (entry.type === "worksheet") sheetNumber = entry.id;
  });
  // Correction 1: the relations are shown to exceljs only once the workbook and the styles are read.
  let relations: WorkbookReaderInternals["workbookRels"];
  Object.defineProperty(internals, "workbookRels", {
    configurable: true,
    get: () => (internals.model && stylesRead ? relations : undefined),
    set: (value: WorkbookReaderInternals["workbookRels"]) => {
      relations = value;
    },
  });
  // Correction 2, for the shared strings: Node's string decoder keeps a character cut between chunks whole.
  const parseSharedStrings = internals._parseSharedStrings;
  internals._parseSharedStrings = (entry) => {
    entry.setEncoding("utf8");
    return parseSharedStrings.call(internals, entry);
  };
  return {
    reader,
    currentSheetNumber: () => sheetNumber,
    /** The zip name's number of the first worksheet in the workbook's tab order; undefined while unknown. */
    firstSheetNumber(): string | undefined {
      for (const sheet of internals.model?.sheets ?? []) {
        const target = relations?.find((r) => r.Id === sheet.rId)?.Target;
        const number = target && /(?:^|\/)worksheets\/sheet(\d+)\.xml$/.exec(target)?.[1];
        if (number) return number;
      }
      return undefined;
    },
    /**
     * Lets go of the shared strings and styles once the sheet is read: whatever still holds the reader (its
     * streams) then no longer holds them while the import plans and writes.
     */
    release(): void {
      internals.sharedStrings = undefined;
      internals.styles = undefined;
    },
    /** What the worksheet's cells refer to, as read so far (all of it once the sheet is handed over). */
    parts: (): WorkbookParts => ({ sharedStrings: internals.sharedStrings, styles: internals.styles, date1904: internals.properties?.model?.date1904 === true }),
  };
}

/** Correction 2, for the worksheet: its bytes decoded as one UTF-8 stream (a character cut between chunks kept whole). */
async function* worksheetXml(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (text !== "") yield text;
  }
  const rest = decoder.decode();
  if (rest !== "") yield rest;
}

// ───────────────────────────── Rows ─────────────────────────────

async function* rows(source: ChorusSource, options: ReadXlsxRowsOptions, state: ReadSummary): AsyncGenerator<ChorusRow> {
  if (typeof source === "string" && state.totalBytes === null) state.totalBytes = (await stat(source)).size;
  const bytes = counted(bytesOf(source), options, state)[Symbol.asyncIterator]();
  const head = await peek(bytes, 8);
  if (!isXlsx(head.bytes)) {
    const error = isCompoundFile(head.bytes) ? await compoundFileError(Buffer.concat(head.chunks), bytes) : new ChorusFileError(1, coded("XLSX_NOT_READABLE"));
    await bytes.return?.(undefined);
    throw error;
  }

  const input = Readable.from(prepend(head.chunks, bytes), { objectMode: false });
  // Correction 3: the source's errors (a broken upload, an unreadable file) end the reading, as they are.
  const failure = failureGuard();
  let sourceError: unknown = null;
  input.once("error", (error) => {
    sourceError = error;
    failure.fail(error);
  });
  // exceljs pipes the source into unzipper, whose errors (a truncated or corrupt zip) it only hears between
  // two zip entries, not while a worksheet is parsed on the fly: they are listened to here. Correction 4 is
  // made there too.
  const pipe = input.pipe.bind(input);
  input.pipe = <T extends NodeJS.WritableStream>(destination: T, pipeOptions?: { end?: boolean }): T => {
    const zip = destination as unknown as Readable;
    zip.once("error", failure.fail);
    const emit = zip.emit.bind(zip);
    // Only the end Node emits, once the entries read have all been handed over (readableEnded is set first).
    zip.emit = (event: string | symbol, ...args: unknown[]) => (event === "end" && !zip.readableEnded ? false : emit(event, ...args));
    return pipe(destination, pipeOptions);
  };

  const workbook = await openWorkbook(input);
  const sheets = workbook.reader[Symbol.asyncIterator]();
  let sheetsDone = false;
  let read = false;
  /** The sheet read came from a temporary file: the whole zip had been read before its first row. */
  let fromFile = false;
  let lastRow = 0;
  try {
    for (let next = await failure.guard(sheets.next()); !next.done; next = await failure.guard(sheets.next())) {
      const sheet = next.value;
      const number = workbook.currentSheetNumber();
      const first = workbook.firstSheetNumber();
      if (read || (first !== undefined && number !== first)) {
        discard(sheet);
        continue;
      }
      read = true;
      fromFile = (sheet as unknown as WorksheetReaderInternals).iterator instanceof Readable;
      for await (const row of sheetRows(sheet, workbook.parts(), failure.guard, state)) {
        lastRow = row.lineNumber;
        yield row;
      }
    }
    sheetsDone = true;
  } catch (error) {
    if (error === sourceError || error instanceof ChorusFileError) throw error;
    const refusal = new ChorusFileError(lastRow + 1, lastRow === 0 ? coded("XLSX_NOT_READABLE") : coded("XLSX_DAMAGED", { lastRow }));
    refusal.cause = error;
    throw refusal;
  } finally {
    if (!sheetsDone) await stop(sheets, input, fromFile && sourceError === null);
    workbook.release();
  }
  if (!read) throw new ChorusFileError(1, coded("XLSX_NOT_READABLE"));
}

async function* sheetRows(
  sheet: WorksheetReader,
  parts: WorkbookParts,
  guard: <T>(promise: Promise<T>) => Promise<T>,
  state: ReadSummary,
): AsyncGenerator<ChorusRow> {
  const xml = worksheetXml((sheet as unknown as WorksheetReaderInternals).iterator)[Symbol.asyncIterator]();
  const parser = worksheetParser(parts, state);
  let done = false;
  try {
    for (let next = await guard(xml.next()); !next.done; next = await guard(xml.next())) {
      yield* parser.write(next.value);
    }
    yield* parser.close();
    done = true;
  } finally {
    // Closes a temporary file's stream when the caller stops early (not awaited: after a source error exceljs
    // may never answer).
    if (!done) xml.return(undefined).catch(() => undefined);
  }
}

/**
 * Makes what is awaited from exceljs fail as soon as the source or the unzipper fails. Not Promise.race with
 * a promise that never settles: each race would add a reaction to it, keeping every row read alive.
 */
function failureGuard() {
  const pending = new Set<(error: unknown) => void>();
  let failed: { error: unknown } | null = null;
  return {
    fail(error: unknown): void {
      if (failed) return;
      failed = { error };
      for (const reject of pending) reject(error);
      pending.clear();
    },
    guard<T>(promise: Promise<T>): Promise<T> {
      if (failed) return Promise.reject(failed.error);
      return new Promise<T>((resolve, reject) => {
        pending.add(reject);
        promise.then(
          (value) => {
            pending.delete(reject);
            resolve(value);
          },
          (error: unknown) => {
            pending.delete(reject);
            reject(error);
          },
        );
      });
    },
  };
}

/** Leaves a worksheet other than the first unread; a temporary file's stream is closed. */
function discard(sheet: WorksheetReader): void {
  const { iterator } = sheet as unknown as WorksheetReaderInternals;
  if (iterator instanceof Readable) {
    // Its file may be deleted before the stream has opened it: that is no error.
    iterator.on("error", () => undefined);
    iterator.destroy();
  }
}

/**
 * Stops reading before the end. When the whole zip has been read (the sheet came from a temporary file), the
 * remaining sheets are skipped so that exceljs deletes its temporary files; otherwise the source is closed.
 */
async function stop(sheets: AsyncGenerator<WorksheetReader>, input: Readable, zipRead: boolean): Promise<void> {
  if (zipRead) {
    try {
      for (let next = await sheets.next(); !next.done; next = await sheets.next()) discard(next.value);
      return;
    } catch {
      // Reading the rest failed: nothing more to clean.
    }
  }
  input.destroy();
  sheets.return(undefined).catch(() => undefined);
}

// ───────────────────────────── Cells ─────────────────────────────

type SharedString = string | { richText: { text?: string | null }[] } | null;

/** What the worksheet's cells refer to elsewhere in the workbook. */
interface WorkbookParts {
  sharedStrings?: SharedString[];
  styles?: { getStyleModel(id: number): { numFmt?: string } | null };
  date1904: boolean;
}

/**
 * The worksheet's XML to rows of text fields, parsed here with saxes (the XML parser exceljs itself uses)
 * rather than by exceljs's WorksheetReader: that one builds a Row and Cell objects with their styles for every
 * cell and an event object for every tag, and that garbage made an .xlsx import ~5× slower than its CSV and
 * its heap the largest (measured with `npm run bench`: ADR 0008). The cells are read as exceljs reads them
 * (worksheet-reader.js), with these differences: an inline string's runs are joined (exceljs kept the last),
 * an error's text is kept (formerly by rewriting t="e" before exceljs), a boolean formula gives true/false,
 * and an ISO date cell (t="d") its day. A row's fields go from column A to its last non-empty cell.
 */
function worksheetParser(parts: WorkbookParts, state: ReadSummary) {
  const parser = new SaxesParser({ xmlns: false, position: false } as const);
  /** Rows parsed from the last chunk, not yet handed over (null: an empty row, counted but not given). */
  const ready: (ChorusRow | null)[] = [];
  const dateStyles = new Map<number, boolean>();
  let previous = 0;
  let inRow = false;
  let rowNumber = 0;
  let fields: string[] = [];
  let nextColumn = 1;
  let column = 0;
  let type: string | undefined;
  let style = 0;
  let value: string | null = null;
  let capturing = false;
  let inInline = false;
  let inPhonetic = false;

  const isDateStyle = (id: number): boolean => {
    let known = dateStyles.get(id);
    if (known === undefined) {
      known = isDateFormat(parts.styles?.getStyleModel(id)?.numFmt);
      dateStyles.set(id, known);
    }
    return known;
  };

  const cellValue = (): string => {
    if (value === null) return "";
    switch (type) {
      case "s": {
        if (!parts.sharedStrings) throw new Error("A shared string without the workbook's shared strings table.");
        return sharedText(parts.sharedStrings[Number.parseInt(value, 10)]);
      }
      case "str":
      case "inlineStr":
        return unescapeText(value);
      case "e":
        return value;
      case "b":
        return Number.parseInt(value, 10) !== 0 ? "true" : "false";
      case "d":
        return value.slice(0, 10);
      default: {
        const number = Number.parseFloat(value);
        // exceljs reads a date style only on a cell whose s is set (not 0), formula or not.
        if (style > 0 && isDateStyle(style)) return Number.isFinite(number) ? isoDate(excelDate(number, parts.date1904)) : "";
        return numberText(number);
      }
    }
  };

  parser.on("opentag", (node) => {
    switch (localName(node.name)) {
      case "row": {
        inRow = true;
        fields = [];
        nextColumn = 1;
        // Excel always numbers its rows; a writer that does not is read in order.
        const number = Number.parseInt(node.attributes.r ?? "", 10);
        rowNumber = Number.isInteger(number) && number > 0 ? number : previous + 1;
        break;
      }
      case "c": {
        if (!inRow) break;
        const ref = node.attributes.r;
        column = ref ? columnOf(ref) : nextColumn;
        type = node.attributes.t;
        style = node.attributes.s ? Number.parseInt(node.attributes.s, 10) : 0;
        value = null;
        break;
      }
      case "v":
        capturing = true;
        value = "";
        break;
      case "is":
        inInline = true;
        value = "";
        break;
      case "rPh":
        inPhonetic = true;
        break;
      case "t":
        if (inInline && !inPhonetic) capturing = true;
        break;
    }
  });
  const text = (chunk: string) => {
    if (capturing) value += chunk;
  };
  parser.on("text", text);
  parser.on("cdata", text);
  parser.on("closetag", (node) => {
    switch (localName(node.name)) {
      case "v":
      case "t":
        capturing = false;
        break;
      case "rPh":
        inPhonetic = false;
        break;
      case "is":
        inInline = false;
        break;
      case "c":
        if (!inRow) break;
        if (column > 0) fields[column - 1] = cellValue();
        nextColumn = column + 1;
        break;
      case "row": {
        inRow = false;
        previous = rowNumber;
        let end = fields.length;
        while (end > 0 && !fields[end - 1]) end -= 1;
        const row = new Array<string>(end);
        for (let i = 0; i < end; i++) row[i] = fields[i] ?? "";
        ready.push(end === 0 ? null : { lineNumber: rowNumber, fields: row });
        break;
      }
    }
  });

  /** The summary counts a row when it is handed over: a caller that stops early sees what it read. */
  function* take(): Generator<ChorusRow> {
    const rows = ready.splice(0, ready.length);
    for (const row of rows) {
      state.lines += 1;
      if (row === null) continue;
      state.rows += 1;
      yield row;
    }
  }
  return {
    write(chunk: string): Generator<ChorusRow> {
      parser.write(chunk);
      return take();
    },
    close(): Generator<ChorusRow> {
      parser.close();
      return take();
    },
  };
}

/** "x:row" → "row": a writer may prefix the spreadsheet namespace. */
function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The column of a cell reference, 1 for "A7", 28 for "AB7"; 0 when the reference names none. */
function columnOf(ref: string): number {
  let column = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i) & ~0x20; // upper case
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column;
}

function sharedText(entry: SharedString | undefined): string {
  if (entry === null || entry === undefined) return "";
  if (typeof entry === "string") return unescapeText(entry);
  return unescapeText(entry.richText.map((run) => run.text ?? "").join(""));
}

/**
 * A number as the shortest decimal that reads back as the same double, never in exponent notation:
 * 22500.12 → "22500.12", 15000 → "15000", -1250.5 → "-1250.5", 1e21 → "1000000000000000000000",
 * 1e-7 → "0.0000001".
 *
 * Why this is exact for amounts. The sheet's XML stores a double, which a writer may spell with up to 17
 * significant digits (Excel writes 22500.12 as "22500.119999999999"); it is read back as the same double.
 * Two different decimals of at most 15 significant digits never round to the same double (doubles carry
 * 15.95 decimal digits), so when the typed amount has at most 15 — every amount in euros and cents below
 * 10^13 € — it is the shortest decimal that reads back as the stored double, which is what String(n) gives:
 * exactly what was typed, trailing zeros dropped ("1250.50" → "1250.5"); a cell holding 0.3 reads "0.3".
 * No float goes further: the layout parsers read this text into cents and refuse more than two decimals, so
 * a value with a floating-point tail (a formula's 0.1+0.2 = 0.30000000000000004) is refused, not rounded.
 */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return "";
  const text = String(n);
  const exponent = text.indexOf("e");
  if (exponent < 0) return text;
  const sign = n < 0 ? "-" : "";
  const mantissa = text.slice(sign.length, exponent);
  const power = Number(text.slice(exponent + 1));
  const point = mantissa.indexOf(".");
  const digits = mantissa.replace(".", "");
  // Where the decimal point falls in `digits` once the exponent is applied.
  const at = (point < 0 ? mantissa.length : point) + power;
  if (at <= 0) return `${sign}0.${"0".repeat(-at)}${digits}`;
  if (at >= digits.length) return `${sign}${digits}${"0".repeat(at - digits.length)}`;
  return `${sign}${digits.slice(0, at)}.${digits.slice(at)}`;
}

/**
 * The calendar day of a date cell, yyyy-mm-dd. exceljs builds the Date at UTC midnight of the day Excel shows
 * (serial number − 25 569 days, 1970-01-01 being serial 25 569), so the UTC fields are that day whatever the
 * server's time zone; a date-time keeps its day.
 */
function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const year = String(date.getUTCFullYear()).padStart(4, "0");
  const month = String(date.getUTCMonth() + 1).padStart(2, "0");
  const day = String(date.getUTCDate()).padStart(2, "0");
  return `${year}-${month}-${day}`;
}

/** exceljs's own conversion (utils.excelToDate), for the cached results of formulas. */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** exceljs's own test (utils.isDateFmt): a day, month, year or time code outside quotes and brackets. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** OOXML writes characters XML cannot hold (and a carriage return) as _xHHHH_; "_x005F_" escapes a "_". */
function unescapeText(text: string): string {
  return text.includes("_x") ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text;
}

// ───────────────────────────── Bytes ─────────────────────────────


/** The source's chunks as Buffers, counted for the summary and the progress bar. */
async function* counted(chunks: AsyncIterable<Uint8Array>, options: ReadXlsxRowsOptions, state: ReadSummary): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    state.bytesRead += bytes.length;
    options.onProgress?.({ bytesRead: state.bytesRead, totalBytes: state.totalBytes });
    yield bytes;
  }
}

/** The first `size` bytes (fewer if the source is shorter), and the chunks they were read from. */
async function peek(chunks: AsyncIterator<Buffer>, size: number): Promise<{ bytes: Buffer; chunks: Buffer[] }> {
  const read: Buffer[] = [];
  let length = 0;
  while (length < size) {
    const next = await chunks.next();
    if (next.done) break;
    read.push(next.value);
    length += next.value.length;
  }
  return { bytes: Buffer.concat(read).subarray(0, size), chunks: read };
}

async function* prepend(first: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* first;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    await rest.return?.(undefined);
  }
}

/**
 * An OLE compound file is a legacy .xls, or an encrypted .xlsx: Office then stores the workbook as an
 * "EncryptedPackage" stream described by an "EncryptionInfo" stream, names written in UTF-16 in the file's
 * directory, which may be anywhere in it: the file is read through to look for them.
 */
async function compoundFileError(head: Buffer, rest: AsyncIterator<Buffer>): Promise<ChorusFileError> {
  const marker = Buffer.from("EncryptionInfo", "utf16le");
  let window = head;
  for (;;) {
    if (window.includes(marker)) return new ChorusFileError(1, coded("XLSX_ENCRYPTED"));
    const next = await rest.next();
    if (next.done) return new ChorusFileError(1, coded("XLSX_LEGACY"));
    // Keep the end of what was read: the name may straddle two chunks.
    window = Buffer.concat([window.subarray(Math.max(0, window.length - marker.length + 1)), next.value]);
  }
}

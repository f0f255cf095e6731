// Reads a Chorus extract (a path on disk, an upload's web ReadableStream, a Node Readable) as rows of fields,
// streaming: the file is never held whole in memory, only the current chunk (64 KiB from disk) and the
// current line. The rows go to the pure parsers of src/domain/chorus, which know the formats.
//
// Encoding. Chorus Infocentre exports and spreadsheets save Windows-1252 (called "Latin-1" by users); the
// national extracts and modern tools write UTF-8, with or without a BOM. The encoding is decided LINE BY
// LINE, never once for the whole file: a line that is valid UTF-8 is read as UTF-8, any other as
// Windows-1252. So the first accented byte may come at line 90 000 and still be read right, and a file
// concatenated from both encodings reads right too. Each decision is counted (summary.utf8Lines,
// summary.windows1252Lines; summary.encoding says "mixed" when both occur).
// The honest limit: a Windows-1252 line whose accented bytes happen to form valid UTF-8 would be read as
// UTF-8. That takes a byte in 0xC2–0xF4 followed by bytes in 0x80–0xBF, i.e. "Ã©", "Â«" and the like
// written in Windows-1252: mojibake itself, not French text. ASCII-only lines read the same either way.
// UTF-16 ("Texte Unicode" of spreadsheets) is refused with a message saying how to save the file.
//
// Windows-1252 is decoded by iconv-lite, not TextDecoder: Node's TextDecoder("windows-1252") decodes
// 0x80–0x9F as Latin-1 control characters (nodejs/node#56542, fixed only in recent Node versions; Node 20
// has it), which would turn "€" (0x80) and the typographic apostrophe "’" (0x92) into invisible
// characters. UTF-8 validity is checked by node:buffer's isUtf8 (native, no exception thrown per line).
//
// Fields. Quoting is csv-parse's (its sync API, one record at a time), with the format's delimiter:
// RFC 4180 quotes for ";" files (an "Objet" may hold a ";", a quote or a line break: the record then spans
// lines, and is numbered by its first line), no quoting for "|" SAP flat files (a quote there is a
// character). A line without any quote character is split on the delimiter directly, which is exactly what
// the CSV grammar says of it, and keeps large files fast: csv-parse's streaming parser, with
// relax_column_count (title rows are shorter than data rows), builds an error object with a stack trace for
// every row whose length differs from the first row's, i.e. every data row of an Infocentre export: about
// 70 µs a row here, 7 s for 100 000 rows, against well under one for this reader.
import { isAscii, isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import type { CsvError } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import iconv from "iconv-lite";
import { failure, messageOf, type Failure } from "@/domain/failures";

export type ChorusDelimiter = ";" | "|" | ",";

/** See Quoting in src/domain/chorus/layouts.ts: RFC 4180, none (SAP flat files), or AIFE's every-cell quotes. */
export type ChorusQuoting = "rfc" | "none" | "all-quoted";

/** One record of the file: where it starts (1-based line) and its fields, as written (not trimmed). */
export type ChorusRow = { lineNumber: number; fields: string[] };

export type ReadProgress = { bytesRead: number; totalBytes: number | null };

export type ReadSummary = {
  /** "ascii" while no byte above 0x7F has been met. */
  encoding: "ascii" | "utf-8" | "windows-1252" | "mixed";
  /** The file starts with a UTF-8 byte order mark (removed from the first field). */
  bom: boolean;
  /** Lines with non-ASCII bytes read as UTF-8, and as Windows-1252. */
  utf8Lines: number;
  windows1252Lines: number;
  bytesRead: number;
  totalBytes: number | null;
  /** Physical lines read (blank lines included) and rows yielded (blank lines excluded). */
  lines: number;
  rows: number;
};

export type ChorusSource = string | Readable | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export type ReadChorusRowsOptions = {
  delimiter: ChorusDelimiter;
  /** How '"' quotes fields. Default: RFC 4180 for "," and ";", none for "|" (SAP flat files). */
  quoting?: ChorusQuoting;
  /** Called after each chunk read, for a progress bar. */
  onProgress?: (progress: ReadProgress) => void;
  /** Size of the source when known (an upload's Content-Length, File.size); a path's size is read from disk. */
  totalBytes?: number;
  /** A line longer than this (bytes) is not a Chorus extract's: reading stops. Default 1 MiB. */
  maxLineBytes?: number;
};

/** The file cannot be read further (unclosed quote, UTF-16, endless line…): a coded failure, with its line. */
export class ChorusFileError extends Error {
  constructor(
    readonly lineNumber: number,
    readonly failure: Failure,
  ) {
    super(messageOf(failure));
    this.name = "ChorusFileError";
  }
}

export interface ChorusRowStream extends AsyncIterable<ChorusRow> {
  /** What has been read so far; final once the iteration has ended. */
  readonly summary: ReadSummary;
}

const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
/** A quoted field may hold line breaks, not whole pages: past this, the quote is taken as never closed. */
const MAX_RECORD_LINES = 50;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Rows of a Chorus extract, read as they are iterated (one pass). Blank lines are skipped (but counted in
 * line numbers). Throws ChorusFileError when the file cannot be read further.
 */
/** What a reader has read before its first byte (both readers start from it). */
export function emptySummary(totalBytes: number | null): ReadSummary {
  return { encoding: "ascii", bom: false, utf8Lines: 0, windows1252Lines: 0, bytesRead: 0, totalBytes, lines: 0, rows: 0 };
}

export function readChorusRows(source: ChorusSource, options: ReadChorusRowsOptions): ChorusRowStream {
  const { encoding: _encoding, ...state } = emptySummary(options.totalBytes ?? null);
  let started = false;
  return {
    get summary(): ReadSummary {
      return { ...state, encoding: encodingOf(state) };
    },
    [Symbol.asyncIterator]() {
      if (started) throw new Error("readChorusRows: a stream of rows is read once.");
      started = true;
      return rows(source, options, state);
    },
  };
}

function encodingOf(state: { utf8Lines: number; windows1252Lines: number }): ReadSummary["encoding"] {
  if (state.utf8Lines > 0 && state.windows1252Lines > 0) return "mixed";
  if (state.windows1252Lines > 0) return "windows-1252";
  if (state.utf8Lines > 0) return "utf-8";
  return "ascii";
}

type State = Omit<ReadSummary, "encoding">;

async function* rows(source: ChorusSource, options: ReadChorusRowsOptions, state: State): AsyncGenerator<ChorusRow> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  if (typeof source === "string" && state.totalBytes === null) state.totalBytes = (await stat(source)).size;
  const { delimiter } = options;
  const quoting = options.quoting ?? (delimiter === "|" ? "none" : "rfc");
  const quotes = quoting !== "none";
  // A record whose quoted field spans lines: its text so far, its first line and how many lines it holds.
  let pending: { text: string; lineNumber: number; lines: number } | null = null;
  for await (const lines of decodedLines(bytesOf(source), options, state, maxLineBytes)) {
    for (const line of lines) {
      state.lines += 1;
      if (pending) {
        pending.text = `${pending.text}\n${line}`;
        pending.lines += 1;
        if (pending.lines > MAX_RECORD_LINES || pending.text.length > maxLineBytes) throw unclosedQuote(pending.lineNumber);
        // A quoted field can only close on a line holding a quote.
        if (!line.includes('"')) continue;
        const parsed = parseQuoted(pending.text, delimiter, pending.lineNumber);
        if (parsed === "unclosed") continue;
        const lineNumber = pending.lineNumber;
        pending = null;
        state.rows += 1;
        yield { lineNumber, fields: parsed };
        continue;
      }
      // AIFE's lines quote every cell; any other line of such a file (a title row, a re-saved row) reads as RFC CSV.
      if (quoting === "all-quoted" && isAllQuoted(line)) {
        state.rows += 1;
        yield { lineNumber: state.lines, fields: allQuotedFields(line, delimiter) };
        continue;
      }
      if (!quotes || !line.includes('"')) {
        // No quote: splitting on the delimiter is exactly what the CSV grammar says.
        if (line === "") continue;
        state.rows += 1;
        yield { lineNumber: state.lines, fields: line.split(delimiter) };
        continue;
      }
      const parsed = parseQuoted(line, delimiter, state.lines);
      if (parsed === "unclosed") {
        pending = { text: line, lineNumber: state.lines, lines: 1 };
        continue;
      }
      state.rows += 1;
      yield { lineNumber: state.lines, fields: parsed };
    }
  }
  if (pending) throw unclosedQuote(pending.lineNumber);
}

/** csv-parse reads a line holding quotes; "unclosed" when a quoted field goes on to the next line. */
function parseQuoted(text: string, delimiter: ChorusDelimiter, lineNumber: number): string[] | "unclosed" {
  try {
    const records = parseSync(text, QUOTED_OPTIONS[delimiter]) as string[][];
    const [record, ...more] = records;
    if (record && more.length === 0) return record;
  } catch (error) {
    if ((error as Partial<CsvError>).code === "CSV_QUOTE_NOT_CLOSED") return "unclosed";
  }
  return unreadable(lineNumber);
}

/**
 * AIFE's national files quote every cell and do not double a quote inside a name ("AGENCE; NATIONALE "DES
 * TITRES""): a cell ends only where a quote, the separator and a quote follow each other. Doubled quotes, as
 * a tool re-saving the file writes them, are undoubled.
 */
function allQuotedFields(line: string, delimiter: ChorusDelimiter): string[] {
  return line
    .trim()
    .slice(1, -1)
    .split(`"${delimiter}"`)
    .map((cell) => cell.replaceAll('""', '"'));
}

function isAllQuoted(line: string): boolean {
  const text = line.trim();
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"');
}

function unreadable(lineNumber: number): never {
  throw new ChorusFileError(lineNumber, failure("CHORUS_FILE_LINE_MALFORMED", { lineNumber }));
}

function unclosedQuote(lineNumber: number): ChorusFileError {
  return new ChorusFileError(lineNumber, failure("CHORUS_FILE_QUOTE_UNCLOSED", { lineNumber, maxLines: MAX_RECORD_LINES }));
}

const csvOptions = (delimiter: ChorusDelimiter) => ({
  delimiter,
  // A quote inside an unquoted field is a character (12" écran), not an error.
  relax_quotes: true,
  relax_column_count: true,
  // Lines are joined with "\n" when a quoted field spans several.
  record_delimiter: ["\n"],
  skip_empty_lines: false,
});
const QUOTED_OPTIONS = { ";": csvOptions(";"), "|": csvOptions("|"), ",": csvOptions(",") };

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} Mo` : `${Math.round(bytes / 1024)} Ko`;
}

// ───────────────────────────── Bytes ─────────────────────────────

/** The bytes of any source the readers accept (a path, a web stream, a Node stream or async iterable). */
export async function* bytesOf(source: ChorusSource): AsyncGenerator<Uint8Array> {
  if (typeof source === "string") {
    yield* createReadStream(source, { highWaterMark: 64 * 1024 }) as AsyncIterable<Uint8Array>;
  } else if (isWebStream(source)) {
    const reader = source.getReader();
    let done = false;
    try {
      while (!done) {
        const next = await reader.read();
        done = next.done;
        if (next.value) yield next.value;
      }
    } finally {
      if (!done) await reader.cancel();
      reader.releaseLock();
    }
  } else {
    yield* source as AsyncIterable<Uint8Array>;
  }
}

function isWebStream(source: ChorusSource): source is ReadableStream<Uint8Array> {
  return typeof (source as ReadableStream<Uint8Array>).getReader === "function";
}

/**
 * Splits the bytes at line breaks (LF, CRLF or a lone CR) and decodes each line in its own encoding (see the
 * header comment). Yields the lines of each chunk, without their line breaks.
 */
async function* decodedLines(chunks: AsyncIterable<Uint8Array>, options: ReadChorusRowsOptions, state: State, maxLineBytes: number): AsyncGenerator<string[]> {
  let carry: Buffer = Buffer.alloc(0);
  let start = true;
  for await (const chunk of chunks) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    state.bytesRead += bytes.length;
    options.onProgress?.({ bytesRead: state.bytesRead, totalBytes: state.totalBytes });
    let buffer = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
    if (start) {
      // The byte order mark needs the first three bytes.
      if (buffer.length < 3) {
        carry = Buffer.from(buffer);
        continue;
      }
      buffer = withoutByteOrderMark(buffer, state);
      start = false;
    }
    // Cut after the last complete line. A CR ending the buffer may be the first half of a CRLF: not there.
    let cut = buffer.lastIndexOf(LF);
    if (cut < 0) {
      cut = buffer.lastIndexOf(CR);
      if (cut === buffer.length - 1) cut = cut > 0 ? buffer.lastIndexOf(CR, cut - 1) : -1;
    }
    if (cut < 0) {
      if (buffer.length > maxLineBytes) throw tooLong(state.lines + 1, maxLineBytes);
      carry = Buffer.from(buffer);
      continue;
    }
    // The tail is copied so that the chunk it came from can be freed.
    carry = Buffer.from(buffer.subarray(cut + 1));
    yield splitLines(decodeBlock(buffer.subarray(0, cut + 1), state));
  }
  if (start && carry.length > 0) carry = withoutByteOrderMark(carry, state);
  if (carry.length > 0) yield splitLines(decodeBlock(carry, state));
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  // A final line break ends the last line; it does not start one more.
  if (lines.length > 0 && lines[lines.length - 1] === "" && /[\r\n]$/.test(text)) lines.pop();
  return lines;
}

function withoutByteOrderMark(buffer: Buffer, state: State): Buffer {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    state.bom = true;
    return buffer.subarray(3);
  }
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) {
    throw new ChorusFileError(1, failure("CHORUS_FILE_UTF16"));
  }
  return buffer;
}

function tooLong(line: number, maxLineBytes: number): ChorusFileError {
  return new ChorusFileError(line, failure("CHORUS_FILE_LINE_TOO_LONG", { lineNumber: line, size: size(maxLineBytes) }));
}

function decodeBlock(block: Buffer, state: State): string {
  if (isAscii(block)) return block.toString("latin1");
  const parts: string[] = [];
  let from = 0;
  while (from < block.length) {
    const lf = block.indexOf(LF, from);
    const to = lf < 0 ? block.length : lf + 1;
    parts.push(decodeLine(block.subarray(from, to), state));
    from = to;
  }
  return parts.join("");
}

function decodeLine(line: Buffer, state: State): string {
  if (isAscii(line)) return line.toString("latin1");
  if (isUtf8(line)) {
    state.utf8Lines += 1;
    return line.toString("utf8");
  }
  state.windows1252Lines += 1;
  return iconv.decode(line, "windows-1252");
}

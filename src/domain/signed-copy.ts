// The signed copy of a convention (the paper original, scanned to PDF): what may be stored. Its type is told
// by its content (a PDF starts with "%PDF-"), never by its name or the type the browser announces; its size
// is bounded; a convention not yet signed has no signed copy; the copy in force uploaded again is refused.
import type { IsoDate } from "./dates";
import { failure, type Failure } from "./failures";

/** 20 MB: a scanned convention of a dozen pages at 300 dpi is a few MB. */
export const SIGNED_COPY_MAX_BYTES = 20 * 1024 * 1024;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

export function isPdf(head: Uint8Array): boolean {
  return head.length >= PDF_MAGIC.length && PDF_MAGIC.every((byte, i) => head[i] === byte);
}

export interface SignedCopyCandidate {
  /** The bytes received (their first bytes at least) and how many there are. */
  head: Uint8Array;
  sizeBytes: number;
  sha256: string;
  /** The convention's signature date: null while unsigned. */
  signedOn: IsoDate | null;
  /** The copy in force, if any. */
  current: { sha256: string; uploadedOn: IsoDate } | null;
}

/** Null when the copy may be stored, else the first reason it may not. */
export function signedCopyProblem(c: SignedCopyCandidate): Failure | null {
  if (c.sizeBytes === 0) return failure("SIGNED_COPY_EMPTY", undefined, "fichier");
  if (c.sizeBytes > SIGNED_COPY_MAX_BYTES) return failure("SIGNED_COPY_TOO_LARGE", { maxBytes: SIGNED_COPY_MAX_BYTES }, "fichier");
  if (!isPdf(c.head)) return failure("SIGNED_COPY_NOT_PDF", undefined, "fichier");
  if (c.signedOn === null) return failure("SIGNED_COPY_UNSIGNED");
  if (c.current && c.current.sha256 === c.sha256) return failure("SIGNED_COPY_SAME_FILE", { uploadedOn: c.current.uploadedOn }, "fichier");
  return null;
}

/** "2,4 Mo", "812 ko": a file's size as French readers write it. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} octets`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} ko`;
  return `${(bytes / 1024 / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
}

import { describe, expect, it } from "vitest";
import { formatFileSize, isPdf, SIGNED_COPY_MAX_BYTES, signedCopyProblem } from "./signed-copy";

const PDF = new TextEncoder().encode("%PDF-1.7");
const ok = { head: PDF, sizeBytes: 1000, sha256: "a".repeat(64), signedOn: "2024-02-29", current: null };

describe("the signed copy's checks", () => {
  it("tells a PDF by its first bytes only", () => {
    expect(isPdf(PDF)).toBe(true);
    expect(isPdf(new TextEncoder().encode("%PDF"))).toBe(false);
    expect(isPdf(new TextEncoder().encode(" %PDF-1.7"))).toBe(false);
    expect(isPdf(new TextEncoder().encode("PK\u0003\u0004"))).toBe(false);
  });

  it("refuses in order: empty, too large, not a PDF, unsigned, the copy in force again", () => {
    expect(signedCopyProblem(ok)).toBeNull();
    expect(signedCopyProblem({ ...ok, sizeBytes: 0 })?.code).toBe("SIGNED_COPY_EMPTY");
    expect(signedCopyProblem({ ...ok, sizeBytes: SIGNED_COPY_MAX_BYTES })).toBeNull();
    expect(signedCopyProblem({ ...ok, sizeBytes: SIGNED_COPY_MAX_BYTES + 1 })).toMatchObject({ code: "SIGNED_COPY_TOO_LARGE", params: { maxBytes: SIGNED_COPY_MAX_BYTES }, field: "fichier" });
    expect(signedCopyProblem({ ...ok, head: new TextEncoder().encode("GIF89a") })?.code).toBe("SIGNED_COPY_NOT_PDF");
    expect(signedCopyProblem({ ...ok, signedOn: null })?.code).toBe("SIGNED_COPY_UNSIGNED");
    expect(signedCopyProblem({ ...ok, current: { sha256: ok.sha256, uploadedOn: "2024-03-01" } })).toMatchObject({ code: "SIGNED_COPY_SAME_FILE", params: { uploadedOn: "2024-03-01" } });
    expect(signedCopyProblem({ ...ok, current: { sha256: "b".repeat(64), uploadedOn: "2024-03-01" } })).toBeNull();
  });

  it("writes sizes as French readers do", () => {
    expect(formatFileSize(512)).toBe("512 octets");
    expect(formatFileSize(20 * 1024 * 1024)).toBe("20 Mo");
    expect(formatFileSize(2_500_000)).toBe("2,4 Mo");
  });
});

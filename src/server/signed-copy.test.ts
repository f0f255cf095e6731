// The signed copy of a convention (POST /conventions/[id]/copie-signee, GET …/copie-signee/[copyId]) on the
// real database: DINUM's pilot uploads the scan, stored with its SHA-256 and size and audited; any party
// downloads it; a replacement keeps the previous copy in the history; every refusal (not a PDF whatever its
// name, too large, empty, incomplete, the same file again, an unsigned convention, another site, a role
// or organisation that may not) is coded and writes nothing.
import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { ACCOUNTS, actionHarness, SEEDED } from "../../tests/support/action-harness";
import { createConvention } from "../../tests/factories/conventions";
import { SIGNED_COPY_MAX_BYTES } from "@/domain/signed-copy";
import type { FailureCode } from "@/domain/failures";

vi.mock("@/server/auth", () => import("../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../tests/support/mocks/next-cache"));

const upload = await import("@/app/conventions/[id]/copie-signee/route");
const download = await import("@/app/conventions/[id]/copie-signee/[copyId]/route");
const { listSignedCopies } = await import("@/server/repositories/signed-copies");

const h = actionHarness({ writes: ["signedCopy"] });
const fast14 = h.seeded(SEEDED.FAST14);

const ORIGIN = "http://localhost:3000";
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);

interface Answer {
  ok: boolean;
  status: number;
  code?: FailureCode;
  message?: string;
  fieldErrors?: Record<string, string>;
  id?: string;
  sha256?: string;
}

async function post(conventionId: string, body: Uint8Array | null, options: { name?: string; size?: number; origin?: string; contentLength?: number } = {}): Promise<Answer> {
  const query = new URLSearchParams({ name: options.name ?? "convention-signee.pdf", ...(options.size !== undefined ? { size: String(options.size) } : {}) });
  const headers: Record<string, string> = { origin: options.origin ?? ORIGIN, host: "localhost:3000", "content-type": "application/pdf" };
  if (options.contentLength !== undefined) headers["content-length"] = String(options.contentLength);
  const request = new Request(`${ORIGIN}/conventions/${conventionId}/copie-signee?${query}`, { method: "POST", body, headers, ...(body ? { duplex: "half" } : {}) } as RequestInit);
  const response = await upload.POST(request, { params: Promise.resolve({ id: conventionId }) });
  return { status: response.status, ...((await response.json()) as Omit<Answer, "status">) };
}

const get = (conventionId: string, copyId: string) =>
  download.GET(new Request(`${ORIGIN}/conventions/${conventionId}/copie-signee/${copyId}`), { params: Promise.resolve({ id: conventionId, copyId }) });

describe("the signed copy", () => {
  it("is uploaded by DINUM's pilot, stored with its SHA-256 and size, audited, and downloaded by every party", async () => {
    h.signInAs(ACCOUNTS.PILOTE);
    const bytes = pdf("première copie");
    const answer = await post(fast14.id, bytes, { name: "FAST14 signée.pdf", size: bytes.length });
    expect(answer).toMatchObject({ ok: true, status: 201, sha256: createHash("sha256").update(bytes).digest("hex") });
    const row = await h.prisma.signedCopy.findUniqueOrThrow({ where: { id: answer.id! } });
    expect(row).toMatchObject({ conventionId: fast14.id, fileName: "FAST14 signée.pdf", sizeBytes: bytes.length, sha256: answer.sha256 });
    expect(Buffer.from(row.content).equals(Buffer.from(bytes))).toBe(true);
    const audit = await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "signed-copy.upload", entityId: row.id } });
    expect(audit).toMatchObject({ conventionId: fast14.id, userId: h.actor(ACCOUNTS.PILOTE).userId, before: null, after: { fileName: "FAST14 signée.pdf", sizeBytes: bytes.length, sha256: answer.sha256 } });

    for (const who of [ACCOUNTS.PILOTE, ACCOUNTS.FAST14_PARTNER, ACCOUNTS.FAST14_GESTIONNAIRE, ACCOUNTS.ADMIN]) {
      h.signInAs(who);
      const response = await get(fast14.id, row.id);
      expect(response.status, who).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="FAST14 signee.pdf"; filename*=UTF-8''FAST14%20sign%C3%A9e.pdf`);
      expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    }
    h.signInAs(ACCOUNTS.DEMO_PARTNER);
    expect((await get(fast14.id, row.id)).status).toBe(403);
    h.signInAs(null);
    expect((await get(fast14.id, row.id)).status).toBe(401);
    h.signInAs(ACCOUNTS.PILOTE);
    expect((await get(fast14.id, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    // The copy belongs to its convention only.
    const other = h.seeded(SEEDED.FAST16_DEMO);
    expect((await get(other.id, row.id)).status).toBe(404);
  });

  it("keeps the replaced copy in the history, the latest in force; rows cannot be changed nor deleted", async () => {
    h.signInAs(ACCOUNTS.PILOTE);
    const first = await post(fast14.id, pdf("v1 de l'historique"));
    const second = await post(fast14.id, pdf("v2 de l'historique"));
    expect(second).toMatchObject({ ok: true, status: 201 });
    const copies = await listSignedCopies(fast14.id);
    expect(copies[0]!.id).toBe(second.id);
    expect(copies.map((c) => c.id)).toContain(first.id);
    const audit = await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "signed-copy.upload", entityId: second.id } });
    expect(audit.before).toMatchObject({ id: first.id, sha256: first.sha256 });
    expect((await get(fast14.id, first.id!)).status).toBe(200);
    await expect(h.prisma.signedCopy.update({ where: { id: first.id! }, data: { fileName: "autre.pdf" } })).rejects.toThrow(/append-only/);
    await expect(h.prisma.signedCopy.delete({ where: { id: first.id! } })).rejects.toThrow(/append-only/);
  });

  it("refuses, with its code and nothing written, what is not a PDF whatever its name, too large, empty, incomplete, or the copy in force again", async () => {
    h.signInAs(ACCOUNTS.PILOTE);
    const refusal = (code: string, status: number) => ({ code, status });
    await h.expectRefused(() => post(fast14.id, new TextEncoder().encode("<html>pas un pdf</html>"), { name: "faux.pdf" }), { code: "SIGNED_COPY_NOT_PDF", field: "fichier" });
    // A PDF's magic bytes further in do not make it one.
    await h.expectRefused(() => post(fast14.id, new TextEncoder().encode(" %PDF-1.4 décalé")), { code: "SIGNED_COPY_NOT_PDF" });
    await h.expectRefused(() => post(fast14.id, new Uint8Array(0)), { code: "SIGNED_COPY_EMPTY" });
    // Announced too large: refused before reading; sent too large without saying so: refused at the limit.
    expect(await h.expectRefused(() => post(fast14.id, pdf("x"), { contentLength: SIGNED_COPY_MAX_BYTES + 1 }), { code: "SIGNED_COPY_TOO_LARGE" })).toMatchObject(refusal("SIGNED_COPY_TOO_LARGE", 413));
    const big = new Uint8Array(SIGNED_COPY_MAX_BYTES + 1);
    big.set(pdf("gros"));
    expect(await h.expectRefused(() => post(fast14.id, big), { code: "SIGNED_COPY_TOO_LARGE" })).toMatchObject({ status: 413 });
    // Exactly at the limit is accepted.
    const limit = new Uint8Array(SIGNED_COPY_MAX_BYTES);
    limit.set(pdf("à la limite"));
    expect(await post(fast14.id, limit)).toMatchObject({ ok: true, status: 201 });
    await h.expectRefused(() => post(fast14.id, pdf("incomplet"), { size: 10_000 }), { code: "SIGNED_COPY_SIZE_MISMATCH" });
    const again = pdf("même fichier");
    expect(await post(fast14.id, again)).toMatchObject({ ok: true });
    expect(await h.expectRefused(() => post(fast14.id, again), { code: "SIGNED_COPY_SAME_FILE" })).toMatchObject(refusal("SIGNED_COPY_SAME_FILE", 422));
  });

  it("refuses an unsigned convention and another site's request", async () => {
    h.signInAs(ACCOUNTS.PILOTE);
    const draft = await createConvention(h.prisma, { reference: "NON-SIGNEE" });
    await h.prisma.convention.update({ where: { id: draft.id }, data: { signedOn: null } });
    await h.expectRefused(() => post(draft.id, pdf("brouillon")), { code: "SIGNED_COPY_UNSIGNED" });
    expect(await h.expectRefused(() => post(fast14.id, pdf("ailleurs"), { origin: "https://ailleurs.example" }), { code: "FORBIDDEN" })).toMatchObject({ status: 403 });
  });

  it("is uploaded by DINUM's pilot only: every other role and organisation is refused, nothing written", async () => {
    for (const who of [ACCOUNTS.FAST14_PARTNER, ACCOUNTS.FAST14_GESTIONNAIRE, ACCOUNTS.ADMIN, ACCOUNTS.DEMO_PARTNER, ACCOUNTS.DEMO_GESTIONNAIRE]) {
      h.signInAs(who);
      expect(await h.expectRefused(() => post(fast14.id, pdf(`par ${who}`)), { code: "FORBIDDEN" }), who).toMatchObject({ status: 403 });
    }
    h.signInAs(null);
    expect(await h.expectRefused(() => post(fast14.id, pdf("anonyme")), { code: "UNAUTHENTICATED" })).toMatchObject({ status: 401 });
  });
});

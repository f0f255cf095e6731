// Upload of the signed convention's scan (a PDF, DINUM only): the body is the file itself, read up to the size
// limit and no further, then stored by the use case (type told by the content, SHA-256, history kept,
// audited). Same-origin only. Left out of the proxy (src/proxy.ts) like the Chorus upload: Next buffers a
// proxied request's body up to 10 MB and silently drops the rest; this route sets the security headers itself.
import { z } from "zod";
import { checkConvention, currentActor } from "@/server/authz";
import { refused, runConventionAction } from "@/server/actions/run";
import { securityHeaders } from "@/server/security/headers";
import { uploadSignedCopy, uploadSignedCopySchema } from "@/server/use-cases/signed-copy";
import { failure, type Failure } from "@/domain/failures";
import { SIGNED_COPY_MAX_BYTES } from "@/domain/signed-copy";

export const dynamic = "force-dynamic";

const HEADERS = (() => {
  const { "Content-Security-Policy": _csp, ...rest } = securityHeaders({ nonce: "", dev: false, https: (process.env.AUTH_URL ?? "").startsWith("https:"), formTargets: [] });
  return { ...rest, "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'", "Cache-Control": "no-store" };
})();

const querySchema = z.object({
  name: z.string().trim().min(1).max(200).catch("convention-signee.pdf"),
  size: z.coerce.number().int().min(0).optional().catch(undefined),
});

function answer(status: number, body: object) {
  return Response.json(body, { status, headers: HEADERS });
}

const refusal = (status: number, f: Failure) => answer(status, refused(f));

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return origin !== null && host !== null && new URL(origin).host === host;
}

/** The body, or null as soon as it goes past the limit (the rest is never read). */
async function readBounded(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > max) return null;
    chunks.push(chunk);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Permission first: someone who may not upload learns nothing of what would be accepted.
  const access = await checkConvention(await currentActor(), "signed-copy.upload", id);
  if (!access.ok) return refusal(access.status, failure(access.status === 404 ? "NOT_FOUND" : access.status === 401 ? "UNAUTHENTICATED" : "FORBIDDEN"));
  if (!sameOrigin(request)) return refusal(403, failure("FORBIDDEN"));
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const tooLarge = failure("SIGNED_COPY_TOO_LARGE", { maxBytes: SIGNED_COPY_MAX_BYTES }, "fichier");
  if (Number(request.headers.get("content-length") ?? "0") > SIGNED_COPY_MAX_BYTES) return refusal(413, tooLarge);
  const content = request.body ? await readBounded(request.body, SIGNED_COPY_MAX_BYTES) : new Uint8Array(0);
  if (content === null) return refusal(413, tooLarge);
  const result = await runConventionAction({
    action: "signed-copy.upload",
    schema: uploadSignedCopySchema,
    input: { conventionId: access.conventionId, fileName: query.name, content, declaredSize: query.size },
    run: (ctx) => uploadSignedCopy(ctx, ctx.input),
    revalidate: (conventionId) => [`/conventions/${conventionId}/documents`, `/conventions/${conventionId}/historique`],
    successMessage: "Copie signée déposée.",
  });
  if (result.ok) return answer(201, { ok: true, message: result.message, id: result.data.id, sha256: result.data.sha256, sizeBytes: result.data.sizeBytes });
  return answer(result.code === "FORBIDDEN" ? 403 : result.code === "UNAUTHENTICATED" ? 401 : result.code === "UNEXPECTED" || result.code === "DATABASE_UNREACHABLE" ? 503 : 422, result);
}

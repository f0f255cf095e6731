import "server-only";
// Storing the signed copy of a convention (its scan, a PDF): checked by its content and size, kept with its
// SHA-256, a replacement added beside the copies before it (the history is append-only), audited in the
// same transaction. The route reads the body (bounded) and runs this through runConventionAction.
import { createHash } from "node:crypto";
import { z } from "zod";
import { isoDate } from "@/domain/dates";
import { failure } from "@/domain/failures";
import { signedCopyProblem } from "@/domain/signed-copy";
import { Refusal, type UseCaseContext } from "./context";

export const uploadSignedCopySchema = z.object({
  conventionId: z.string(),
  fileName: z.string().trim().min(1).max(200),
  content: z.instanceof(Uint8Array),
  /** The size the browser announced (File.size): a body that arrived shorter or longer is refused. */
  declaredSize: z.number().int().nonnegative().optional(),
});

export type UploadSignedCopyInput = z.infer<typeof uploadSignedCopySchema>;

export async function uploadSignedCopy(ctx: UseCaseContext, input: UploadSignedCopyInput) {
  const { content } = input;
  if (input.declaredSize !== undefined && input.declaredSize !== content.length) throw new Refusal(failure("SIGNED_COPY_SIZE_MISMATCH", undefined, "fichier"));
  const [convention, current] = await Promise.all([
    ctx.tx.convention.findUniqueOrThrow({ where: { id: ctx.conventionId }, select: { signedOn: true } }),
    ctx.tx.signedCopy.findFirst({ where: { conventionId: ctx.conventionId }, orderBy: { uploadedAt: "desc" }, select: { id: true, sha256: true, uploadedAt: true, fileName: true } }),
  ]);
  const sha256 = createHash("sha256").update(content).digest("hex");
  const problem = signedCopyProblem({
    head: content.subarray(0, 8),
    sizeBytes: content.length,
    sha256,
    signedOn: convention.signedOn ? isoDate(convention.signedOn) : null,
    current: current ? { sha256: current.sha256, uploadedOn: isoDate(current.uploadedAt) } : null,
  });
  if (problem) throw new Refusal(problem);
  const created = await ctx.tx.signedCopy.create({
    data: {
      conventionId: ctx.conventionId,
      fileName: input.fileName,
      sizeBytes: content.length,
      sha256,
      content: new Uint8Array(content),
      uploadedById: ctx.actor.userId,
    },
    select: { id: true },
  });
  await ctx.audit({
    kind: "signed-copy.upload",
    entity: "SignedCopy",
    entityId: created.id,
    before: current ? { id: current.id, fileName: current.fileName, sha256: current.sha256 } : null,
    after: { fileName: input.fileName, sizeBytes: content.length, sha256 },
  });
  return { id: created.id, sha256, sizeBytes: content.length, replacedId: current?.id ?? null };
}

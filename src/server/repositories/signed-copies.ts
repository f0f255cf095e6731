import "server-only";
// The signed copies of a convention, newest first (the first is the copy in force), without their bytes.
import { db } from "../db";

export async function listSignedCopies(conventionId: string) {
  return db().signedCopy.findMany({
    where: { conventionId },
    orderBy: { uploadedAt: "desc" },
    select: { id: true, fileName: true, sizeBytes: true, sha256: true, uploadedAt: true, uploadedBy: { select: { fullName: true } } },
  });
}

-- CreateTable
CREATE TABLE "signed_copy" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "uploaded_by_id" UUID NOT NULL,
    "uploaded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signed_copy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "signed_copy_convention_id_uploaded_at_idx" ON "signed_copy"("convention_id", "uploaded_at");

-- AddForeignKey
ALTER TABLE "signed_copy" ADD CONSTRAINT "signed_copy_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signed_copy" ADD CONSTRAINT "signed_copy_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand: what Prisma cannot express.
-- The size is the bytes' own, the fingerprint a SHA-256 in hexadecimal, the content a PDF (its magic bytes).
ALTER TABLE "signed_copy" ADD CONSTRAINT "signed_copy_size_check" CHECK ("size_bytes" > 0 AND "size_bytes" = octet_length("content"));
ALTER TABLE "signed_copy" ADD CONSTRAINT "signed_copy_sha256_check" CHECK ("sha256" ~ '^[0-9a-f]{64}$');
ALTER TABLE "signed_copy" ADD CONSTRAINT "signed_copy_pdf_check" CHECK (substring("content" from 1 for 5) = '\x255044462d'::bytea);

-- A replaced copy stays in the history: rows are never changed nor deleted.
CREATE FUNCTION "signed_copy_is_immutable"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'signed_copy is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "signed_copy_immutable" BEFORE UPDATE OR DELETE ON "signed_copy" FOR EACH ROW EXECUTE FUNCTION "signed_copy_is_immutable"();

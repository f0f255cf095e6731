-- AlterTable
ALTER TABLE "convention" ADD COLUMN     "published_on" DATE;

-- CreateTable
CREATE TABLE "draft_comment" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "party" "party_role" NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "seq" SERIAL NOT NULL,

    CONSTRAINT "draft_comment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "draft_comment_convention_id_seq_idx" ON "draft_comment"("convention_id", "seq");

-- AddForeignKey
ALTER TABLE "draft_comment" ADD CONSTRAINT "draft_comment_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "draft_comment" ADD CONSTRAINT "draft_comment_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A published convention's publication day: for conventions published before it was kept, their signature day
-- (a convention is published once signed).
UPDATE "convention" SET "published_on" = "signed_on" WHERE "published" AND "signed_on" IS NOT NULL;

-- A comment says something, and not a book (the form's bound is the same, src/server/use-cases/conventions.ts).
ALTER TABLE "draft_comment" ADD CONSTRAINT "draft_comment_body_length" CHECK (char_length(btrim("body")) BETWEEN 1 AND 4000);

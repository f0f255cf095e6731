-- CreateIndex
CREATE INDEX "convention_startup_slug_published_idx" ON "convention"("startup_slug", "published");

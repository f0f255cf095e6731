// Prisma CLI configuration. The URL is only read by CLI commands that talk to a database; offline we
// generate the client and author/apply migrations with our own scripts (see docs/adr/0001).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/suivi_fast" },
});

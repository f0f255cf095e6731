// Lint: TypeScript rules plus the layering of the house (shared/design.md):
// src/domain is pure (nothing outside itself), components never import the server.
import tseslint from "typescript-eslint";

const serverOnly = { group: ["@/server/*", "**/server/*"], message: "Les composants et le domaine n'importent pas le serveur." };

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", "src/generated/", "public/", "test-results/", ".data/", "next-env.d.ts"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            // Relative imports stay inside src/domain, from its root or its subfolders (src/domain/chorus).
            {
              group: ["@/*", "../server/**", "../app/**", "../components/**", "../generated/**", "../dsfr-bootstrap/**", "../types/**", "../../**", "!../../domain/**"],
              message: "src/domain n'importe rien hors de lui-même.",
            },
            { group: ["next", "next/*", "react", "@prisma/*", "pg", "@electric-sql/*", "node:*"], message: "src/domain reste pur : ni Next, ni Prisma, ni I/O." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [serverOnly] }] },
  },
);

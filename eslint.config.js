// Lint: TypeScript rules plus the layering of the house (shared/design.md):
// src/domain is pure (nothing outside itself), components never import the server, src/ never imports prisma/.
import tseslint from "typescript-eslint";

const serverOnly = { group: ["@/server/*", "**/server/*"], message: "Les composants et le domaine n'importent pas le serveur." };
// prisma/ (schema, migrations, demo seed) is the scripts' business: the app never climbs back up to it. The
// tests under src/ still read the demo data from prisma/seed (until factories replace it): they are left out.
const noPrisma = { regex: "^(\\.\\./)+prisma(/|$)", message: "src/ n'importe pas prisma/ (migrations, données de démonstration) : ce qui les orchestre vit dans scripts/." };

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", "src/generated/", "public/", "test-results/", ".data/", "next-env.d.ts"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noPrisma] }] },
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
    // The DSFR's Badge renders a <p> unless told otherwise; inside a paragraph or a heading the HTML parser
    // splits it, and React's hydration then fails (minified error #418) on every such page.
    files: ["src/**/*.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXOpeningElement[name.name='Badge']:not(:has(JSXAttribute[name.name='as']))",
          message: 'Badge: say as="span" (a <p> inside a paragraph breaks React\'s hydration).',
        },
      ],
    },
  },
  {
    files: ["src/components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [serverOnly, noPrisma] }] },
  },
);

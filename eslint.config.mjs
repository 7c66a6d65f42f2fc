// ESLint runs for one purpose: no promise is left floating (issue 14). On serverless an
// instance may be frozen once its response is sent, so work after it goes through Next's
// after() (the Defer of lib/http/after-response.ts) or is awaited; a promise nobody awaits is
// work that may never run, and whose failure nobody sees. Type-aware, with the project's
// tsconfig. `npm run lint`; tests/unit/lint/no-floating-promises.test.ts runs it in the suite.
import tseslint from "typescript-eslint";

const FLOATING_CHAIN =
  "A promise left running (`.then/.catch/.finally` as a statement): await it or hand it to after() (Defer). " +
  "Process-level work (start-up, timers) may stay: disable this line with a comment saying why.";

export default tseslint.config(
  { ignores: ["lib/generated/**", "**/*.js", "**/*.mjs", "**/*.cjs"] },
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@typescript-eslint": tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `void promise` floats too: server code awaits it or hands it to after().
      "@typescript-eslint/no-floating-promises": ["error", { ignoreVoid: false }],
      "@typescript-eslint/no-misused-promises": "error",
      // no-floating-promises accepts a chain that ends in .catch(handler): handled, yet still
      // running after the response. Such a statement must be marked as deliberate.
      "no-restricted-syntax": [
        "error",
        { selector: "ExpressionStatement > CallExpression[callee.property.name=/^(then|catch|finally)$/]", message: FLOATING_CHAIN },
      ],
    },
  },
  {
    // In the browser there is no response to outlive: `void` marks a deliberate fire-and-forget.
    files: ["components/**/*.tsx", "app/**/*.tsx"],
    rules: { "@typescript-eslint/no-floating-promises": ["error", { ignoreVoid: true }] },
  },
);

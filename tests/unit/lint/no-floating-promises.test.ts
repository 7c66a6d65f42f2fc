// No promise is left floating in the code that ships (issue 14): on serverless an instance may
// be frozen once its response is sent, so work after it goes through Next's after() (the Defer
// of lib/http/after-response.ts) or is awaited. ESLint with the project's own configuration
// (eslint.config.mjs, type-aware through the project's tsconfig), as `npm run lint` runs it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const FIXTURE = path.join(ROOT, "tests/fixtures/lint/floating-promises.ts");
const LINT_TIMEOUT_MS = 300_000;
/** What `npm run lint` lints: `eslint <paths>`. */
const LINTED = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: { lint: string } }).scripts.lint.split(/\s+/).slice(1);

const relative = (file: string) => path.relative(ROOT, file);

describe("no floating promises", () => {
  let eslint: ESLint;
  let results: ESLint.LintResult[];

  beforeAll(async () => {
    eslint = new ESLint({ cwd: ROOT });
    results = await eslint.lintFiles(LINTED);
  }, LINT_TIMEOUT_MS);

  it("app/, lib/, components/, proxy.ts and instrumentation.ts pass no-floating-promises and no-misused-promises", () => {
    const problems = results.flatMap((result) =>
      result.messages.map((message) => `${relative(result.filePath)}:${message.line} ${message.ruleId ?? "(parse)"}: ${message.message}`),
    );
    expect(problems).toEqual([]);
  });

  it("covers the request paths and the process's entry points", () => {
    const linted = new Set(results.map((result) => relative(result.filePath)));
    for (const file of ["app/api/serve/route.ts", "app/api/i/route.ts", "app/c/route.ts", "lib/tracking/tracking-routes.ts", "app/api/i/[token]/route.ts", "app/c/[token]/route.ts", "lib/tracking/record-impression.ts", "lib/cache/active-campaigns-cache.ts", "lib/auth/auth.ts", "components/ui/copy-button.tsx", "proxy.ts", "instrumentation.ts"]) {
      expect(linted, file).toContain(file);
    }
  });

  // The configuration itself, on a fixture: a rule switched off would make the test above
  // pass whatever the code does.
  it("refuses each kind of floating promise in the fixture, and nothing else", async () => {
    const expected = readFileSync(FIXTURE, "utf8")
      .split("\n")
      .flatMap((line, index) => {
        const rule = /\/\/ refused: (\S+)/.exec(line)?.[1];
        return rule ? [`${index + 1} ${rule}`] : [];
      });
    expect(expected).toHaveLength(4);
    const [fixture] = await eslint.lintFiles([FIXTURE]);
    expect(fixture?.messages.map((message) => `${message.line} ${message.ruleId}`)).toEqual(expected);
  }, LINT_TIMEOUT_MS);
});

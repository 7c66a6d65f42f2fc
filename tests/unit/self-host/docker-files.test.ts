// The Dockerfile, .dockerignore and compose.yaml, checked here since no Docker engine runs on
// these machines (tests/e2e/standalone.spec.ts runs what the image runs): the image holds only
// the assembled folder and runs unprivileged with a health check; compose's app gets the
// variables Marquee reads, with its secrets required from the operator, never written down.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import { parseEnv } from "@/lib/config/env";
import { argsOf, envOf, execForm, healthcheckOf, readDockerfile } from "@/tests/support/dockerfile";

const stages = readDockerfile();
const stage = (name: string) => {
  const found = stages.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
};
const runtime = stages.at(-1)!;

describe("Dockerfile", () => {
  test("installs, builds and assembles in stages of their own, and the runtime holds only the assembled folder", () => {
    expect(stages.map((candidate) => candidate.name)).toEqual(["deps", "build", "runtime"]);
    expect(argsOf(stage("deps"), "RUN")).toEqual(["npm ci"]);
    const [assemble] = argsOf(stage("build"), "RUN");
    const folder = /node scripts\/standalone\/assemble\.mjs (\S+)$/.exec(assemble ?? "")?.[1];
    expect(folder, assemble).toBeDefined();
    expect(argsOf(runtime, "COPY")).toEqual([`--from=build ${folder} ./`]);
  });

  test("the files npm ci's postinstall (prisma generate) reads are copied before it, and not ignored", () => {
    const copied = argsOf(stage("deps"), "COPY").flatMap((args) => args.split(" ").slice(0, -1));
    expect(copied).toEqual(expect.arrayContaining(["package.json", "package-lock.json", "prisma.config.ts", "prisma/schema.prisma", "scripts/prisma-generate.mjs"]));
    for (const file of copied) expect(existsSync(file), file).toBe(true);
    const ignored = dockerignore();
    for (const file of copied) expect(ignored.some((pattern) => pattern === file || file.startsWith(`${pattern}/`)), file).toBe(false);
  });

  test("the runtime serves in production on every interface of the container, unprivileged", () => {
    const env = envOf(runtime);
    expect(env).toMatchObject({ NODE_ENV: "production", HOSTNAME: "0.0.0.0" });
    expect(argsOf(runtime, "EXPOSE")).toEqual([env.PORT]);
    expect(argsOf(runtime, "USER")).toEqual(["node"]);
    expect(argsOf(runtime, "WORKDIR")).toEqual(["/app"]);
  });

  test("its command is the assembled folder's start script, and its health check asks /api/health with node alone", () => {
    expect(execForm(argsOf(runtime, "CMD")[0]!)).toEqual(["node", "scripts/standalone/start.mjs"]);
    const { options, command } = healthcheckOf(runtime);
    expect(command.slice(0, 2)).toEqual(["node", "-e"]);
    expect(command[2]).toContain("/api/health");
    expect(Object.keys(options).sort()).toEqual(["interval", "retries", "start-period", "timeout"]);
  });

  test(".dockerignore keeps installed and built output, local data and secrets out of the build", () => {
    expect(dockerignore()).toEqual(expect.arrayContaining(["node_modules", ".next", ".next-*", ".data", ".env", ".env.*", "lib/generated", ".git"]));
  });
});

interface ComposeService {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  init?: boolean;
  mem_limit?: string;
}

describe("compose.yaml", () => {
  const text = readFileSync("compose.yaml", "utf8");
  // js-yaml comes with the Vercel CLI (a development dependency); compose files are YAML.
  const { load } = createRequire(import.meta.url)("js-yaml") as { load(text: string): unknown };
  const compose = load(text) as { services: Record<string, ComposeService> };
  const { postgres, redis, app } = compose.services;
  const operator = { MARQUEE_SECRET: randomBytes(32).toString("hex"), POSTGRES_PASSWORD: randomBytes(24).toString("hex") };

  test("the app is built from the Dockerfile, starts after healthy PostgreSQL and Redis, and publishes the image's port", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app", "postgres", "redis"]);
    expect(app!.build).toBe(".");
    expect(app!.depends_on).toEqual({ postgres: { condition: "service_healthy" }, redis: { condition: "service_healthy" } });
    expect(postgres!.healthcheck?.test[0]).toBe("CMD");
    expect(redis!.healthcheck?.test[0]).toBe("CMD");
    expect(app!.ports).toEqual([`\${MARQUEE_PORT:-3000}:${envOf(runtime).PORT}`]);
    expect(app!.init).toBe(true);
  });

  test("the app runs under a memory limit, 1 GiB unless MARQUEE_MEMORY says otherwise, from which Node sizes its heap", () => {
    expect(app!.mem_limit).toBe("${MARQUEE_MEMORY:-1g}");
    expect(postgres!.mem_limit).toBeUndefined();
  });

  test("no secret is written in it: MARQUEE_SECRET and the database password are required from the operator", () => {
    const required = [...text.matchAll(/\$\{(\w+):\?/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(["MARQUEE_SECRET", "POSTGRES_PASSWORD"]));
    expect(app!.environment!.MARQUEE_SECRET).toMatch(/^\$\{MARQUEE_SECRET:\?/);
    expect(() => interpolate(app!.environment!, {})).toThrow(/MARQUEE_SECRET/);
  });

  test("the app's variables configure a production instance on the compose services", () => {
    const env = interpolate(app!.environment!, operator);
    const config = parseEnv({ ...env, NODE_ENV: "production" });
    expect(config.DATABASE_URL).toBe(`postgresql://marquee:${operator.POSTGRES_PASSWORD}@postgres:5432/marquee`);
    expect(postgres!.environment).toMatchObject({ POSTGRES_USER: "marquee", POSTGRES_DB: "marquee" });
    expect(config.redis).toMatchObject({ kind: "redis", url: "redis://redis:6379" });
    expect(config.MARQUEE_SECRET).toBe(operator.MARQUEE_SECRET);
    expect(config.TRUSTED_PROXY_HOPS).toBe(0);
    expect(config.MARQUEE_PUBLIC_URL).toBe("http://localhost:3000");
  });

  test("a variable left empty means what unset means (compose passes empty strings)", () => {
    const env = interpolate(app!.environment!, operator);
    const unsetEmpty = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
    expect(Object.keys(unsetEmpty).length).toBeLessThan(Object.keys(env).length);
    expect(parseEnv({ ...env, NODE_ENV: "production" })).toEqual(parseEnv({ ...unsetEmpty, NODE_ENV: "production" }));
  });

  test("every variable it passes is in the README's configuration table", () => {
    const readme = readFileSync("README.md", "utf8");
    for (const name of Object.keys(app!.environment!)) expect(readme, name).toMatch(new RegExp(`^\\| [^|]*\`${name}\``, "m"));
  });
});

function dockerignore(): string[] {
  return readFileSync(".dockerignore", "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

/** Compose's interpolation of ${NAME}, ${NAME:-default} and ${NAME:?message} from `shell`. */
function interpolate(environment: Record<string, string>, shell: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      String(value).replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, variable: string, kind?: string, word = "") => {
        const set = shell[variable];
        if (set) return set;
        if (kind === "?") throw new Error(`${variable}: ${word}`);
        return kind === "-" ? word : "";
      }),
    ]),
  );
}

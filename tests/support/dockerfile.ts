// The Dockerfile read the way Docker reads it, as far as the tests need: the stages, each with
// its instructions (continuation lines joined, comments dropped). The unit test checks the
// image's shape with it; tests/e2e/standalone.spec.ts takes the runtime stage's ENV, CMD and
// HEALTHCHECK from it, so that what it starts is what the image starts.
import { readFileSync } from "node:fs";
import path from "node:path";

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  /** The image it starts from, as written (`${NODE_IMAGE}`). */
  from: string;
  /** The name after AS, if any. */
  name?: string;
  instructions: Instruction[];
}

export function readDockerfile(file = path.join(process.cwd(), "Dockerfile")): Stage[] {
  return parseDockerfile(readFileSync(file, "utf8"));
}

export function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  let pending = "";
  for (const line of text.split("\n")) {
    if (/^\s*#/.test(line)) continue;
    const continued = /\\\s*$/.test(line);
    pending += continued ? line.replace(/\\\s*$/, " ") : line;
    if (continued) continue;
    const match = /^\s*(\w+)\s+([\s\S]*?)\s*$/.exec(pending);
    if (match) instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.replace(/\s+/g, " ") });
    pending = "";
  }
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") {
      const [from, as, name] = instruction.args.split(" ");
      stages.push({ from: from!, name: as?.toUpperCase() === "AS" ? name : undefined, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** The arguments of every instruction of this keyword in the stage, in order. */
export function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
}

/** ENV of a stage (`ENV A=1 B=2` lines; values without spaces or quotes, which is all this Dockerfile uses). */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const args of argsOf(stage, "ENV")) {
    for (const pair of args.split(" ")) {
      const [name, ...value] = pair.split("=");
      if (!name || value.length === 0) throw new Error(`ENV ${args}: only NAME=value pairs are read here`);
      env[name] = value.join("=");
    }
  }
  return env;
}

/** An exec-form command (`["node", "x.mjs"]`), as CMD and HEALTHCHECK … CMD hold it. */
export function execForm(args: string): string[] {
  const command: unknown = JSON.parse(args);
  if (!Array.isArray(command) || !command.every((part) => typeof part === "string")) throw new Error(`not an exec-form command: ${args}`);
  return command;
}

/** The HEALTHCHECK's options and its exec-form command. */
export function healthcheckOf(stage: Stage): { options: Record<string, string>; command: string[] } {
  const [args] = argsOf(stage, "HEALTHCHECK");
  if (!args) throw new Error("the stage has no HEALTHCHECK");
  const at = args.indexOf("CMD ");
  const options = Object.fromEntries(
    args
      .slice(0, at)
      .trim()
      .split(" ")
      .filter(Boolean)
      .map((option) => option.replace(/^--/, "").split("=") as [string, string]),
  );
  return { options, command: execForm(args.slice(at + 4)) };
}

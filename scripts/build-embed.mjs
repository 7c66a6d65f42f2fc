#!/usr/bin/env node
// `npm run build:embed`: the publisher snippet as pages load it. The readable source is
// lib/embed/embed.js; public/embed.js is its minified copy, committed (so that any build —
// Vercel's, the Docker image's, `next dev` — serves it as a static file) and checked against
// the source by tests/unit/embed/embed-build.test.ts.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { minifyEmbed } from "./embed/minify-embed.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = readFileSync(path.join(root, "lib", "embed", "embed.js"), "utf8");
writeFileSync(path.join(root, "public", "embed.js"), await minifyEmbed(source));
console.log("public/embed.js written from lib/embed/embed.js");

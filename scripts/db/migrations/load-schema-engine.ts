import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

// Prisma's schema engine (migrate, diff, introspection) compiled to WebAssembly. The CLI's
// native engine is downloaded from Prisma's binaries host at every start, which is not
// reachable everywhere we run (offline machines, CI); this package is on npm instead.
export type SchemaEngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

interface EngineState {
  module?: Promise<SchemaEngineModule>;
  /** Timers the engine started and that have not fired yet (see `trackedSetTimeout`). */
  timers: Set<NodeJS.Timeout>;
  /** Engine commands running now, in this process. */
  active: number;
}

// Kept on globalThis, not in module variables: the JS glue module is loaded once per
// process by Node, while this file may be evaluated several times (vitest isolates test
// files, Next dev reloads). Re-binding the glue to a second wasm instance would break
// engines already created from the first one.
const holder = globalThis as unknown as { marqueeSchemaEngine?: EngineState };
const state: EngineState = (holder.marqueeSchemaEngine ??= { timers: new Set(), active: 0 });

/**
 * Runs `use` with the wasm-bindgen module of `@prisma/schema-engine-wasm` (instantiated on
 * first use), then, once no engine command is running any more, cancels the timers the
 * engine left behind. The engine races some steps against timeouts (10 s around
 * `applyMigrations`) and has no way to cancel them: a script would otherwise wait 10 s
 * for a timer that no longer matters before it could exit.
 */
export async function withSchemaEngineModule<T>(use: (module: SchemaEngineModule) => Promise<T>): Promise<T> {
  state.module ??= instantiate().catch((error: unknown) => {
    state.module = undefined; // let a later call retry
    throw error;
  });
  const module = await state.module;
  state.active += 1;
  try {
    return await use(module);
  } finally {
    state.active -= 1;
    if (state.active === 0) {
      for (const timer of state.timers) clearTimeout(timer);
      state.timers.clear();
    }
  }
}

/**
 * The package's entry point `import`s the `.wasm` file as an ES module, which Node only
 * allows behind an experimental flag. So we compile the bytes ourselves and hand the
 * instance to the package's own JS glue (`schema_engine_bg.js`), as the entry point would.
 */
async function instantiate(): Promise<SchemaEngineModule> {
  const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));

  // The wasm module imports its JS callbacks under the glue file's name. Same callbacks,
  // except setTimeout (its export name carries a build hash), which we track.
  const callbacks: Record<string, unknown> = { ...glue };
  for (const name of Object.keys(callbacks)) {
    if (name.startsWith("__wbg_setTimeout_")) callbacks[name] = trackedSetTimeout;
  }
  const { instance } = await WebAssembly.instantiate(bytes, {
    "./schema_engine_bg.js": callbacks as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return glue;
}

function trackedSetTimeout(callback: () => void, milliseconds: number): NodeJS.Timeout {
  const timer = setTimeout(() => {
    state.timers.delete(timer);
    callback();
  }, milliseconds >>> 0);
  state.timers.add(timer);
  return timer;
}

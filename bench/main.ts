// Entry of `npm run bench` (started by scripts/bench.mjs under tsx): see bench/run.ts.
import { runBench } from "./run";

runBench(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

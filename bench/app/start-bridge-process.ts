// The Upstash REST bridge in a process of its own (its CLI), not inside the benchmark: it
// stands for a remote service, and in-process it would share the load generator's event loop.
import { spawn } from "node:child_process";
import path from "node:path";
import { freePort, isPortOpen, sleep, waitFor, which } from "@/scripts/services/common.mjs";

export interface BridgeProcess {
  url: string;
  pid: number | undefined;
  token: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startBridgeProcess(root: string, redisUrl: string, token: string): Promise<BridgeProcess> {
  const port = await freePort();
  const args = [path.join(root, "scripts", "upstash-bridge", "bridge.mjs"), "--redis", redisUrl, "--port", String(port), "--token", token];
  const setpriv = which("setpriv");
  const child = setpriv
    ? spawn(setpriv, ["--pdeathsig=SIGKILL", "--", process.execPath, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] })
    : spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-16_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) => child.once("exit", (code, signal) => resolve(void (exited = `exited with ${code ?? signal}`))));
  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    if (await Promise.race([exit.then(() => false), sleep(5_000).then(() => true)])) child.kill("SIGKILL");
    await exit;
  };
  process.once("exit", () => child.kill("SIGKILL"));
  try {
    await waitFor(() => isPortOpen(port), { timeout: 15_000, description: "the Upstash bridge", abort: () => exited ?? false });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, token, output: () => output, stop };
}

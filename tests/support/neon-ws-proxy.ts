// A WebSocket → TCP proxy in the way Neon's edge runs one, so that Neon's serverless driver
// (DATABASE_DRIVER=neon) can be tested against the suite's throwaway PostgreSQL: the driver
// opens ws://<proxy>/v2?address=<host>:<port> and sends the Postgres wire protocol inside
// binary WebSocket frames; each frame goes to the TCP socket as is, and back.
//
//   const proxy = await startNeonWsProxy();
//   useNeonWsProxy(proxy);          // neonConfig: this proxy, plain ws://, no pipelined password
//   …
//   await proxy.close();
import net from "node:net";
import { neonConfig } from "@neondatabase/serverless";
import { WebSocketServer, type WebSocket } from "ws";

export interface NeonWsProxy {
  port: number;
  /** WebSocket connections the proxy has piped to Postgres so far. */
  connections(): number;
  /** Bytes it has carried from the driver to Postgres (the proof that traffic went this way). */
  bytesToPostgres(): number;
  close(): Promise<void>;
}

export async function startNeonWsProxy(): Promise<NeonWsProxy> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  let connections = 0;
  let bytesToPostgres = 0;
  const open = new Set<{ socket: WebSocket; tcp: net.Socket }>();

  server.on("connection", (socket, request) => {
    const address = new URL(request.url ?? "/", "ws://proxy").searchParams.get("address") ?? "";
    const [host, port] = address.split(":");
    if (!host || !port) {
      socket.close(1008, "address=host:port is required");
      return;
    }
    connections += 1;
    const tcp = net.connect(Number(port), host);
    const pair = { socket, tcp };
    open.add(pair);
    // Frames that arrive before the TCP connection is up are written once it is (net buffers them).
    socket.on("message", (data: Buffer) => {
      bytesToPostgres += data.length;
      tcp.write(data);
    });
    tcp.on("data", (data) => socket.send(data, { binary: true }));
    const end = () => {
      open.delete(pair);
      tcp.destroy();
      socket.close();
    };
    socket.on("close", end);
    socket.on("error", end);
    tcp.on("close", end);
    tcp.on("error", end);
  });

  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    connections: () => connections,
    bytesToPostgres: () => bytesToPostgres,
    async close() {
      for (const { socket, tcp } of open) {
        tcp.destroy();
        socket.terminate();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Points Neon's driver (module-wide settings) at the proxy: plain ws:// on loopback, and no
 * pipelined cleartext password (the throwaway server trusts local connections, so it never
 * asks for one). The WebSocket constructor is left to the app (lib/db/adapter.ts sets ws).
 */
export function useNeonWsProxy(proxy: NeonWsProxy): void {
  neonConfig.wsProxy = (host, port) => `127.0.0.1:${proxy.port}/v2?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineConnect = false;
  neonConfig.pipelineTLS = false;
}

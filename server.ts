/**
 * The web's entry point (`npm run web`; `npm start` runs it too): Next.js behind a plain Node
 * HTTP server that records each request's socket address in a header of our own, always
 * overwriting what a client sent. Route handlers cannot see the socket, and Next keeps a
 * client's X-Forwarded-For as it is, so without this a client could choose its own address.
 * lib/http/request-origin.ts believes X-Forwarded-* only when that address is a trusted proxy
 * (TRUST_PROXY).
 */
import { createServer } from "node:http";
import next from "next";
import { PEER_ADDRESS_HEADER } from "./lib/http/trust-proxy";
import { WEB_SERVER_MARKER } from "./lib/startup/web-startup-problems";
import { config } from "./lib/config/load-config";

// The marker is for the Next.js app this process loads (lib/startup/web-startup-problems.ts).
process.env[WEB_SERVER_MARKER] = "1";
// A malformed value is refused here with every problem named (instrumentation.ts checks the rest).
const settings = (() => {
  try {
    return config();
  } catch (e) {
    console.error(`[web] ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
})();
const port = settings.PORT;
// Not HOSTNAME: shells and containers set it to the machine's name.
const hostname = settings.WEB_HOST;

const app = next({ dev: settings.NODE_ENV === "development", port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

createServer((req, res) => {
  const peer = req.socket.remoteAddress;
  if (peer) req.headers[PEER_ADDRESS_HEADER] = peer;
  else delete req.headers[PEER_ADDRESS_HEADER];
  void handle(req, res);
}).listen(port, hostname, () => {
  console.log(`[web] listening on http://${hostname ?? "localhost"}:${port}`);
});

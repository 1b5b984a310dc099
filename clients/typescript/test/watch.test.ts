// WatchSecret through the client, against a real `secrets-broker dev` over mutual TLS.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { status as Code } from "@grpc/grpc-js";
import { BrokerError, SecretsBrokerClient, type WatchEvent, tlsDirectory } from "../src/index.js";
import { DevBroker } from "./devbroker.js";

function line(event: WatchEvent): string {
  if (event.kind === "version") return `version ${event.name} ${event.secret.version} ${event.secret.value("k")}`;
  if (event.kind === "absent") return `absent ${event.name}`;
  return "synced";
}

/** The next `count` events of `events`, as lines. */
async function take(events: AsyncIterator<WatchEvent>, count: number): Promise<string[]> {
  const out: string[] = [];
  while (out.length < count) {
    const next = await events.next();
    if (next.done) break;
    out.push(line(next.value));
  }
  return out;
}

/** A TCP proxy to `target` whose connections a test can cut. */
class CuttableProxy {
  readonly sockets = new Set<Socket>();
  readonly server: Server;
  connections = 0;

  constructor(target: string) {
    const [host, port] = target.split(":");
    this.server = createServer((inbound) => {
      this.connections++;
      const outbound = createConnection(Number(port), host);
      for (const s of [inbound, outbound]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => {});
      }
      inbound.pipe(outbound).pipe(inbound);
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((ok) => this.server.listen(0, "127.0.0.1", ok));
    const address = this.server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    return `127.0.0.1:${address.port}`;
  }

  cut(): void {
    for (const s of this.sockets) s.destroy();
  }

  close(): void {
    this.cut();
    this.server.close();
  }
}

describe("watch against a dev broker", () => {
  let broker: DevBroker;
  let client: SecretsBrokerClient;
  let admin: SecretsBrokerClient;

  before(async () => {
    broker = await DevBroker.start();
    client = broker.client("client");
    admin = broker.client("admin");
  });

  after(async () => {
    client?.close();
    admin?.close();
    await broker?.stop();
  });

  test("the current version, then each new one in order; absent names said once", async () => {
    await admin.putSecret({ name: "demo/ts/watched", values: { k: "one" } });
    const controller = new AbortController();
    const events = client.watch(["demo/ts/watched", "demo/ts/none"], { signal: controller.signal });
    const start = await take(events, 3);
    assert.deepEqual(new Set(start), new Set(["version demo/ts/watched 1 one", "absent demo/ts/none", "synced"]));
    assert.equal(start[2], "synced");
    await admin.putSecret({ name: "demo/ts/watched", values: { k: "two" } });
    await admin.putSecret({ name: "demo/ts/watched", values: { k: "three" } });
    assert.deepEqual(await take(events, 2), ["version demo/ts/watched 2 two", "version demo/ts/watched 3 three"]);
    controller.abort();
    assert.deepEqual(await events.next(), { done: true, value: undefined });
  });

  test("resumeAfter skips the versions already received", async () => {
    for (const v of ["a", "b", "c"]) {
      await admin.putSecret({ name: "demo/ts/resumed", values: { k: v } });
    }
    const events = client.watch(["demo/ts/resumed"], { resumeAfter: { "demo/ts/resumed": 1n } });
    assert.deepEqual(await take(events, 3), ["version demo/ts/resumed 2 b", "version demo/ts/resumed 3 c", "synced"]);
    await events.return(undefined);
  });

  test("an error no reconnect can fix ends the watch with that error", async () => {
    const events = client.watch(["demo//double-slash"]);
    await assert.rejects(events.next(), (err: unknown) => {
      assert.ok(err instanceof BrokerError);
      assert.equal(err.code, Code.INVALID_ARGUMENT);
      assert.equal(err.reason, "NAME_INVALID");
      return true;
    });
  });

  test("a cut connection is reopened, resuming after the last version received", async () => {
    await admin.putSecret({ name: "demo/ts/cut", values: { k: "v1" } });
    const proxy = new CuttableProxy(broker.address);
    const viaProxy = SecretsBrokerClient.connect(await proxy.listen(), tlsDirectory(broker.tlsDir, "client"), {
      serverName: "localhost",
    });
    try {
      const events = viaProxy.watch(["demo/ts/cut"]);
      assert.deepEqual(await take(events, 2), ["version demo/ts/cut 1 v1", "synced"]);
      proxy.cut(); // the stream breaks: UNAVAILABLE
      await admin.putSecret({ name: "demo/ts/cut", values: { k: "v2" } });
      // Reopened with resume_after {demo/ts/cut: 1}: v2 and synced (in an order that
      // depends on whether the write or the reconnect came first), never v1 again.
      const again = await take(events, 2);
      assert.deepEqual(new Set(again), new Set(["version demo/ts/cut 2 v2", "synced"]));
      assert.ok(proxy.connections >= 2, `connections: ${proxy.connections}`);
      await events.return(undefined);
    } finally {
      viaProxy.close();
      proxy.close();
    }
  });
});

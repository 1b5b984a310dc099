// A real `secrets-broker dev` on a free port in a temporary directory, from the repository's
// .venv (or $SECRETS_BROKER_BIN). start() returns once the broker printed its address, which
// it does only when it is serving with the demo data in place.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { accessSync, constants, createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { SecretsBrokerClient, tlsDirectory } from "../src/index.js";

// Bounds on a hung broker, never waits that the tests rely on.
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 60_000;
const PREFIX = "listening on ";

export function brokerBinary(): string {
  const env = process.env["SECRETS_BROKER_BIN"];
  // dist/test/devbroker.js -> the repository root is four levels up.
  const here = dirname(fileURLToPath(import.meta.url));
  const bin = env ? resolve(env) : resolve(here, "..", "..", "..", "..", ".venv", "bin", "secrets-broker");
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    throw new Error(`secrets-broker not found at ${bin} (run 'make venv' or set SECRETS_BROKER_BIN)`);
  }
  return bin;
}

/** The broker reads SECRETS_BROKER_* as config overrides and refuses unknown keys. */
function brokerEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env["SECRETS_BROKER_BIN"];
  return env;
}

export class DevBroker {
  private constructor(
    private readonly child: ChildProcess,
    readonly dataDir: string,
    readonly address: string,
  ) {}

  get tlsDir(): string {
    return join(this.dataDir, "tls");
  }

  static async start(): Promise<DevBroker> {
    const dataDir = mkdtempSync(join(tmpdir(), "sb-ts-test-"));
    const log = createWriteStream(join(dataDir, "broker.log"));
    const child = spawn(brokerBinary(), ["dev", "--data-dir", dataDir, "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: brokerEnv(),
    });
    child.stderr?.pipe(log);
    const lines = createInterface({ input: child.stdout! });
    const failure = (why: string) => {
      child.kill("SIGKILL");
      const text = (() => {
        try {
          return readFileSync(join(dataDir, "broker.log"), "utf8");
        } catch {
          return "";
        }
      })();
      return new Error(`${why}; log:\n${text}`);
    };
    const first = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(failure("broker printed no address")), START_TIMEOUT_MS);
      lines.once("line", (line) => {
        clearTimeout(timer);
        ok(line);
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        fail(failure(`broker exited (${code}) before printing its address`));
      });
    });
    if (!first.startsWith(`${PREFIX}127.0.0.1:`)) {
      throw failure(`broker's first line is '${first}'`);
    }
    lines.on("line", () => {}); // keep stdout drained
    return new DevBroker(child, dataDir, first.slice(PREFIX.length).trim());
  }

  /** A client with the certificate `identity` in the broker's TLS directory. */
  client(identity: string): SecretsBrokerClient {
    return SecretsBrokerClient.connect(this.address, tlsDirectory(this.tlsDir, identity));
  }

  /** Issues tlsDir/<name>.pem from the broker's CA, or from a CA it does not trust. */
  async issueClientCert(name: string, spiffeId: string, foreign: boolean): Promise<void> {
    const run = promisify(execFile);
    let caDir = this.tlsDir;
    if (foreign) {
      caDir = join(this.dataDir, `foreign-${name}`);
      await run(brokerBinary(), ["certs", "ca", "--out", caDir], { env: brokerEnv() });
    }
    await run(brokerBinary(), [
      "certs", "client", "--ca-dir", caDir, "--out", this.tlsDir, "--name", name, "--cn", name, "--spiffe-id", spiffeId,
    ], { env: brokerEnv() });
  }

  /** SIGTERM, then SIGKILL after a bound; removes the data directory. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((ok) => this.child.once("exit", () => ok()));
      this.child.kill("SIGTERM");
      const timer = setTimeout(() => this.child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

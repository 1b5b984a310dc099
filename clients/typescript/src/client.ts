// The broker's RPCs over mutual TLS as promises: each call has a deadline (10 s unless
// set), is retried after UNAVAILABLE only (retry.ts), and fails with a typed BrokerError.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  create,
  type DescMessage,
  type DescMethodUnary,
  fromBinary,
  type MessageInitShape,
  type MessageShape,
  toBinary,
} from "@bufbuild/protobuf";
import * as grpc from "@grpc/grpc-js";
import { errorFromServiceError } from "./errors.js";
import {
  type DeleteSecretRequestSchema,
  type ImportCollectionsResponse,
  type ListSecretsRequestSchema,
  type ListSecretsResponse,
  type PutSecretRequestSchema,
  SecretsAdminService,
  type SecretMetadata,
} from "./gen/secretsbroker/v1/admin_service_pb.js";
import {
  type BatchGetSecretsRequestSchema,
  type GetAccessListRequestSchema,
  type GetAccessListResponse,
  type GetSecretRequestSchema,
  type GetUserDirectoryRequestSchema,
  SecretsBrokerService,
} from "./gen/secretsbroker/v1/broker_service_pb.js";
import { BatchResult, SecretObject, UserDirectoryPage } from "./results.js";
import { checked } from "./checksum.js";
import { DEFAULT_RETRY, delayAfter, retryable, type RetryPolicy } from "./retry.js";
import { type WatchEvent, type WatchOptions, watchSecrets } from "./watch.js";

/** The deadline of each call unless the options say otherwise. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** PEM files of the caller's mutual-TLS identity. */
export interface TlsFiles {
  /** CA bundle that verifies the broker's certificate. */
  ca: string;
  /** The caller's certificate (its identity at the broker). */
  cert: string;
  /** The caller's private key. */
  key: string;
}

export interface ClientOptions {
  /** The deadline of each call in ms, all retries included. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** The name to expect in the broker's certificate, if not the address's host. */
  serverName?: string;
  /** Extra grpc-js channel options. */
  channelOptions?: grpc.ChannelOptions;
}

/** `dir/ca.pem`, `dir/<identity>.pem` and `dir/<identity>-key.pem`. */
export function tlsDirectory(dir: string, identity: string): TlsFiles {
  return { ca: join(dir, "ca.pem"), cert: join(dir, `${identity}.pem`), key: join(dir, `${identity}-key.pem`) };
}

type Init<S extends DescMessage> = MessageInitShape<S>;

interface Settings {
  timeoutMs: number;
  retry: RetryPolicy;
}

/** Both services on one channel. Close it once; `withTimeout` views share the channel. */
export class SecretsBrokerClient {
  readonly #channel: grpc.Client;
  readonly #settings: Settings;

  private constructor(channel: grpc.Client, settings: Settings) {
    this.#channel = channel;
    this.#settings = settings;
  }

  /**
   * A client for the broker at `address` ("host:port"). The TLS files are read now (a bad
   * file throws here); the connection is made on the first call.
   */
  static connect(
    address: string,
    tls: TlsFiles | grpc.ChannelCredentials,
    options: ClientOptions = {},
  ): SecretsBrokerClient {
    const credentials =
      tls instanceof grpc.ChannelCredentials
        ? tls
        : grpc.credentials.createSsl(readFileSync(tls.ca), readFileSync(tls.key), readFileSync(tls.cert));
    const channelOptions: grpc.ChannelOptions = { ...options.channelOptions };
    if (options.serverName !== undefined) {
      channelOptions["grpc.ssl_target_name_override"] = options.serverName;
      channelOptions["grpc.default_authority"] = options.serverName;
    }
    return new SecretsBrokerClient(new grpc.Client(address, credentials, channelOptions), {
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: options.retry ?? DEFAULT_RETRY,
    });
  }

  /** The same client with another per-call deadline. */
  withTimeout(timeoutMs: number): SecretsBrokerClient {
    return new SecretsBrokerClient(this.#channel, { ...this.#settings, timeoutMs });
  }

  /** The same client with another retry policy. */
  withRetry(retry: RetryPolicy): SecretsBrokerClient {
    return new SecretsBrokerClient(this.#channel, { ...this.#settings, retry });
  }

  /** The latest version of a secret (a name), or what a full request asks for. */
  async getSecret(request: string | Init<typeof GetSecretRequestSchema>): Promise<SecretObject> {
    const init = typeof request === "string" ? { name: request } : request;
    const response = await this.call(SecretsBrokerService.method.getSecret, init);
    if (response.secret === undefined) {
      throw new Error("GetSecret answered without a secret");
    }
    return new SecretObject(checked(response.secret, (init.keys ?? []).length === 0));
  }

  /** One value: only that key is asked for, so the others never leave the broker. */
  async getValue(name: string, key: string): Promise<string> {
    return (await this.getSecret({ name, keys: [key] })).value(key);
  }

  /** One result per name, in order; a missing name fails only its own result. */
  async batchGetSecrets(request: string[] | Init<typeof BatchGetSecretsRequestSchema>): Promise<BatchResult[]> {
    const init = Array.isArray(request) ? { names: request } : request;
    const response = await this.call(SecretsBrokerService.method.batchGetSecrets, init);
    const complete = (init.keys ?? []).length === 0;
    for (const result of response.results) {
      if (result.result.case === "secret") {
        checked(result.result.value, complete);
      }
    }
    return response.results.map((r) => new BatchResult(r));
  }

  async getUserDirectory(request: Init<typeof GetUserDirectoryRequestSchema>): Promise<UserDirectoryPage> {
    return new UserDirectoryPage(await this.call(SecretsBrokerService.method.getUserDirectory, request));
  }

  async getAccessList(request: Init<typeof GetAccessListRequestSchema>): Promise<GetAccessListResponse> {
    return this.call(SecretsBrokerService.method.getAccessList, request);
  }

  /** Writes a new version (needs an admin identity); unconditional unless the request says. */
  async putSecret(request: Init<typeof PutSecretRequestSchema>): Promise<SecretMetadata> {
    const response = await this.call(SecretsAdminService.method.putSecret, request);
    if (response.metadata === undefined) {
      throw new Error("PutSecret answered without metadata");
    }
    return response.metadata;
  }

  async deleteSecret(request: string | Init<typeof DeleteSecretRequestSchema>): Promise<void> {
    await this.call(SecretsAdminService.method.deleteSecret, typeof request === "string" ? { name: request } : request);
  }

  async listSecrets(request: Init<typeof ListSecretsRequestSchema> = {}): Promise<ListSecretsResponse> {
    return this.call(SecretsAdminService.method.listSecrets, request);
  }

  async importCollections(yaml: string, dryRun = false): Promise<ImportCollectionsResponse> {
    return this.call(SecretsAdminService.method.importCollections, { yaml, dryRun });
  }

  /** Any unary method of the generated services, with this client's deadline, retries and errors. */
  async call<I extends DescMessage, O extends DescMessage>(
    method: DescMethodUnary<I, O>,
    request: MessageInitShape<I>,
  ): Promise<MessageShape<O>> {
    const message = create(method.input, request);
    const deadline = Date.now() + this.#settings.timeoutMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#unary(method, message, deadline);
      } catch (err) {
        const error = errorFromServiceError(err);
        const delay =
          error.code === grpc.status.UNAVAILABLE && retryable(method.name, message)
            ? delayAfter(this.#settings.retry, attempt, error.retryDelayMs)
            : undefined;
        if (delay === undefined || Date.now() + delay >= deadline) {
          throw error;
        }
        await sleep(delay);
      }
    }
  }

  /**
   * The versions of `names` (and `options.prefix`) as they are written, as an async
   * iterator that reopens a broken stream where it left off (watch.ts); `break` or
   * `options.signal` ends it.
   */
  watch(names: string[], options: WatchOptions = {}): AsyncGenerator<WatchEvent, void, undefined> {
    return watchSecrets(this.#channel, names, options);
  }

  /** Closes the channel of this client and of its views. */
  close(): void {
    this.#channel.close();
  }

  #unary<I extends DescMessage, O extends DescMessage>(
    method: DescMethodUnary<I, O>,
    request: MessageShape<I>,
    deadline: number,
  ): Promise<MessageShape<O>> {
    return new Promise((resolve, reject) => {
      this.#channel.makeUnaryRequest(
        `/${method.parent.typeName}/${method.name}`,
        (m: MessageShape<I>) => Buffer.from(toBinary(method.input, m)),
        (b: Buffer) => fromBinary(method.output, b),
        request,
        new grpc.Metadata(),
        { deadline },
        (err, value) => (err || value === undefined ? reject(err ?? new Error("empty response")) : resolve(value)),
      );
    });
  }
}

// Typed errors built from the broker's google.rpc.ErrorInfo reason (the catalogue in the
// README's error table), read from the grpc-status-details-bin trailer. The message is the
// broker's status message, which never holds a secret value.
import { fromBinary } from "@bufbuild/protobuf";
import { type Any, anyIs, anyUnpack } from "@bufbuild/protobuf/wkt";
import { type ServiceError, status as Code } from "@grpc/grpc-js";
import {
  type BadRequest_FieldViolation,
  BadRequestSchema,
  ErrorInfoSchema,
  type PreconditionFailure_Violation,
  PreconditionFailureSchema,
  RetryInfoSchema,
} from "./gen/google/rpc/error_details_pb.js";
import { type Status, StatusSchema } from "./gen/google/rpc/status_pb.js";

/** The ErrorInfo domain of the broker's reasons. */
export const ERROR_DOMAIN = "secretsbroker";

/** Everything a failed call said. */
export interface ErrorDetails {
  code: Code;
  message: string;
  /** The broker's reason, or "" when gRPC itself produced the status. */
  reason: string;
  metadata: Readonly<Record<string, string>>;
  fieldViolations: readonly BadRequest_FieldViolation[];
  preconditionViolations: readonly PreconditionFailure_Violation[];
  /** The broker's RetryInfo delay in milliseconds, if it sent one. */
  retryDelayMs: number | undefined;
}

/** An RPC to the broker failed; subclasses name the broker's reasons and codes. */
export class BrokerError extends Error {
  readonly code: Code;
  readonly reason: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly fieldViolations: readonly BadRequest_FieldViolation[];
  readonly preconditionViolations: readonly PreconditionFailure_Violation[];
  readonly retryDelayMs: number | undefined;

  constructor(details: ErrorDetails, options?: { cause?: unknown }) {
    super(describe(details), options);
    this.name = new.target.name;
    this.code = details.code;
    this.reason = details.reason;
    this.metadata = details.metadata;
    this.fieldViolations = details.fieldViolations;
    this.preconditionViolations = details.preconditionViolations;
    this.retryDelayMs = details.retryDelayMs;
  }

  /** The status code's name, for example NOT_FOUND. */
  get codeName(): string {
    return Code[this.code] ?? String(this.code);
  }

  /** Whether the broker (not gRPC) produced this status: it carried an ErrorInfo. */
  get fromBroker(): boolean {
    return this.reason !== "";
  }
}

/** INVALID_ARGUMENT; `field` names the rejected request field. */
export class InvalidArgumentError extends BrokerError {
  get field(): string {
    return this.metadata["field"] ?? this.fieldViolations[0]?.field ?? "";
  }
}
/** NOT_FOUND: missing, or not readable by the caller (the broker answers both alike). */
export class NotFoundError extends BrokerError {}
/** NOT_FOUND / SECRET_NOT_FOUND. */
export class SecretNotFoundError extends NotFoundError {}
/** NOT_FOUND / COLLECTION_NOT_FOUND. */
export class CollectionNotFoundError extends NotFoundError {}
/** NOT_FOUND / ENTRY_NOT_FOUND: a list, control or user inside a readable collection. */
export class EntryNotFoundError extends NotFoundError {}
/** PERMISSION_DENIED: RPC_NOT_GRANTED or CREDENTIALS_NOT_GRANTED. */
export class PermissionDeniedError extends BrokerError {}
/** UNAUTHENTICATED: no usable identity in the client certificate. */
export class UnauthenticatedError extends BrokerError {}
/** ABORTED / CAS_MISMATCH: a stale expected version or etag; read again, then retry. */
export class CasMismatchError extends BrokerError {}
/** FAILED_PRECONDITION / STORE_READ_ONLY. */
export class StoreReadOnlyError extends BrokerError {}
/** UNAVAILABLE (already retried by the client). */
export class UnavailableError extends BrokerError {}
/** DATA_LOSS / DATA_CORRUPT. */
export class DataCorruptError extends BrokerError {}
/** RESOURCE_EXHAUSTED: RESOURCE_LIMIT, MESSAGE_TOO_LARGE or STORE_FULL. */
export class ResourceExhaustedError extends BrokerError {}
/** DEADLINE_EXCEEDED: no answer within the client's deadline (no reason). */
export class DeadlineExceededError extends BrokerError {}

type ErrorClass = new (details: ErrorDetails, options?: { cause?: unknown }) => BrokerError;

const BY_REASON: Readonly<Record<string, ErrorClass>> = {
  SECRET_NOT_FOUND: SecretNotFoundError,
  COLLECTION_NOT_FOUND: CollectionNotFoundError,
  ENTRY_NOT_FOUND: EntryNotFoundError,
  CAS_MISMATCH: CasMismatchError,
  STORE_READ_ONLY: StoreReadOnlyError,
};

const BY_CODE: Partial<Record<Code, ErrorClass>> = {
  [Code.INVALID_ARGUMENT]: InvalidArgumentError,
  [Code.NOT_FOUND]: NotFoundError,
  [Code.PERMISSION_DENIED]: PermissionDeniedError,
  [Code.UNAUTHENTICATED]: UnauthenticatedError,
  [Code.UNAVAILABLE]: UnavailableError,
  [Code.DATA_LOSS]: DataCorruptError,
  [Code.RESOURCE_EXHAUSTED]: ResourceExhaustedError,
  [Code.DEADLINE_EXCEEDED]: DeadlineExceededError,
};

/** The one table: specific reasons first, then the code's family, else BrokerError. */
export function errorFromDetails(details: ErrorDetails, cause?: unknown): BrokerError {
  const cls = BY_REASON[details.reason] ?? BY_CODE[details.code] ?? BrokerError;
  return new cls(details, { cause });
}

/** The typed error of a failed grpc-js call. */
export function errorFromServiceError(err: unknown): BrokerError {
  if (err instanceof BrokerError) {
    return err;
  }
  const e = err as Partial<ServiceError>;
  const code = typeof e.code === "number" ? (e.code as Code) : Code.UNKNOWN;
  const raw = e.metadata?.get("grpc-status-details-bin")[0];
  let details: Any[] = [];
  if (raw instanceof Uint8Array) {
    try {
      details = fromBinary(StatusSchema, raw).details;
    } catch {
      // A damaged trailer is not worth hiding the status it came with.
    }
  }
  return errorFromDetails(parse(code, e.details ?? String(e.message ?? ""), details), err);
}

/** The typed error of a google.rpc.Status (as a BatchGetSecrets result carries one). */
export function errorFromStatus(st: Status): BrokerError {
  return errorFromDetails(parse(st.code as Code, st.message, st.details));
}

function parse(code: Code, message: string, details: Any[]): ErrorDetails {
  const out: ErrorDetails = {
    code,
    message,
    reason: "",
    metadata: {},
    fieldViolations: [],
    preconditionViolations: [],
    retryDelayMs: undefined,
  };
  for (const any of details) {
    try {
      if (anyIs(any, ErrorInfoSchema)) {
        const info = anyUnpack(any, ErrorInfoSchema);
        if (info?.domain === ERROR_DOMAIN) {
          out.reason = info.reason;
          out.metadata = { ...info.metadata };
        }
      } else if (anyIs(any, BadRequestSchema)) {
        out.fieldViolations = [...out.fieldViolations, ...(anyUnpack(any, BadRequestSchema)?.fieldViolations ?? [])];
      } else if (anyIs(any, PreconditionFailureSchema)) {
        out.preconditionViolations = [
          ...out.preconditionViolations,
          ...(anyUnpack(any, PreconditionFailureSchema)?.violations ?? []),
        ];
      } else if (anyIs(any, RetryInfoSchema)) {
        const d = anyUnpack(any, RetryInfoSchema)?.retryDelay;
        if (d) {
          out.retryDelayMs = Number(d.seconds) * 1000 + Math.floor(d.nanos / 1e6);
        }
      }
    } catch {
      // Skip a detail that does not decode; keep the others.
    }
  }
  return out;
}

function describe(d: ErrorDetails): string {
  const head = (Code[d.code] ?? String(d.code)) + (d.reason ? ` ${d.reason}` : "");
  return d.message ? `${head}: ${d.message}` : head;
}

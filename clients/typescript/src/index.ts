// @secrets-broker/client: the TypeScript client of secrets-broker.
export {
  type ClientOptions,
  DEFAULT_TIMEOUT_MS,
  SecretsBrokerClient,
  type TlsFiles,
  tlsDirectory,
} from "./client.js";
export {
  BrokerError,
  CasMismatchError,
  CollectionNotFoundError,
  DataCorruptError,
  DeadlineExceededError,
  ERROR_DOMAIN,
  EntryNotFoundError,
  type ErrorDetails,
  errorFromServiceError,
  errorFromStatus,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  ResourceExhaustedError,
  SecretNotFoundError,
  StoreReadOnlyError,
  UnauthenticatedError,
  UnavailableError,
} from "./errors.js";
export { BatchResult, SecretObject, UserDirectoryPage } from "./results.js";
export { DEFAULT_WATCH_RECONNECT, type WatchEvent, type WatchOptions } from "./watch.js";
export { checked as checkedSecret, dataCrc32c } from "./checksum.js";
export { DEFAULT_RETRY, delayAfter, NO_RETRY, retryable, type RetryPolicy } from "./retry.js";
export * from "./gen/secretsbroker/v1/admin_service_pb.js";
export * from "./gen/secretsbroker/v1/broker_service_pb.js";
export * from "./gen/secretsbroker/v1/resources_pb.js";

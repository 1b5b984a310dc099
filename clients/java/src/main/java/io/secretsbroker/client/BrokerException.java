package io.secretsbroker.client;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An RPC to the broker failed. Subclasses name the broker's reasons (the catalogue in the
 * README's error table); {@link #reason()} is the {@code google.rpc.ErrorInfo} reason, or
 * empty when the status came from gRPC itself (no connection, deadline, handshake refused).
 * The message is the broker's status message, which never holds a secret value.
 */
public class BrokerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorDetails details;

  public BrokerException(ErrorDetails details) {
    super(details.describe(), details.cause());
    this.details = details;
  }

  /** The gRPC status code. */
  public Status.Code code() {
    return details.code();
  }

  /** The broker's stable reason (for example {@code SECRET_NOT_FOUND}); empty if none. */
  public String reason() {
    return details.reason();
  }

  /** {@code ErrorInfo.metadata}: for example {@code field} for an invalid argument. */
  public Map<String, String> metadata() {
    return details.metadata();
  }

  /** The {@code google.rpc.BadRequest} violations, if the broker sent any. */
  public List<BadRequest.FieldViolation> fieldViolations() {
    return details.fieldViolations();
  }

  /** The broker's {@code google.rpc.RetryInfo} delay, if it sent one. */
  public Optional<Duration> retryDelay() {
    return details.retryDelay();
  }

  /** Whether the broker (not gRPC) produced this status: it carried an ErrorInfo. */
  public boolean fromBroker() {
    return !details.reason().isEmpty();
  }

  /** Everything the status carried, for callers that need the raw details. */
  public ErrorDetails details() {
    return details;
  }
}

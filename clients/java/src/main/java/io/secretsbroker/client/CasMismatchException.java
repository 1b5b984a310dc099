package io.secretsbroker.client;

import com.google.rpc.PreconditionFailure;
import java.util.List;

/**
 * ABORTED / CAS_MISMATCH: a put or delete named an {@code expected_version} or
 * {@code expected_etag} that is no longer current. Read the secret again, then retry.
 */
public class CasMismatchException extends BrokerException {
  private static final long serialVersionUID = 1L;

  public CasMismatchException(ErrorDetails details) {
    super(details);
  }

  /** The broker's google.rpc.PreconditionFailure violations. */
  public List<PreconditionFailure.Violation> violations() {
    return details().preconditionViolations();
  }
}

package io.secretsbroker.client;

/** PERMISSION_DENIED: RPC_NOT_GRANTED or CREDENTIALS_NOT_GRANTED. */
public class PermissionDeniedException extends BrokerException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(ErrorDetails details) {
    super(details);
  }
}

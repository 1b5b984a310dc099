package io.secretsbroker.client;

/** UNAUTHENTICATED: the broker found no usable identity in the client certificate. */
public class UnauthenticatedException extends BrokerException {
  private static final long serialVersionUID = 1L;

  public UnauthenticatedException(ErrorDetails details) {
    super(details);
  }
}

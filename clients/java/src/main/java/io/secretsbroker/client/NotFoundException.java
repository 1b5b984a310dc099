package io.secretsbroker.client;

/** NOT_FOUND: the object does not exist <b>or the caller may not read it</b> (the broker answers both alike). */
public class NotFoundException extends BrokerException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(ErrorDetails details) {
    super(details);
  }
}

package io.secretsbroker.client;

/** NOT_FOUND / SECRET_NOT_FOUND: no such secret (or version) that the caller may read. */
public class SecretNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  public SecretNotFoundException(ErrorDetails details) {
    super(details);
  }
}

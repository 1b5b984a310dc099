package io.secretsbroker.client;

/** NOT_FOUND / ENTRY_NOT_FOUND: a list, control or user missing inside a readable collection. */
public class EntryNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  public EntryNotFoundException(ErrorDetails details) {
    super(details);
  }
}

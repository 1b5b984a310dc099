package io.secretsbroker.client;

/** NOT_FOUND / COLLECTION_NOT_FOUND: no such secrets collection that the caller may read. */
public class CollectionNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  public CollectionNotFoundException(ErrorDetails details) {
    super(details);
  }
}

package io.secretsbroker.connector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The credential part of a connector's connection, shaped like Egeria's {@code Connection}
 * bean: {@code userId}, {@code clearPassword}, {@code encryptedPassword} and
 * {@code securedProperties}. A connector that keeps only a secret's name sets
 * {@code securedProperties["secretsCollectionName"]} and leaves the rest empty for
 * {@link ConnectionSecrets#fill}. toString never shows a password or a secured property's
 * value.
 */
public final class Connection {
  private String userId;
  private String clearPassword;
  private String encryptedPassword;
  private final Map<String, String> securedProperties = new LinkedHashMap<>();

  public String getUserId() {
    return userId;
  }

  public void setUserId(String userId) {
    this.userId = userId;
  }

  public String getClearPassword() {
    return clearPassword;
  }

  public void setClearPassword(String clearPassword) {
    this.clearPassword = clearPassword;
  }

  public String getEncryptedPassword() {
    return encryptedPassword;
  }

  public void setEncryptedPassword(String encryptedPassword) {
    this.encryptedPassword = encryptedPassword;
  }

  /** Mutable, in insertion order. A key with a null or empty value asks to be filled. */
  public Map<String, String> getSecuredProperties() {
    return securedProperties;
  }

  @Override
  public String toString() {
    return "Connection{userId="
        + userId
        + ", clearPassword="
        + mask(clearPassword)
        + ", encryptedPassword="
        + mask(encryptedPassword)
        + ", securedProperties="
        + securedProperties.keySet()
        + "}";
  }

  private static String mask(String value) {
    return value == null ? "null" : "***";
  }
}

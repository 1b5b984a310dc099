package io.secretsbroker.conformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.secretsbroker.client.BrokerException;
import java.util.Map;
import java.util.Set;

/**
 * The vectors' matching rules: an object pattern matches if each of its keys matches (extra
 * keys in the actual are ignored), an array must have the same length and match element-wise,
 * a scalar must be equal. A mismatch under a key holding secret material reports the path only.
 */
final class Matcher {
  private static final Set<String> SECRET_KEYS = Set.of("values", "credentials");

  private Matcher() {}

  /** Why {@code actual} does not match {@code pattern}, or null. */
  static String match(JsonElement pattern, JsonElement actual, String path) {
    return match(pattern, actual, path, false);
  }

  private static String match(JsonElement pattern, JsonElement actual, String path, boolean secret) {
    if (pattern.isJsonObject()) {
      if (actual == null || !actual.isJsonObject()) {
        return path + ": expected an object, got " + show(actual, secret);
      }
      JsonObject a = actual.getAsJsonObject();
      for (Map.Entry<String, JsonElement> e : pattern.getAsJsonObject().entrySet()) {
        String why =
            match(e.getValue(), a.get(e.getKey()), path + "." + e.getKey(), secret || SECRET_KEYS.contains(e.getKey()));
        if (why != null) {
          return why;
        }
      }
      return null;
    }
    if (pattern.isJsonArray()) {
      if (actual == null || !actual.isJsonArray()) {
        return path + ": expected an array, got " + show(actual, secret);
      }
      JsonArray p = pattern.getAsJsonArray();
      JsonArray a = actual.getAsJsonArray();
      if (p.size() != a.size()) {
        return path + ": expected " + p.size() + " elements, got " + a.size();
      }
      for (int i = 0; i < p.size(); i++) {
        String why = match(p.get(i), a.get(i), path + "[" + i + "]", secret);
        if (why != null) {
          return why;
        }
      }
      return null;
    }
    if (pattern.isJsonNull()) {
      return actual == null || actual.isJsonNull() ? null : path + ": expected nothing, got " + show(actual, secret);
    }
    if (!pattern.equals(actual)) {
      return path + ": expected " + (secret ? "<a secret value>" : pattern) + ", got " + show(actual, secret);
    }
    return null;
  }

  private static String show(JsonElement actual, boolean secret) {
    if (actual == null) {
      return "nothing";
    }
    return secret ? "<redacted>" : actual.toString();
  }

  /** Why the error does not match {"code": ..., "reason": ...} or {"code": ..., "transport": true}. */
  static String error(JsonObject expected, BrokerException e) {
    String code = expected.get("code").getAsString();
    String got = e.code().name() + (e.reason().isEmpty() ? " without reason" : " reason " + e.reason());
    if (!e.code().name().equals(code)) {
      return "expected " + code + ", got " + got + " (" + e.getClass().getSimpleName() + ")";
    }
    boolean transport = expected.has("transport") && expected.get("transport").getAsBoolean();
    if (transport) {
      return e.reason().isEmpty() ? null : "expected a transport status without ErrorInfo, got " + got;
    }
    String reason = expected.has("reason") ? expected.get("reason").getAsString() : "";
    return reason.equals(e.reason()) ? null : "expected reason " + reason + ", got " + got;
  }
}

package io.secretsbroker.conformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.RetryInfo;
import io.secretsbroker.client.BatchResult;
import io.secretsbroker.client.BrokerException;
import io.secretsbroker.client.SecretsBrokerClient;
import io.secretsbroker.v1.BatchGetSecretsRequest;
import io.secretsbroker.v1.BatchGetSecretsResponse;
import io.secretsbroker.v1.GetAccessListRequest;
import io.secretsbroker.v1.GetSecretRequest;
import io.secretsbroker.v1.GetSecretResponse;
import io.secretsbroker.v1.GetUserDirectoryRequest;
import io.secretsbroker.v1.ListSecretsRequest;
import io.secretsbroker.v1.PutSecretRequest;
import io.secretsbroker.v1.PutSecretResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the client conformance vectors (tests/conformance/clients/vectors.json) through the
 * Java client: each request goes through the wrapper's typed methods, each answer is printed
 * as proto3 JSON and matched against the vector's pattern, each error must surface as a
 * {@link BrokerException} with the expected code and reason. Prints one line per failing
 * vector, then {@code conformance java: P/N passed}; exits 0 only if all passed.
 */
public final class ConformanceRunner {
  /** The standard proto3 JSON printer, knowing the detail types a google.rpc.Status carries. */
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer()
          .usingTypeRegistry(
              TypeRegistry.newBuilder()
                  .add(ErrorInfo.getDescriptor())
                  .add(BadRequest.getDescriptor())
                  .add(PreconditionFailure.getDescriptor())
                  .add(RetryInfo.getDescriptor())
                  .build());

  private final String address;
  private final Path tlsDir;
  private final Map<String, SecretsBrokerClient> clients = new HashMap<>();

  private ConformanceRunner(String address, Path tlsDir) {
    this.address = address;
    this.tlsDir = tlsDir;
  }

  public static void main(String[] args) throws Exception {
    String address = env("SB_CONFORMANCE_ADDRESS");
    Path tlsDir = Path.of(env("SB_CONFORMANCE_TLS_DIR"));
    JsonObject doc = JsonParser.parseString(Files.readString(Path.of(env("SB_CONFORMANCE_VECTORS")))).getAsJsonObject();
    if (doc.get("version").getAsInt() != 1) {
      System.out.println("unsupported vectors version " + doc.get("version"));
      System.exit(2);
    }
    JsonArray vectors = doc.getAsJsonArray("vectors");
    ConformanceRunner runner = new ConformanceRunner(address, tlsDir);
    int passed = 0;
    try {
      for (JsonElement v : vectors) {
        JsonObject vector = v.getAsJsonObject();
        String why = runner.run(vector);
        if (why == null) {
          passed++;
        } else {
          System.out.println("FAIL " + vector.get("id").getAsString() + ": " + why);
        }
      }
    } finally {
      runner.clients.values().forEach(SecretsBrokerClient::close);
    }
    System.out.println("conformance java: " + passed + "/" + vectors.size() + " passed");
    System.exit(passed == vectors.size() ? 0 : 1);
  }

  /** Why the vector failed, or null. */
  private String run(JsonObject vector) {
    JsonObject expect = vector.getAsJsonObject("expect");
    Message response;
    try {
      response = call(vector.get("as").getAsString(), vector.get("rpc").getAsString(), vector.get("request"));
    } catch (BrokerException e) {
      if (!expect.has("error")) {
        return "expected a response, got " + e.code() + " reason '" + e.reason() + "'";
      }
      return Matcher.error(expect.getAsJsonObject("error"), e);
    } catch (IllegalArgumentException | com.google.protobuf.InvalidProtocolBufferException e) {
      return "bad vector: " + e.getMessage();
    }
    if (!expect.has("response")) {
      return "expected an error " + expect.get("error") + ", got a response";
    }
    try {
      JsonElement actual = JsonParser.parseString(PRINTER.print(response));
      return Matcher.match(expect.get("response"), actual, "response");
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return "cannot print the response as JSON: " + e.getMessage();
    }
  }

  private Message call(String as, String rpc, JsonElement requestJson)
      throws com.google.protobuf.InvalidProtocolBufferException {
    SecretsBrokerClient client =
        clients.computeIfAbsent(as, id -> SecretsBrokerClient.builder(address).tlsDirectory(tlsDir, id).build());
    String json = requestJson == null ? "{}" : requestJson.toString();
    switch (rpc) {
      case "GetSecret":
        return GetSecretResponse.newBuilder()
            .setSecret(client.getSecret(parse(json, GetSecretRequest.newBuilder()).build()).toProto())
            .build();
      case "BatchGetSecrets":
        List<BatchResult> results = client.batchGetSecrets(parse(json, BatchGetSecretsRequest.newBuilder()).build());
        return BatchGetSecretsResponse.newBuilder()
            .addAllResults(results.stream().map(BatchResult::toProto).toList())
            .build();
      case "GetUserDirectory":
        return client.getUserDirectory(parse(json, GetUserDirectoryRequest.newBuilder()).build()).toProto();
      case "GetAccessList":
        return client.getAccessList(parse(json, GetAccessListRequest.newBuilder()).build());
      case "PutSecret":
        return PutSecretResponse.newBuilder()
            .setMetadata(client.putSecret(parse(json, PutSecretRequest.newBuilder()).build()))
            .build();
      case "ListSecrets":
        return client.listSecrets(parse(json, ListSecretsRequest.newBuilder()).build());
      default:
        throw new IllegalArgumentException("unknown rpc " + rpc);
    }
  }

  private static <B extends Message.Builder> B parse(String json, B builder)
      throws com.google.protobuf.InvalidProtocolBufferException {
    JsonFormat.parser().merge(json, builder);
    return builder;
  }

  private static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isEmpty()) {
      System.out.println("conformance java: " + name + " is not set");
      System.exit(2);
    }
    return value;
  }
}

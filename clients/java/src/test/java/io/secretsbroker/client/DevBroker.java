package io.secretsbroker.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code secrets-broker dev} on a free port in a temporary directory, started from the
 * repository's .venv (or $SECRETS_BROKER_BIN). One is shared by every test class of a run
 * through {@link #shared}; JUnit closes it (AutoCloseable in its root store) when the run ends.
 */
public final class DevBroker implements AutoCloseable {
  /** Bounds on a hung broker, never waits that the tests rely on. */
  private static final long START_TIMEOUT_SECONDS = 120;

  private static final long STOP_TIMEOUT_SECONDS = 60;
  private static final String PREFIX = "listening on ";

  private final Process process;
  private final Path dataDir;
  private final String address;

  private DevBroker(Process process, Path dataDir, String address) {
    this.process = process;
    this.dataDir = dataDir;
    this.address = address;
  }

  /** The broker of this test run, started on first use. */
  public static DevBroker shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(DevBroker.class, k -> start(), DevBroker.class);
  }

  /** The broker command: $SECRETS_BROKER_BIN, else the repository's .venv. */
  public static Path binary() {
    String env = System.getenv("SECRETS_BROKER_BIN");
    Path bin =
        env != null && !env.isEmpty()
            ? Path.of(env)
            : Path.of("..", "..", ".venv", "bin", "secrets-broker");
    bin = bin.toAbsolutePath().normalize();
    if (!Files.isExecutable(bin)) {
      throw new IllegalStateException(
          "secrets-broker not found at " + bin + " (run 'make venv' or set SECRETS_BROKER_BIN)");
    }
    return bin;
  }

  /** Starts a broker and returns once it printed its address (it is serving by then). */
  public static DevBroker start() {
    try {
      Path dataDir = Files.createTempDirectory("sb-java-test");
      ProcessBuilder pb =
          new ProcessBuilder(
                  List.of(binary().toString(), "dev", "--data-dir", dataDir.toString(), "--port", "0"))
              .redirectError(dataDir.resolve("broker.log").toFile());
      // The broker reads SECRETS_BROKER_* as config overrides and refuses unknown keys.
      pb.environment().remove("SECRETS_BROKER_BIN");
      Process p = pb.start();
      CompletableFuture<String> first = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  first.complete(String.valueOf(r.readLine()));
                  while (r.readLine() != null) {
                    // keep the pipe drained
                  }
                } catch (IOException e) {
                  first.completeExceptionally(e);
                }
              },
              "dev-broker-stdout");
      reader.setDaemon(true);
      reader.start();
      String line;
      try {
        line = first.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        p.destroyForcibly();
        throw new IllegalStateException("broker printed no address; log:\n" + log(dataDir), e);
      }
      if (!line.startsWith(PREFIX + "127.0.0.1:")) {
        p.destroyForcibly();
        throw new IllegalStateException("broker's first line is '" + line + "'; log:\n" + log(dataDir));
      }
      return new DevBroker(p, dataDir, line.substring(PREFIX.length()).trim());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** host:port */
  public String address() {
    return address;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path tlsDir() {
    return dataDir.resolve("tls");
  }

  /** A client with the dev certificate of {@code identity} ("client" or "admin"). */
  public SecretsBrokerClient client(String identity) {
    return SecretsBrokerClient.builder(address).tlsDirectory(tlsDir(), identity).build();
  }

  /**
   * Issues {@code tlsDir()/<name>.pem} and {@code -key.pem} with {@code secrets-broker certs}:
   * from the broker's own CA, or from a new CA the broker does not trust when {@code foreign}.
   */
  public void issueClientCert(String name, String spiffeId, boolean foreign)
      throws IOException, InterruptedException {
    Path caDir = tlsDir();
    if (foreign) {
      caDir = dataDir.resolve("foreign-" + name);
      run(List.of("certs", "ca", "--out", caDir.toString()));
    }
    run(
        List.of(
            "certs", "client", "--ca-dir", caDir.toString(), "--out", tlsDir().toString(),
            "--name", name, "--cn", name, "--spiffe-id", spiffeId));
  }

  private static void run(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of(binary().toString()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("SECRETS_BROKER_BIN");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(cmd + " failed: " + out);
    }
  }

  /** Stops the broker (SIGTERM, then SIGKILL after a bound) and removes its directory. */
  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> paths = Files.walk(dataDir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static String log(Path dataDir) {
    try {
      return Files.readString(dataDir.resolve("broker.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}

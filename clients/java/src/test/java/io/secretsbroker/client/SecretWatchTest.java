package io.secretsbroker.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.grpc.Status;
import io.secretsbroker.v1.WatchSecretRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WatchSecret through the client, against the run's real dev broker. */
class SecretWatchTest {
  @RegisterExtension
  static final SecretsBrokerClientTest.BrokerExtension BROKER =
      new SecretsBrokerClientTest.BrokerExtension();

  private static SecretsBrokerClient client;
  private static SecretsBrokerClient admin;

  @BeforeAll
  static void connect() {
    client = BROKER.broker.client("client");
    admin = BROKER.broker.client("admin");
  }

  @AfterAll
  static void close() {
    client.close();
    admin.close();
  }

  /** Each listener call as a line: "version NAME V VALUE", "absent NAME", "synced", "failed R". */
  static final class Recorder implements SecretWatch.Listener {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void onVersion(String name, SecretObject secret) {
      events.add("version " + name + " " + secret.version() + " " + secret.value("k"));
    }

    @Override
    public void onAbsent(String name) {
      events.add("absent " + name);
    }

    @Override
    public void onSynced() {
      events.add("synced");
    }

    @Override
    public void onFailed(BrokerException error) {
      events.add("failed " + error.code());
    }

    String next() throws InterruptedException {
      String event = events.poll(30, TimeUnit.SECONDS);
      return event == null ? "nothing within 30 s" : event;
    }
  }

  @Test
  void currentVersionThenEachNewOneInOrder() throws Exception {
    admin.putSecret("demo/java/watched", Map.of("k", "one"));
    Recorder events = new Recorder();
    try (SecretWatch watch = client.watch(List.of("demo/java/watched", "demo/java/none"), events)) {
      List<String> start = List.of(events.next(), events.next(), events.next());
      assertEquals(
          java.util.Set.of("version demo/java/watched 1 one", "absent demo/java/none", "synced"),
          java.util.Set.copyOf(start));
      assertEquals("synced", start.get(2));
      admin.putSecret("demo/java/watched", Map.of("k", "two"));
      admin.putSecret("demo/java/watched", Map.of("k", "three"));
      assertEquals("version demo/java/watched 2 two", events.next());
      assertEquals("version demo/java/watched 3 three", events.next());
    }
    assertNull(events.events.poll(200, TimeUnit.MILLISECONDS)); // nothing after close
  }

  @Test
  void resumeAfterSkipsWhatWasReceived() throws Exception {
    for (String v : List.of("a", "b", "c")) {
      admin.putSecret("demo/java/resumed", Map.of("k", v));
    }
    Recorder events = new Recorder();
    WatchSecretRequest request =
        WatchSecretRequest.newBuilder()
            .addNames("demo/java/resumed")
            .putResumeAfter("demo/java/resumed", 1)
            .build();
    try (SecretWatch watch = client.watch(request, events, SecretWatch.DEFAULT_RECONNECT)) {
      assertEquals("version demo/java/resumed 2 b", events.next());
      assertEquals("version demo/java/resumed 3 c", events.next());
      assertEquals("synced", events.next());
    }
  }

  @Test
  void anErrorNoReconnectCanFixEndsTheWatch() throws Exception {
    Recorder events = new Recorder();
    WatchSecretRequest bad = WatchSecretRequest.newBuilder().addNames("demo//double-slash").build();
    try (SecretWatch watch = client.watch(bad, events, SecretWatch.DEFAULT_RECONNECT)) {
      assertEquals("failed " + Status.Code.INVALID_ARGUMENT, events.next());
    }
  }

  @Test
  void aCutConnectionIsReopenedResumingAfterTheLastVersion() throws Exception {
    admin.putSecret("demo/java/cut", Map.of("k", "v1"));
    Recorder events = new Recorder();
    try (CuttableProxy proxy = new CuttableProxy(BROKER.broker.address());
        SecretsBrokerClient viaProxy =
            SecretsBrokerClient.builder("127.0.0.1:" + proxy.port())
                .tlsDirectory(BROKER.broker.tlsDir(), "client")
                .authority("localhost")
                .build();
        SecretWatch watch = viaProxy.watch(List.of("demo/java/cut"), events)) {
      assertEquals("version demo/java/cut 1 v1", events.next());
      assertEquals("synced", events.next());
      proxy.cut(); // the stream breaks: UNAVAILABLE
      admin.putSecret("demo/java/cut", Map.of("k", "v2"));
      // Reopened with resume_after {demo/java/cut: 1}: v2 and synced (in an order that
      // depends on whether the write or the reconnect came first), never v1 again.
      assertEquals(Set.of("version demo/java/cut 2 v2", "synced"), Set.of(events.next(), events.next()));
      assertEquals(true, proxy.connections.get() >= 2, "connections: " + proxy.connections.get());
    }
  }

  /** A TCP proxy to the broker whose connections a test can cut. */
  static final class CuttableProxy implements AutoCloseable {
    final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ServerSocket server;

    CuttableProxy(String target) throws IOException {
      String[] hostPort = target.split(":");
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accept =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    Socket in = server.accept();
                    Socket out = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
                    connections.incrementAndGet();
                    sockets.add(in);
                    sockets.add(out);
                    pump(in, out);
                    pump(out, in);
                  } catch (IOException e) {
                    return; // closed
                  }
                }
              });
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private static void pump(Socket from, Socket to) {
      Thread t =
          new Thread(
              () -> {
                try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                  in.transferTo(out);
                } catch (IOException e) {
                  // cut: the other pump ends too
                } finally {
                  closeQuietly(from);
                  closeQuietly(to);
                }
              });
      t.setDaemon(true);
      t.start();
    }

    private static void closeQuietly(Socket s) {
      try {
        s.close();
      } catch (IOException e) {
        // already closed
      }
    }

    void cut() {
      for (Socket s : sockets) {
        closeQuietly(s);
      }
      sockets.clear();
    }

    @Override
    public void close() throws IOException {
      cut();
      server.close();
    }
  }
}

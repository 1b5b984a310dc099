package broker_test

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	broker "github.com/secrets-broker/secrets-broker/clients/go"
)

// Bounds on a hung broker, never waits that the test relies on.
const (
	startTimeout = 2 * time.Minute
	stopTimeout  = time.Minute
	rpcTimeout   = 30 * time.Second
)

// devBroker is a real `secrets-broker dev` subprocess on a free port.
type devBroker struct {
	cmd     *exec.Cmd
	address string
	tlsDir  string
	stderr  *lockedBuffer
	exited  chan struct{} // closed once the process has been waited for
	waitErr error         // cmd.Wait's result, readable after exited is closed
}

// lockedBuffer collects the broker's stderr for failure messages; exec writes
// to it from its own goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func brokerBinary(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("SECRETS_BROKER_BIN")
	if bin == "" {
		bin = filepath.Join("..", "..", ".venv", "bin", "secrets-broker")
	}
	abs, err := filepath.Abs(bin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(abs); err != nil {
		t.Fatalf("secrets-broker binary (set SECRETS_BROKER_BIN or run 'make venv'): %v", err)
	}
	return abs
}

// startBroker starts the broker and returns once it has printed its address,
// which it does only when it is serving and the demo secrets are in place.
func startBroker(t *testing.T) *devBroker {
	t.Helper()
	dataDir := t.TempDir()
	stdoutR, stdoutW := io.Pipe()
	b := &devBroker{
		cmd:    exec.Command(brokerBinary(t), "dev", "--data-dir", dataDir, "--port", "0"),
		tlsDir: filepath.Join(dataDir, "tls"),
		stderr: &lockedBuffer{},
		exited: make(chan struct{}),
	}
	b.cmd.Stdout, b.cmd.Stderr = stdoutW, b.stderr
	if err := b.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		b.waitErr = b.cmd.Wait()
		_ = stdoutW.Close() // EOF for the reader if the broker dies before its first line
		close(b.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-b.exited:
		default:
			_ = b.cmd.Process.Kill()
			<-b.exited
		}
	})

	lines := make(chan string, 1)
	go func() {
		first, _ := bufio.NewReader(stdoutR).ReadString('\n')
		lines <- first
		_, _ = io.Copy(io.Discard, stdoutR) // keep the pipe drained
	}()
	select {
	case first := <-lines:
		const prefix = "listening on 127.0.0.1:"
		if !strings.HasPrefix(first, prefix) {
			t.Fatalf("broker's first line is %q, want %q...; stderr:\n%s", first, prefix, b.stderr)
		}
		b.address = strings.TrimSpace(strings.TrimPrefix(first, "listening on "))
	case <-time.After(startTimeout):
		t.Fatalf("broker printed no address within %v; stderr:\n%s", startTimeout, b.stderr)
	}
	return b
}

// stop sends SIGTERM and fails the test unless the broker exits 0.
func (b *devBroker) stop(t *testing.T) {
	t.Helper()
	if err := b.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("SIGTERM: %v", err)
	}
	select {
	case <-b.exited:
	case <-time.After(stopTimeout):
		t.Fatalf("broker still running %v after SIGTERM; stderr:\n%s", stopTimeout, b.stderr)
	}
	if b.waitErr != nil {
		t.Fatalf("broker exit after SIGTERM: %v (want status 0); stderr:\n%s", b.waitErr, b.stderr)
	}
}

func (b *devBroker) files(who string) broker.TLSFiles {
	return broker.TLSFiles{
		CAFile:   filepath.Join(b.tlsDir, "ca.pem"),
		CertFile: filepath.Join(b.tlsDir, who+".pem"),
		KeyFile:  filepath.Join(b.tlsDir, who+"-key.pem"),
	}
}

func TestClientAgainstDevBroker(t *testing.T) {
	b := startBroker(t)
	ctx, cancel := context.WithTimeout(context.Background(), rpcTimeout)
	defer cancel()

	client, err := broker.Dial(ctx, b.address, b.files("client"))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("GetSecret", func(t *testing.T) {
		secret, err := client.GetSecret(ctx, "demo/database")
		if err != nil {
			t.Fatalf("GetSecret(demo/database): %v", err)
		}
		values := secret.GetValues()
		if got := values["userId"]; got != "demo" {
			t.Errorf("userId = %q, want %q", got, "demo")
		}
		// The length only: a test log must not show a secret's value.
		if n := len(values["clearPassword"]); n < 24 {
			t.Errorf("len(clearPassword) = %d, want >= 24", n)
		}
		if secret.GetName() != "demo/database" || secret.GetVersion() < 1 {
			t.Errorf("name %q version %d, want demo/database and >= 1", secret.GetName(), secret.GetVersion())
		}
	})

	t.Run("Value", func(t *testing.T) {
		got, err := client.Value(ctx, "demo/database", "userId")
		if err != nil || got != "demo" {
			t.Errorf("Value(demo/database, userId) = %q, %v; want %q, nil", got, err, "demo")
		}
		_, err = client.Value(ctx, "demo/database", "noSuchKey")
		if code := status.Code(err); code != codes.NotFound {
			t.Errorf("Value(demo/database, noSuchKey): code %v (%v), want NotFound", code, err)
		}
	})

	t.Run("errors keep their status code", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			want codes.Code
		}{
			{"demo/no-such-secret", codes.NotFound},
			{"../x", codes.InvalidArgument},
		} {
			_, err := client.GetSecret(ctx, tc.name)
			if code := status.Code(err); code != tc.want {
				t.Errorf("GetSecret(%q): code %v (%v), want %v", tc.name, code, err, tc.want)
			}
		}
	})

	if err := client.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	b.stop(t)
}

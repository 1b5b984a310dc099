package broker_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	broker "github.com/secrets-broker/secrets-broker/clients/go"
)

// Bounds on a hung broker, never waits that the tests rely on.
const (
	startTimeout = 2 * time.Minute
	stopTimeout  = time.Minute
	rpcTimeout   = 30 * time.Second
)

// dev is the package's one real `secrets-broker dev` broker, on a free port,
// started by TestMain. Its TLS files are also exported as SECRETS_BROKER_* for
// the examples (DialEnv).
var dev *devBroker

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

func brokerBinary() (string, error) {
	bin := os.Getenv("SECRETS_BROKER_BIN")
	if bin == "" {
		bin = filepath.Join("..", "..", ".venv", "bin", "secrets-broker")
	}
	abs, err := filepath.Abs(bin)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(abs); err != nil {
		return "", fmt.Errorf("secrets-broker binary (set SECRETS_BROKER_BIN or run 'make venv'): %w", err)
	}
	return abs, nil
}

// startBroker returns once the broker has printed its address, which it does
// only when it is serving and the demo secrets are in place.
func startBroker(dataDir string) (*devBroker, error) {
	bin, err := brokerBinary()
	if err != nil {
		return nil, err
	}
	stdoutR, stdoutW := io.Pipe()
	b := &devBroker{
		cmd:    exec.Command(bin, "dev", "--data-dir", dataDir, "--port", "0"),
		tlsDir: filepath.Join(dataDir, "tls"),
		stderr: &lockedBuffer{},
		exited: make(chan struct{}),
	}
	b.cmd.Stdout, b.cmd.Stderr = stdoutW, b.stderr
	if err := b.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		b.waitErr = b.cmd.Wait()
		_ = stdoutW.Close() // EOF for the reader if the broker dies before its first line
		close(b.exited)
	}()
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
			b.kill()
			return nil, fmt.Errorf("broker's first line is %q, want %q...; stderr:\n%s", first, prefix, b.stderr)
		}
		b.address = strings.TrimSpace(strings.TrimPrefix(first, "listening on "))
	case <-time.After(startTimeout):
		b.kill()
		return nil, fmt.Errorf("broker printed no address within %v; stderr:\n%s", startTimeout, b.stderr)
	}
	return b, nil
}

func (b *devBroker) kill() {
	select {
	case <-b.exited:
	default:
		_ = b.cmd.Process.Kill()
		<-b.exited
	}
}

// stop sends SIGTERM and fails unless the broker exits 0.
func (b *devBroker) stop() error {
	if err := b.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return fmt.Errorf("SIGTERM: %w", err)
	}
	select {
	case <-b.exited:
	case <-time.After(stopTimeout):
		b.kill()
		return fmt.Errorf("broker still running %v after SIGTERM; stderr:\n%s", stopTimeout, b.stderr)
	}
	if b.waitErr != nil {
		return fmt.Errorf("broker exit after SIGTERM: %w (want status 0); stderr:\n%s", b.waitErr, b.stderr)
	}
	return nil
}

func (b *devBroker) files(who string) broker.TLSFiles {
	return broker.TLSFiles{
		CAFile:   filepath.Join(b.tlsDir, "ca.pem"),
		CertFile: filepath.Join(b.tlsDir, who+".pem"),
		KeyFile:  filepath.Join(b.tlsDir, who+"-key.pem"),
	}
}

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dataDir, err := os.MkdirTemp("", "broker-go-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dataDir)
	dev, err = startBroker(dataDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	files := dev.files("client")
	for k, v := range map[string]string{
		broker.EnvAddress: dev.address, broker.EnvCA: files.CAFile,
		broker.EnvCert: files.CertFile, broker.EnvKey: files.KeyFile,
	} {
		_ = os.Setenv(k, v)
	}
	code := m.Run()
	if err := dev.stop(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return code
}

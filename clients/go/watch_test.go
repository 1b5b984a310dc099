package broker_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	broker "github.com/secrets-broker/secrets-broker/clients/go"
	"github.com/secrets-broker/secrets-broker/clients/go/secretsbrokerv1"
)

// cutter forwards TCP connections to the broker and can cut every one of them
// at once: a real dropped connection, end to end TLS untouched.
type cutter struct {
	l     net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newCutter(t *testing.T, target string) *cutter {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &cutter{l: l}
	t.Cleanup(func() { _ = l.Close(); c.cut() })
	go func() {
		for {
			in, err := l.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				_ = in.Close()
				continue
			}
			c.mu.Lock()
			c.conns = append(c.conns, in, out)
			c.mu.Unlock()
			go func() { _, _ = io.Copy(out, in); _ = out.Close() }()
			go func() { _, _ = io.Copy(in, out); _ = in.Close() }()
		}
	}()
	return c
}

func (c *cutter) cut() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, conn := range c.conns {
		_ = conn.Close()
	}
	c.conns = nil
}

func put(t *testing.T, admin *broker.Client, name, value string) int64 {
	t.Helper()
	meta, err := admin.PutSecret(testContext(t), &secretsbrokerv1.PutSecretRequest{Name: name, Values: map[string]string{"k": value}})
	if err != nil {
		t.Fatalf("PutSecret(%s): %v", name, err)
	}
	return meta.GetVersion()
}

// nextVersion reads events until a version arrives (or fails the test).
func nextVersion(t *testing.T, events <-chan broker.WatchEvent) (int64, string) {
	t.Helper()
	timeout := time.After(rpcTimeout)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatal("the watch channel closed")
			}
			switch ev.Kind {
			case broker.WatchVersion:
				value, _ := ev.Secret.Reveal("k")
				return ev.Secret.Version, value
			case broker.WatchFailed:
				t.Fatalf("the watch failed: %v", ev.Err)
			}
		case <-timeout:
			t.Fatal("no version within the timeout")
		}
	}
}

func TestWatchResumesAfterTheConnectionIsCut(t *testing.T) {
	name := fmt.Sprintf("demo/watch-%d", time.Now().UnixNano())
	admin := dial(t, "admin")
	put(t, admin, name, "1")
	proxy := newCutter(t, dev.address)
	quick := broker.RetryPolicy{MaxAttempts: 50, InitialBackoff: 10 * time.Millisecond, MaxBackoff: 100 * time.Millisecond, Multiplier: 2}
	c, err := broker.Dial(context.Background(), proxy.l.Addr().String(), dev.files("client"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := c.Watch(ctx, []string{name}, broker.WatchReconnect(quick))
	if v, value := nextVersion(t, events); v != 1 || value != "1" {
		t.Fatalf("first version %d (%q), want 1", v, value)
	}
	put(t, admin, name, "2")
	if v, _ := nextVersion(t, events); v != 2 {
		t.Fatalf("got version %d, want 2", v)
	}
	proxy.cut() // the stream breaks; these two are written while it is down
	put(t, admin, name, "3")
	put(t, admin, name, "4")
	var got []string
	for len(got) < 2 {
		v, value := nextVersion(t, events)
		got = append(got, fmt.Sprintf("%d=%s", v, value))
	}
	if strings.Join(got, " ") != "3=3 4=4" {
		t.Errorf("after the cut: %v, want 3=3 4=4 (nothing missed, nothing twice)", got)
	}
}

func TestWatchForbiddenNameIsAbsentAndRefusalEndsTheWatch(t *testing.T) {
	c := dial(t, "client")
	ctx, cancel := context.WithTimeout(context.Background(), rpcTimeout)
	defer cancel()
	events := c.Watch(ctx, []string{"not-demo/hidden", "demo/no-such-secret"})
	var absent []string
	for ev := range events {
		if ev.Kind == broker.WatchAbsent {
			absent = append(absent, ev.Name)
		}
		if ev.Kind == broker.WatchSynced {
			break
		}
		if ev.Kind == broker.WatchFailed {
			t.Fatalf("watch failed: %v", ev.Err)
		}
	}
	if strings.Join(absent, ",") != "not-demo/hidden,demo/no-such-secret" {
		t.Errorf("absent = %v", absent)
	}
	cancel()

	bad := c.Watch(context.Background(), nil) // no names and no prefix
	ev := <-bad
	if ev.Kind != broker.WatchFailed || !errors.Is(ev.Err, broker.ErrFieldInvalid) {
		t.Fatalf("watch without names: %+v, want WatchFailed with ErrFieldInvalid", ev)
	}
	if _, open := <-bad; open {
		t.Error("the channel stays open after WatchFailed")
	}
}

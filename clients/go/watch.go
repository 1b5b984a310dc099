package broker

import (
	"context"
	"errors"
	"io"
	"maps"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/secrets-broker/secrets-broker/clients/go/secretsbrokerv1"
)

// WatchKind says what a WatchEvent carries.
type WatchKind int

const (
	// WatchVersion: a version of a watched name (Secret is set), in order per name.
	WatchVersion WatchKind = iota + 1
	// WatchAbsent: the name has no readable version: missing, deleted, or not
	// readable by this caller (the broker answers these alike).
	WatchAbsent
	// WatchSynced: every watched name's initial state has been sent (again after
	// each reconnect).
	WatchSynced
	// WatchFailed: the watch ended with Err (a failure a reconnect cannot fix, or
	// too many failed reconnects in a row); the channel closes after it.
	WatchFailed
)

// WatchEvent is one event of Watch. Printing it never shows a value.
type WatchEvent struct {
	Kind   WatchKind
	Name   string  // the name as watched
	Secret *Secret // for WatchVersion
	Err    error   // for WatchFailed: an *Error
}

// DefaultWatchReconnect: reconnect until 20 attempts in a row fail, waiting up
// to 100 ms, 200 ms, ... 5 s between them.
var DefaultWatchReconnect = RetryPolicy{MaxAttempts: 20, InitialBackoff: 100 * time.Millisecond, MaxBackoff: 5 * time.Second, Multiplier: 2}

type watchConfig struct {
	prefix    string
	keys      []string
	heartbeat time.Duration
	resume    map[string]int64
	reconnect RetryPolicy
}

// WatchOption narrows or tunes Watch.
type WatchOption func(*watchConfig)

// WatchPrefix also watches every name under prefix that the caller may read,
// including names created later.
func WatchPrefix(prefix string) WatchOption { return func(w *watchConfig) { w.prefix = prefix } }

// WatchKeys sends only these values.
func WatchKeys(keys ...string) WatchOption {
	return func(w *watchConfig) { w.keys = append(w.keys, keys...) }
}

// WatchHeartbeat sets the broker's heartbeat interval (whole seconds, 1 s to 5 min).
func WatchHeartbeat(d time.Duration) WatchOption { return func(w *watchConfig) { w.heartbeat = d } }

// WatchResumeAfter starts after these versions (name -> last version received).
func WatchResumeAfter(last map[string]int64) WatchOption {
	return func(w *watchConfig) { w.resume = maps.Clone(last) }
}

// WatchReconnect replaces DefaultWatchReconnect.
func WatchReconnect(p RetryPolicy) WatchOption { return func(w *watchConfig) { w.reconnect = p } }

// Watch streams the versions of the named secrets as they are written: for each
// name its current version, then every new one in order. When the stream breaks
// (UNAVAILABLE: the broker restarted, the connection dropped, the stream reached
// its maximum age) it reconnects by itself, resuming after the last version
// received of each name, so no version is missed or repeated. The channel is
// closed when ctx is done, or after a WatchFailed event.
func (c *Client) Watch(ctx context.Context, names []string, opts ...WatchOption) <-chan WatchEvent {
	cfg := watchConfig{reconnect: DefaultWatchReconnect}
	for _, opt := range opts {
		opt(&cfg)
	}
	if cfg.resume == nil {
		cfg.resume = map[string]int64{}
	}
	out := make(chan WatchEvent)
	go c.watch(ctx, names, cfg, out)
	return out
}

func (c *Client) watch(ctx context.Context, names []string, cfg watchConfig, out chan<- WatchEvent) {
	defer close(out)
	send := func(ev WatchEvent) bool {
		select {
		case out <- ev:
			return true
		case <-ctx.Done():
			return false
		}
	}
	failures := 0
	for {
		err := c.watchOnce(ctx, names, cfg, send, &failures)
		if ctx.Err() != nil {
			return
		}
		if errors.Is(err, io.EOF) {
			continue // the stream reached its maximum age: resume at once
		}
		typed := wrapError(err).(*Error)
		failures++
		resumable := typed.Code == codes.Unavailable || typed.Code == codes.DeadlineExceeded
		if !resumable || failures >= cfg.reconnect.MaxAttempts {
			send(WatchEvent{Kind: WatchFailed, Err: typed})
			return
		}
		timer := time.NewTimer(cfg.reconnect.backoff(failures, typed.RetryDelay))
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-timer.C:
		}
	}
}

// watchOnce runs one stream until it fails (io.EOF when it simply ended).
func (c *Client) watchOnce(ctx context.Context, names []string, cfg watchConfig, send func(WatchEvent) bool, failures *int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req := &secretsbrokerv1.WatchSecretRequest{
		Names: names, Prefix: cfg.prefix, ResumeAfter: cfg.resume, Keys: cfg.keys,
	}
	if cfg.heartbeat > 0 {
		req.HeartbeatInterval = durationpb.New(cfg.heartbeat)
	}
	stream, err := c.stub.WatchSecret(ctx, req)
	if err != nil {
		return err
	}
	for {
		resp, err := stream.Recv()
		if err != nil {
			return err
		}
		*failures = 0
		var ev WatchEvent
		switch e := resp.GetEvent().(type) {
		case *secretsbrokerv1.WatchSecretResponse_Version:
			secret, err := secretFromProto(e.Version.GetSecret(), len(cfg.keys) == 0)
			if err != nil {
				return err
			}
			cfg.resume[e.Version.GetName()] = secret.Version
			ev = WatchEvent{Kind: WatchVersion, Name: e.Version.GetName(), Secret: secret}
		case *secretsbrokerv1.WatchSecretResponse_Absent:
			delete(cfg.resume, e.Absent.GetName())
			ev = WatchEvent{Kind: WatchAbsent, Name: e.Absent.GetName()}
		case *secretsbrokerv1.WatchSecretResponse_Synced:
			ev = WatchEvent{Kind: WatchSynced}
		default: // a heartbeat
			continue
		}
		if !send(ev) {
			return ctx.Err()
		}
	}
}

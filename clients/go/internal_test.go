package broker

import (
	"errors"
	"testing"

	"github.com/secrets-broker/secrets-broker/clients/go/secretsbrokerv1"
)

// The same values give the same CRC32C in the Python client (secretsbroker.crc).
func TestCRC32CMatchesTheContract(t *testing.T) {
	got := CRC32C(map[string]string{"userId": "demo", "clearPassword": "pä", "a": ""})
	if got != 612531188 {
		t.Errorf("CRC32C = %d, want 612531188", got)
	}
}

// A broker cannot be made to send a corrupt secret; a tampered message stands in.
func TestCorruptSecretIsDataCorrupt(t *testing.T) {
	values := map[string]string{"userId": "u", "clearPassword": "p"}
	msg := &secretsbrokerv1.Secret{Name: "a/b", Values: values, Version: 1, DataCrc32C: int64(CRC32C(values)) ^ 1}
	if _, err := secretFromProto(msg, true); !errors.Is(err, ErrDataCorrupt) {
		t.Errorf("tampered CRC: %v, want ErrDataCorrupt", err)
	}
	if _, err := secretFromProto(msg, false); err != nil {
		t.Errorf("subset read (CRC not checkable): %v", err)
	}
}

func TestBackoffIsJitteredBoundedAndHonoursRetryInfo(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 5, InitialBackoff: 100, MaxBackoff: 300, Multiplier: 2}
	for attempt, ceiling := range map[int]int64{1: 100, 2: 200, 3: 300, 4: 300} {
		for range 100 {
			if w := p.backoff(attempt, 0); w < 0 || int64(w) > ceiling {
				t.Fatalf("backoff(%d) = %d, want within [0, %d]", attempt, w, ceiling)
			}
		}
	}
	if w := p.backoff(1, 5000); w != 5000 {
		t.Errorf("backoff under RetryInfo 5000 = %d, want 5000", w)
	}
}

package broker

import (
	"math"
	"math/rand/v2"
	"time"
)

// RetryPolicy says how to retry UNAVAILABLE (the broker or its store could not
// be reached, so nothing was done): exponential backoff with full jitter,
// never past the call's deadline, never shorter than the broker's RetryInfo.
// Only reads are retried; writes are not, since a lost answer would apply twice.
type RetryPolicy struct {
	MaxAttempts    int           // 1 disables retries
	InitialBackoff time.Duration // the first wait's ceiling
	MaxBackoff     time.Duration // no wait's ceiling exceeds this
	Multiplier     float64       // growth of the ceiling per attempt
}

// DefaultRetryPolicy: four attempts, waits up to 100 ms, 200 ms, 400 ms.
var DefaultRetryPolicy = RetryPolicy{MaxAttempts: 4, InitialBackoff: 100 * time.Millisecond, MaxBackoff: 2 * time.Second, Multiplier: 2}

// backoff is the wait after failed attempt number attempt (1-based).
func (p RetryPolicy) backoff(attempt int, floor time.Duration) time.Duration {
	ceiling := float64(p.InitialBackoff) * math.Pow(p.Multiplier, float64(attempt-1))
	ceiling = math.Min(ceiling, float64(p.MaxBackoff))
	wait := time.Duration(rand.Float64() * ceiling) //nolint:gosec // jitter, not a secret
	return max(wait, floor)
}

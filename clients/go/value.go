package broker

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"log/slog"
	"sort"
	"time"

	"google.golang.org/grpc/codes"

	"github.com/secrets-broker/secrets-broker/clients/go/secretsbrokerv1"
)

// Hidden is what a Value prints as, whatever the verb.
const Hidden = "***"

// Value is one secret value. Printing it (fmt with any verb, %v of a struct
// holding it, encoding/json, log/slog) shows "***"; Reveal returns the text.
//
// protobuf-go does not honour the contract's debug_redact option when
// printing messages, so the generated secretsbrokerv1.Secret would show its
// values in a log line: this type is why the wrapper does not hand one out
// except through the explicit Secret.Proto.
type Value struct{ v string }

// Reveal returns the value's text.
func (v Value) Reveal() string { return v.v }

// String returns "***".
func (Value) String() string { return Hidden }

// GoString returns a placeholder for %#v.
func (Value) GoString() string { return "broker.Value{" + Hidden + "}" }

// Format prints "***" for every verb (%s, %q, %x, %v, %d...).
func (Value) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, Hidden) }

// MarshalJSON writes "***".
func (Value) MarshalJSON() ([]byte, error) { return []byte(`"` + Hidden + `"`), nil }

// MarshalText writes "***" (encoding.TextMarshaler: map keys, YAML, XML...).
func (Value) MarshalText() ([]byte, error) { return []byte(Hidden), nil }

// LogValue writes "***" in log/slog records.
func (Value) LogValue() slog.Value { return slog.StringValue(Hidden) }

// Secret is a secret object as read. Values holds only the keys asked for, if
// any were. Printing a Secret never shows its values.
type Secret struct {
	Name         string
	Values       map[string]Value
	Version      int64
	CreateTime   time.Time
	UpdateTime   time.Time
	RefreshAfter time.Duration // the TTL hint; 0: the broker's default
	Etag         string
	DataCRC32C   uint32
	Labels       map[string]string
	TokenAPI     *secretsbrokerv1.TokenApi // nil if none
	proto        *secretsbrokerv1.Secret
}

// Reveal returns the text of one value, and whether the secret has that key.
func (s *Secret) Reveal(key string) (string, bool) {
	v, ok := s.Values[key]
	return v.Reveal(), ok
}

// Proto is the message the secret came from. Careful: printing it shows the
// values (protobuf-go ignores debug_redact); use it to serialize, not to log.
func (s *Secret) Proto() *secretsbrokerv1.Secret { return s.proto }

// String names the secret, its version and its keys; never a value.
func (s *Secret) String() string {
	keys := make([]string, 0, len(s.Values))
	for k := range s.Values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return fmt.Sprintf("secret %s v%d keys %v", s.Name, s.Version, keys)
}

// GoString is String, for %#v.
func (s *Secret) GoString() string { return s.String() }

func secretFromProto(p *secretsbrokerv1.Secret, complete bool) (*Secret, error) {
	if complete && CRC32C(p.GetValues()) != uint32(p.GetDataCrc32C()) {
		return nil, &Error{
			Code:    codes.DataLoss,
			Reason:  "DATA_CORRUPT",
			Message: fmt.Sprintf("secret %q: values do not match data_crc32c", p.GetName()),
		}
	}
	values := make(map[string]Value, len(p.GetValues()))
	for k, v := range p.GetValues() {
		values[k] = Value{v}
	}
	s := &Secret{
		Name:       p.GetName(),
		Values:     values,
		Version:    p.GetVersion(),
		Etag:       p.GetEtag(),
		DataCRC32C: uint32(p.GetDataCrc32C()),
		Labels:     p.GetLabels(),
		TokenAPI:   p.GetTokenApi(),
		proto:      p,
	}
	if p.GetCreateTime() != nil {
		s.CreateTime = p.GetCreateTime().AsTime()
	}
	if p.GetUpdateTime() != nil {
		s.UpdateTime = p.GetUpdateTime().AsTime()
	}
	if p.GetRefreshAfter() != nil {
		s.RefreshAfter = p.GetRefreshAfter().AsDuration()
	}
	return s, nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// CRC32C is Secret.data_crc32c of these values: for each key in ascending
// byte order, the 4-byte big-endian length and bytes of the key, then of the
// value.
func CRC32C(values map[string]string) uint32 {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys) // Go strings compare bytewise: ascending byte order
	h := crc32.New(castagnoli)
	var n [4]byte
	for _, k := range keys {
		for _, text := range []string{k, values[k]} {
			binary.BigEndian.PutUint32(n[:], uint32(len(text)))
			_, _ = h.Write(n[:])
			_, _ = io.WriteString(h, text)
		}
	}
	return h.Sum32()
}

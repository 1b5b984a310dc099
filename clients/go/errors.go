package broker

import (
	"errors"
	"fmt"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Domain is the google.rpc.ErrorInfo domain of every status the broker makes.
const Domain = "secretsbroker"

// Error is every failure of a Client call: the gRPC code, the broker's stable
// reason (google.rpc.ErrorInfo.reason; empty when gRPC itself made the status,
// for example an unreachable broker or a refused handshake) and the details
// that came with it. Messages name fields and secrets, never a value.
//
// Match a family or a reason with errors.Is and the Err* values
// (errors.Is(err, broker.ErrSecretNotFound)); read the fields with errors.As
// into a *broker.Error. status.Code(err) and status.FromError keep working.
type Error struct {
	Code       codes.Code
	Reason     string            // ErrorInfo.reason; "" without ErrorInfo
	Message    string            // the status message
	Field      string            // the request field at fault (BadRequest), if any
	RetryDelay time.Duration     // from google.rpc.RetryInfo; 0 if none
	Metadata   map[string]string // ErrorInfo.metadata
	status     *status.Status
}

func (e *Error) Error() string {
	reason := e.Reason
	if reason == "" {
		reason = "(no reason)"
	}
	return fmt.Sprintf("secrets-broker: %s %s: %s", e.Code, reason, e.Message)
}

// GRPCStatus lets status.Code and status.FromError see the original status.
func (e *Error) GRPCStatus() *status.Status { return e.status }

// FromBroker reports whether the broker made this status (it carries
// ErrorInfo), rather than the gRPC library.
func (e *Error) FromBroker() bool { return e.Reason != "" }

// Is matches the Err* kinds: a family matches every reason of its code, a
// reason kind matches that reason only.
func (e *Error) Is(target error) bool {
	var k *Kind
	if !errors.As(target, &k) {
		return false
	}
	return e.Code == k.code && (k.reason == "" || k.reason == e.Reason)
}

// Kind is an error family (a status code) or one reason within it, for errors.Is.
type Kind struct {
	code   codes.Code
	reason string
}

func (k *Kind) Error() string {
	if k.reason == "" {
		return "secrets-broker: " + k.code.String()
	}
	return "secrets-broker: " + k.reason
}

// Error families (by status code) and reasons (the broker's catalogue; see
// the README's error table). New reasons may appear; their family still matches.
var (
	ErrInvalidArgument  = &Kind{codes.InvalidArgument, ""}
	ErrNameInvalid      = &Kind{codes.InvalidArgument, "NAME_INVALID"}
	ErrFieldInvalid     = &Kind{codes.InvalidArgument, "FIELD_INVALID"}
	ErrPageTokenInvalid = &Kind{codes.InvalidArgument, "PAGE_TOKEN_INVALID"}

	ErrNotFound           = &Kind{codes.NotFound, ""}
	ErrSecretNotFound     = &Kind{codes.NotFound, "SECRET_NOT_FOUND"}
	ErrCollectionNotFound = &Kind{codes.NotFound, "COLLECTION_NOT_FOUND"}
	ErrEntryNotFound      = &Kind{codes.NotFound, "ENTRY_NOT_FOUND"}

	ErrPermissionDenied      = &Kind{codes.PermissionDenied, ""}
	ErrRPCNotGranted         = &Kind{codes.PermissionDenied, "RPC_NOT_GRANTED"}
	ErrCredentialsNotGranted = &Kind{codes.PermissionDenied, "CREDENTIALS_NOT_GRANTED"}

	ErrUnauthenticated   = &Kind{codes.Unauthenticated, ""}
	ErrCasMismatch       = &Kind{codes.Aborted, "CAS_MISMATCH"}
	ErrStoreReadOnly     = &Kind{codes.FailedPrecondition, "STORE_READ_ONLY"}
	ErrUnavailable       = &Kind{codes.Unavailable, ""}
	ErrDataCorrupt       = &Kind{codes.DataLoss, ""}
	ErrResourceExhausted = &Kind{codes.ResourceExhausted, ""}
	ErrDeadlineExceeded  = &Kind{codes.DeadlineExceeded, ""}
	ErrInternal          = &Kind{codes.Internal, ""}
)

// errorFromStatus reads ErrorInfo, BadRequest and RetryInfo out of a status.
func errorFromStatus(st *status.Status) *Error {
	e := &Error{Code: st.Code(), Message: st.Message(), status: st}
	for _, detail := range st.Details() {
		switch d := detail.(type) {
		case *errdetails.ErrorInfo:
			if d.GetDomain() == Domain {
				e.Reason, e.Metadata = d.GetReason(), d.GetMetadata()
			}
		case *errdetails.BadRequest:
			if v := d.GetFieldViolations(); len(v) > 0 {
				e.Field = v[0].GetField()
			}
		case *errdetails.RetryInfo:
			e.RetryDelay = d.GetRetryDelay().AsDuration()
		}
	}
	if e.Field == "" {
		e.Field = e.Metadata["field"]
	}
	return e
}

// errorFromProto is the typed error of a batch item's google.rpc.Status.
func errorFromProto(s *spb.Status) *Error {
	return errorFromStatus(status.FromProto(s))
}

// wrapError turns what a gRPC call returned into an *Error (nil stays nil).
func wrapError(err error) error {
	if err == nil {
		return nil
	}
	var typed *Error
	if errors.As(err, &typed) {
		return err
	}
	st, ok := status.FromError(err)
	if !ok { // not a status: a context error (deadline, cancel) or a local failure
		st = status.FromContextError(err)
	}
	return errorFromStatus(st)
}

package main

import (
	"encoding/json"
	"fmt"

	"google.golang.org/grpc/codes"
)

// match says why actual does not match pattern ("" if it does): objects match
// if every key of the pattern matches (extra keys ignored), arrays if they
// have the same length and match element-wise, scalars if equal.
func match(pattern, actual any, path string) string {
	switch p := pattern.(type) {
	case map[string]any:
		a, ok := actual.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: expected an object, got %s", path, show(actual))
		}
		for key, sub := range p {
			got, ok := a[key]
			if !ok {
				return fmt.Sprintf("%s.%s: missing (expected %s)", path, key, show(sub))
			}
			if why := match(sub, got, path+"."+key); why != "" {
				return why
			}
		}
		return ""
	case []any:
		a, ok := actual.([]any)
		if !ok || len(a) != len(p) {
			return fmt.Sprintf("%s: expected %d elements, got %s", path, len(p), show(actual))
		}
		for i := range p {
			if why := match(p[i], a[i], fmt.Sprintf("%s[%d]", path, i)); why != "" {
				return why
			}
		}
		return ""
	default:
		if pattern != actual { // JSON scalars: string, float64, bool, nil
			return fmt.Sprintf("%s: expected %s, got %s", path, show(pattern), show(actual))
		}
		return ""
	}
}

func show(v any) string {
	text, _ := json.Marshal(v)
	return string(text)
}

// codeName is the canonical name of a status code, as the vectors write it.
func codeName(c codes.Code) string {
	names := map[codes.Code]string{
		codes.OK: "OK", codes.Canceled: "CANCELLED", codes.Unknown: "UNKNOWN",
		codes.InvalidArgument: "INVALID_ARGUMENT", codes.DeadlineExceeded: "DEADLINE_EXCEEDED",
		codes.NotFound: "NOT_FOUND", codes.AlreadyExists: "ALREADY_EXISTS",
		codes.PermissionDenied: "PERMISSION_DENIED", codes.ResourceExhausted: "RESOURCE_EXHAUSTED",
		codes.FailedPrecondition: "FAILED_PRECONDITION", codes.Aborted: "ABORTED",
		codes.OutOfRange: "OUT_OF_RANGE", codes.Unimplemented: "UNIMPLEMENTED",
		codes.Internal: "INTERNAL", codes.Unavailable: "UNAVAILABLE", codes.DataLoss: "DATA_LOSS",
		codes.Unauthenticated: "UNAUTHENTICATED",
	}
	if name, ok := names[c]; ok {
		return name
	}
	return c.String()
}

package main

import (
	"encoding/json"
	"testing"
)

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, actual string
		ok              bool
	}{
		{`{"a": "1"}`, `{"a": "1", "b": 2}`, true},             // extra keys ignored
		{`{"a": "1", "c": true}`, `{"a": "1"}`, false},         // a missing key
		{`{"a": {"b": [1, 2]}}`, `{"a": {"b": [1, 2]}}`, true}, // nested
		{`[1, 2]`, `[1, 2, 3]`, false},                         // arrays: same length
		{`[{"x": 1}]`, `[{"x": 1, "y": 2}]`, true},             // element-wise patterns
		{`"2"`, `2`, false},                                    // int64 prints as a string
		{`true`, `1`, false},
		{`[]`, `[]`, true},
	} {
		var p, a any
		if err := json.Unmarshal([]byte(tc.pattern), &p); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(tc.actual), &a); err != nil {
			t.Fatal(err)
		}
		if why := match(p, a, "$"); (why == "") != tc.ok {
			t.Errorf("match(%s, %s) = %q, want ok=%v", tc.pattern, tc.actual, why, tc.ok)
		}
	}
}

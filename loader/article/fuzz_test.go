package article

import (
	"errors"
	"testing"
)

// FuzzParseJSON checks that any input either parses into an article that
// passes validation or fails with ErrInvalid, never panicking.
func FuzzParseJSON(f *testing.F) {
	f.Add([]byte(`{"id": "a", "published": "2025-09-04", "language": "ar", "text": "عنوان\nنص"}`))
	f.Add([]byte(`{"id": "a",`))
	f.Add([]byte{0xff, 0xfe, 0x00})
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ParseJSON(b)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v is not ErrInvalid", err)
			}
			return
		}
		if err := a.Validate(); err != nil {
			t.Fatalf("parsed article does not validate: %v", err)
		}
	})
}

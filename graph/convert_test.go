package graph

import "testing"

func TestShorten(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		want     string
	}{
		{"short text is kept", "Talks resume", 60, "Talks resume"},
		{"exactly n characters is kept", "abcde", 5, "abcde"},
		{"cut at the last space past half", "one two three four", 12, "one two…"},
		{"no space: cut inside the word", "abcdefghij", 4, "abcd…"},
		{"a space before half is not used", "a bcdefghij", 6, "a bcde…"},
		{"Arabic counts characters, not bytes", "قال الوزير إن المحادثات", 10, "قال الوزير…"},
		{"Arabic shorter than n in characters though longer in bytes", "قال الوزير", 10, "قال الوزير"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := shorten(tt.in, tt.n); got != tt.want {
				t.Errorf("shorten(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
		})
	}
}

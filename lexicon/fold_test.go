package lexicon

import (
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"paris", "paris"},
		{"`", "`"}, // lower-case ASCII is its own key
		{"Paris", "paris"},
		{"A`", "a'"},
		{"États-Unis", "etats-unis"},
		{"E\u0301tats", "etats"}, // decomposed
		{"ŒUVRE cœur Æ", "oeuvre coeur ae"},
		{"Straße", "strasse"},
		{"l’ONU", "l'onu"},
		{"chef\u2011lieu", "chef-lieu"},
		{"17\u00a0000", "17 000"},
		{"Ελλάδα", "ελλαδα"}, // beyond the table
		{"İstanbul", "istanbul"},
		{"ǅemal", "ǆemal"},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzFold checks that the table Fold uses below U+0300 gives what the
// decomposition gives.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"États-Unis", "ŒUVRE", "Ǆ ǅ ǆ", "ß ẞ", "A`b", "İı", "E\u0301", "a\u00a0b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := Fold(s), foldOf(s); got != want {
			t.Fatalf("Fold(%q) = %q, foldNFD = %q", s, got, want)
		}
	})
}

// foldOf is Fold without its table.
func foldOf(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
		}
	}
	if ascii {
		return s
	}
	return foldNFD(s)
}

func TestIsCapitalized(t *testing.T) {
	for s, want := range map[string]bool{"": false, "Paris": true, "paris": false, "État": true, "état": false, "1er": false, "«": false, "Ω": true} {
		if got := IsCapitalized(s); got != want {
			t.Errorf("IsCapitalized(%q) = %v, want %v", s, got, want)
		}
	}
}

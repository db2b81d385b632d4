package extract

import (
	"strings"
	"testing"
)

// TestAppendWordsIsUpper checks the allocation-free helpers of newGroup
// against the strings functions they replace.
func TestAppendWordsIsUpper(t *testing.T) {
	for _, s := range []string{
		"", " ", "'", "''", "l'energie", "agence internationale de l'energie atomique", "a' b", " 'a ",
		"aujourd'hui", "x\u00a0y", "x\u0085y", "x\ty\nz", "ONU", "Onu", "É", "ÉTATS-UNIS", "\xff", "A\xffB",
		"\ufffd", "ß", "ǅ", "İ", "ﬁ", "ONU'S", "  plusieurs   espaces  ",
	} {
		want := strings.Fields(strings.ReplaceAll(s, "'", "' "))
		got := appendWords([]string{"before"}, s)[1:]
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("appendWords(%q) = %q, want %q", s, got, want)
		}
		if got, want := isUpper(s), strings.ToUpper(s) == s; got != want {
			t.Errorf("isUpper(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzAppendWordsIsUpper(f *testing.F) {
	f.Add("agence internationale de l'energie atomique")
	f.Add("ONU")
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Fields(strings.ReplaceAll(s, "'", "' "))
		if got := appendWords(nil, s); strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
			t.Errorf("appendWords(%q) = %q, want %q", s, got, want)
		}
		if got, want := isUpper(s), strings.ToUpper(s) == s; got != want {
			t.Errorf("isUpper(%q) = %v, want %v", s, got, want)
		}
	})
}

package eval

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the form in which speaker names and cues are compared: the
// fold() of score_quotes.py. It decomposes s (NFD), lowers its case, turns ’
// into ', drops combining marks, trims white space, removes one leading
// article ("le ", "la ", "les ", "l'", "the ") and collapses runs of white
// space into one space.
//
// It differs from lexicon.Fold, which keeps articles and expands ligatures:
// this one must give the figures the reference scorer gives.
func Fold(s string) string {
	s = norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if r == '’' {
			r = '\''
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	s = strings.TrimFunc(b.String(), isPySpace)
	for _, p := range [...]string{"le ", "la ", "les ", "l'", "the "} {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	b.Reset()
	space := false
	for _, r := range s {
		if isPySpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// isPySpace reports whether Python's str.isspace (and so re's \s) holds for
// r: Go's white space plus the information separators U+001C–U+001F.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// runeLen returns the length of s in code points (Python's len).
func runeLen(s string) int { return len([]rune(s)) }

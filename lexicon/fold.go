package lexicon

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the matching key of s: lower case, accents and other combining
// marks removed, typographic apostrophes and hyphens unified, ligatures
// expanded (œ → oe, æ → ae), Unicode spaces turned into plain spaces. Two
// spellings that differ only in these ways have the same key.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	// Below U+0300 no rune composes or decomposes with its neighbours:
	// each folds alone, from a table.
	var buf [64]byte
	b := buf[:0]
	for _, r := range s {
		if r >= latinFoldSize {
			return foldNFD(s)
		}
		b = append(b, latinFold[r]...)
	}
	return string(b)
}

// latinFoldSize bounds the runes Fold folds from its table: Latin-1, Latin
// Extended-A and -B, IPA and spacing modifiers (ʼ).
const latinFoldSize = 0x300

// latinFold[r] is foldNFD(string(r)) for every r below latinFoldSize.
var latinFold = func() []string {
	t := make([]string, latinFoldSize)
	for r := range t {
		t[r] = foldNFD(string(rune(r)))
	}
	return t
}()

// foldNFD is Fold by way of the canonical decomposition (NFD) of s.
func foldNFD(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '’' || r == 'ʼ' || r == '‘' || r == '′' || r == '`' || r == '´':
			b.WriteByte('\'')
		case r == '‐' || r == '‑' || r == '‒' || r == '–':
			b.WriteByte('-')
		case r == 'œ' || r == 'Œ':
			b.WriteString("oe")
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
		case r == 'ß':
			b.WriteString("ss")
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// IsCapitalized reports whether s begins with an upper-case letter.
func IsCapitalized(s string) bool {
	if s != "" && s[0] < utf8.RuneSelf {
		return 'A' <= s[0] && s[0] <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

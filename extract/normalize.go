package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the normalised form of s, the form the matcher compares:
//
//   - Unicode NFC: a decomposed accent (e + U+0301) becomes the composed letter
//     (é), so both spellings tokenize and match alike;
//   - typographic apostrophes (’ ʼ ‘ ‛ ′ ´) become ', typographic double quotes
//     (“ ” „ ‟) become "; French guillemets « » ‹ › are kept (the token kind
//     says whether they open or close);
//   - every Unicode space (NBSP U+00A0, NNBSP U+202F, thin spaces…) becomes a
//     plain space; the soft hyphen and zero-width characters are dropped;
//     the Unicode hyphens U+2010 and U+2011 become '-';
//   - the ligatures œ Œ æ Æ become oe Oe/OE ae Ae/AE.
//
// Case is kept. Normalize never changes the document: the tokenizer stores its
// result in Token.Norm beside the token's span. When s needs no change, s
// itself is returned (no allocation).
func Normalize(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s
	}
	if i > 0 {
		i-- // the ASCII letter before a combining mark composes with it
	}
	if !needsNormalize(s[i:]) {
		return s
	}
	if n := normalize(s); n != s {
		return n
	}
	return s // a "maybe" of the NFC quick check that was normal after all

}

// needsNormalize reports whether s has a rune Normalize maps, or is not NFC.
func needsNormalize(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && normRune(r) != keep {
			return true
		}
	}
	return norm.NFC.QuickSpanString(s) != len(s)
}

// keep is normRune's answer for a rune that stays as it is.
const keep = -1

// drop is normRune's answer for a rune that is removed.
const drop = -2

// normRune returns the replacement of r (a rune, keep or drop); the ligatures
// are handled by normalize itself and reported here as 0.
func normRune(r rune) rune {
	switch r {
	case '’', 'ʼ', '‘', '‛', '′', '´':
		return '\''
	case '“', '”', '„', '‟':
		return '"'
	case '\u2010', '\u2011':
		return '-'
	case '\u00ad', '\u200b', '\u2060', '\ufeff':
		return drop
	case 'œ', 'Œ', 'æ', 'Æ':
		return 0
	}
	if r >= 0x80 && unicode.IsSpace(r) {
		return ' '
	}
	return keep
}

func normalize(s string) string {
	if norm.NFC.QuickSpanString(s) != len(s) {
		s = norm.NFC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	for i, r := range s {
		switch m := normRune(r); m {
		case keep:
			b.WriteRune(r)
		case drop:
		case 0:
			b.WriteString(ligature(r, s[i+utf8.RuneLen(r):]))
		default:
			b.WriteRune(m)
		}
	}
	return b.String()
}

// ligature returns the expansion of the ligature r followed by rest: œ → oe,
// Œuvre → Oeuvre, ŒUVRE → OEUVRE.
func ligature(r rune, rest string) string {
	next, _ := utf8.DecodeRuneInString(rest)
	upper := unicode.IsUpper(next)
	switch {
	case r == 'œ':
		return "oe"
	case r == 'æ':
		return "ae"
	case r == 'Œ' && upper:
		return "OE"
	case r == 'Œ':
		return "Oe"
	case upper:
		return "AE"
	}
	return "Ae"
}

package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// markPair is a pair of quotation marks found in the text: the opening and
// closing marks and what they enclose.
type markPair struct {
	Open, Close Span // the marks themselves (byte offsets)
	Depth       int  // 0 for a top-level pair, 1 inside another pair, …
	Paras       int  // number of paragraph breaks the pair spans
	Dialogue    bool // a dialogue turn: a line opened by a dash, closed by its end
}

// Inner returns the span between the marks.
func (p markPair) Inner() Span { return Span{p.Open.End, p.Close.Start} }

// Kinds of opening marks on the scanner's stack.
const (
	markGuillemet = 'g' // « … »
	markSingle    = 's' // ‹ … ›
	markCurly     = 'c' // “ … ” or „ … ”
	markStraight  = 'q' // " … "
)

// Limits that keep a stray mark from swallowing an article.
const (
	maxQuoteParas = 12    // paragraphs one quote may run over
	maxQuoteBytes = 20000 // bytes one quote may span
)

type openMark struct {
	at    Span
	kind  byte
	paras int
}

// markBytes are the bytes findMarks stops at: a line break, a straight quote
// and the first bytes of the marks outside ASCII, C2 (« ») and E2 (‹ › “ ”
// „), which are never continuation bytes.
var markBytes = [4]byte{'\n', '"', 0xC2, 0xE2}

// markStops finds the next of the markBytes in a text read forwards: the
// position of each is kept until passed, then searched for again with
// strings.IndexByte, which is fast on the long runs of text without one.
type markStops struct {
	at    [len(markBytes)]int // next position of each byte, len(text) for none
	known bool
}

// next returns the first position at or after i holding one of the
// markBytes, or len(text). The calls must come with i never decreasing.
func (s *markStops) next(text string, i int) int {
	j := len(text)
	for k, b := range markBytes {
		if !s.known || s.at[k] < i {
			s.at[k] = len(text)
			if p := strings.IndexByte(text[i:], b); p >= 0 {
				s.at[k] = i + p
			}
		}
		j = min(j, s.at[k])
	}
	s.known = true
	return j
}

// findMarks pairs the quotation marks of text, paragraph by paragraph. A quote
// may run over several paragraphs when each new paragraph reopens with the
// same mark (the French convention); a mark left open at the end of a
// paragraph otherwise is dropped, and a closing mark without an opening one is
// ignored. Pairs come out in order of their opening mark, appended to out.
func findMarks(text string, out []markPair) []markPair {
	var (
		stack []openMark
		skip  = -1 // byte offset of a reopening mark to ignore
	)
	prevRune := func(i int) rune {
		if i == 0 {
			return ' '
		}
		r, _ := utf8.DecodeLastRuneInString(text[:i])
		return r
	}
	nextRune := func(i int) rune {
		if i >= len(text) {
			return ' '
		}
		r, _ := utf8.DecodeRuneInString(text[i:])
		return r
	}
	closeKind := func(kind byte, at Span) bool {
		for k := len(stack) - 1; k >= 0; k-- {
			if stack[k].kind != kind {
				continue
			}
			o := stack[k]
			if at.End-o.at.Start <= maxQuoteBytes {
				out = append(out, markPair{Open: o.at, Close: at, Depth: k, Paras: o.paras})
			}
			stack = stack[:k]
			return true
		}
		return false
	}
	has := func(kind byte) bool {
		for k := len(stack) - 1; k >= 0; k-- {
			if stack[k].kind == kind {
				return true
			}
			if stack[k].kind == markGuillemet && kind == markStraight {
				return false // a straight quote opened outside « » does not close inside it
			}
		}
		return false
	}
	var stops markStops
	for i := 0; i < len(text); {
		if i = stops.next(text, i); i == len(text) {
			break
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		at := Span{i, i + n}
		if i == skip {
			i += n
			continue
		}
		switch r {
		case '\n':
			if len(stack) > 0 {
				// Find the first mark of the next paragraph.
				j := i + n
				for j < len(text) {
					r2, n2 := utf8.DecodeRuneInString(text[j:])
					if !unicode.IsSpace(r2) {
						break
					}
					j += n2
				}
				first := stack[0]
				r2 := nextRune(j)
				if first.paras < maxQuoteParas && reopens(first.kind, r2) && j < len(text) {
					stack = stack[:1]
					stack[0].paras++
					skip = j
				} else {
					stack = stack[:0]
				}
			}
		case '«':
			stack = append(stack, openMark{at: at, kind: markGuillemet})
		case '‹':
			stack = append(stack, openMark{at: at, kind: markSingle})
		case '“', '„':
			stack = append(stack, openMark{at: at, kind: markCurly})
		case '»':
			closeKind(markGuillemet, at)
		case '›':
			closeKind(markSingle, at)
		case '”':
			if !closeKind(markCurly, at) && looksOpening(prevRune(i), nextRune(i+n)) {
				stack = append(stack, openMark{at: at, kind: markCurly})
			}
		case '"':
			// Straight quotes toggle; one that can only close (after a
			// non-space, before a space or the end) and finds nothing open
			// is stray (inches, a typo).
			p, q := prevRune(i), nextRune(i+n)
			opening := unicode.IsSpace(p) && !unicode.IsSpace(q) && !unicode.IsPunct(q)
			top := len(stack) - 1
			switch {
			case top >= 0 && stack[top].kind == markStraight && opening:
				// a mark that can only open while one is open: the open one
				// was a stray, and this one starts the quote
				stack[top] = openMark{at: at, kind: markStraight}
			case has(markStraight):
				closeKind(markStraight, at)
			case unicode.IsSpace(p) || !(unicode.IsSpace(q) || i+n == len(text) || unicode.IsPunct(q) && q != '(' && q != '['):
				stack = append(stack, openMark{at: at, kind: markStraight})
			}
		}
		i += n
	}
	sortPairs(out)
	return out
}

// reopens reports whether r reopens a quote opened with a mark of kind.
func reopens(kind byte, r rune) bool {
	switch kind {
	case markGuillemet:
		return r == '«'
	case markCurly:
		return r == '“' || r == '„'
	case markStraight:
		return r == '"'
	}
	return false
}

// looksOpening reports whether a symmetric mark between runes p and q opens a
// quote: it follows a space or an opening bracket and precedes a non-space.
func looksOpening(p, q rune) bool {
	if unicode.IsSpace(q) || q == '"' {
		return false
	}
	return unicode.IsSpace(p) || p == '(' || p == '[' || p == '\'' || p == '’' || p == ':' || p == '-' || p == '—' || p == '–' || p == '/' || p == '«'
}

// sortPairs sorts pairs by opening mark (insertion sort: pairs come nearly
// sorted, closed inner-first).
func sortPairs(ps []markPair) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Open.Start < ps[j-1].Open.Start; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// findDialogue returns the dialogue turns of text: lines that open with an em
// or en dash and a space (— Tiens, dit-il, …), closed by the end of the line.
// A line holding a top-level pair of marks is left to the marks, and a dash
// line right after a closing mark is a signature (« … »\n— Name), not a turn.
func findDialogue(text string, marks []markPair) []markPair {
	var out []markPair
	m := 0
	for i := 0; i < len(text); {
		// i is the start of a line
		end := len(text)
		if k := strings.IndexByte(text[i:], '\n'); k >= 0 {
			end = i + k
		}
		j := i
		for j < end && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		r, n := utf8.DecodeRuneInString(text[j:end])
		if (r == '—' || r == '–') && j+n < end {
			q, _ := utf8.DecodeRuneInString(text[j+n:])
			if unicode.IsSpace(q) && !afterClosingMark(text, i) {
				for m < len(marks) && marks[m].Close.End <= j {
					m++
				}
				overlap := false
				for k := m; k < len(marks) && marks[k].Open.Start < end; k++ {
					if marks[k].Depth == 0 {
						overlap = true
						break
					}
				}
				if !overlap {
					out = append(out, markPair{Open: Span{j, j + n}, Close: Span{end, end}, Dialogue: true})
				}
			}
		}
		i = end + 1
	}
	return out
}

// afterClosingMark reports whether the last non-space character before byte
// offset i closes a quote.
func afterClosingMark(text string, i int) bool {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsSpace(r) {
			return r == '»' || r == '”' || r == '"'
		}
		i -= n
	}
	return false
}

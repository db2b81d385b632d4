package batch

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The fast path of DecodeJSONL: a hand-written scanner of one JSON object
// that finds the raw values of the fields wanted, without building a map. It
// accepts exactly what encoding/json accepts, or gives up (ok false) and lets
// DecodeJSONL take the encoding/json path, which also writes the messages of
// malformed lines: it gives up on any syntax error, on a key with an escape
// and on nesting deeper than maxScanDepth.

// maxScanDepth bounds the nesting the scanner follows (encoding/json allows
// 10,000 levels; deeper lines go to it).
const maxScanDepth = 200

// objectScanner scans one line holding a JSON object.
type objectScanner struct {
	b   []byte
	i   int
	esc bool // the last string scanned holds an escape
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (s *objectScanner) skipSpace() {
	for s.i < len(s.b) && isSpace(s.b[s.i]) {
		s.i++
	}
}

// scanFields scans line, a JSON object and nothing else, and returns the raw
// values of the top-level fields named in names (nil when absent; the last
// one when a field repeats, as encoding/json does), and which of them are
// strings holding an escape. ok is false when the line is not valid JSON or
// holds something the scanner leaves to encoding/json. When ok, the line is
// valid UTF-8: the scanner checks its strings, and accepts no other byte
// above 0x7f.
func scanFields(line []byte, names *[3]string) (vals [3][]byte, esc [3]bool, ok bool) {
	s := objectScanner{b: line}
	s.skipSpace()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		return vals, esc, false
	}
	s.i++
	s.skipSpace()
	if s.i < len(s.b) && s.b[s.i] == '}' {
		s.i++
	} else {
		for {
			s.skipSpace()
			ks, ke, keyEsc, ok := s.str()
			if !ok || keyEsc {
				return vals, esc, false
			}
			s.skipSpace()
			if s.i >= len(s.b) || s.b[s.i] != ':' {
				return vals, esc, false
			}
			s.i++
			s.skipSpace()
			vs := s.i
			if !s.value(0) {
				return vals, esc, false
			}
			key := line[ks:ke]
			for k, n := range names {
				if n != "" && string(key) == n {
					vals[k] = line[vs:s.i]
					esc[k] = line[vs] == '"' && s.esc
				}
			}
			s.skipSpace()
			if s.i >= len(s.b) {
				return vals, esc, false
			}
			if s.b[s.i] == ',' {
				s.i++
				continue
			}
			if s.b[s.i] != '}' {
				return vals, esc, false
			}
			s.i++
			break
		}
	}
	s.skipSpace()
	return vals, esc, s.i == len(s.b)
}

// str scans a string starting at s.i and returns the bounds of its content
// (without the quotes) and whether it holds an escape. It checks that the
// string is valid UTF-8 on the way (ok false otherwise): the bytes of a line
// the scanner accepts are those of its strings and ASCII.
func (s *objectScanner) str() (start, end int, esc, ok bool) {
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return 0, 0, false, false
	}
	s.i++
	start = s.i
	for s.i < len(s.b) {
		// Eight plain ASCII bytes at a time; else on to the first byte
		// that is not (the lowest bit of special8 is exact).
		if s.i+8 <= len(s.b) {
			x := binary.LittleEndian.Uint64(s.b[s.i:])
			m := special8(x) | x&0x8080808080808080
			if m == 0 {
				s.i += 8
				continue
			}
			s.i += bits.TrailingZeros64(m) / 8
		}
		c := s.b[s.i]
		switch {
		case c == '"':
			end = s.i
			s.i++
			s.esc = esc
			return start, end, esc, true
		case c == '\\':
			esc = true
			if s.i+1 >= len(s.b) {
				return 0, 0, false, false
			}
			switch s.b[s.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i += 2
			case 'u':
				if s.i+6 > len(s.b) || hex4(s.b[s.i+2:s.i+6]) < 0 {
					return 0, 0, false, false
				}
				s.i += 6
			default:
				return 0, 0, false, false
			}
		case c < 0x20:
			return 0, 0, false, false
		case c < utf8.RuneSelf:
			s.i++
		case c >= 0xC2 && c <= 0xDF && s.i+1 < len(s.b) && s.b[s.i+1]&0xC0 == 0x80:
			s.i += 2 // a rune of two bytes (é, «, no-break space)
		default:
			r, n := utf8.DecodeRune(s.b[s.i:])
			if r == utf8.RuneError && n == 1 {
				return 0, 0, false, false // invalid UTF-8
			}
			s.i += n
		}
	}
	return 0, 0, false, false
}

// special8 returns the bytes of x (little-endian) that are a quote, a
// backslash or a control byte (below 0x20), their bit 7 set: the exact word
// tests of "Bit Twiddling Hacks" (haszero, hasless), exact up to the lowest
// byte found (a borrow may mark bytes above it); bytes above 0x7f are never
// marked.
func special8(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(v uint64) uint64 { return (v - ones) & ^v & highs }
	return zero(x^(ones*'"')) | zero(x^(ones*'\\')) | (x-ones*0x20)&^x&highs
}

// value scans any JSON value starting at s.i.
func (s *objectScanner) value(depth int) bool {
	if s.i >= len(s.b) {
		return false
	}
	switch c := s.b[s.i]; {
	case c == '"':
		_, _, _, ok := s.str()
		return ok
	case c == '{' || c == '[':
		if depth >= maxScanDepth {
			return false
		}
		close := byte('}')
		if c == '[' {
			close = ']'
		}
		s.i++
		s.skipSpace()
		if s.i < len(s.b) && s.b[s.i] == close {
			s.i++
			return true
		}
		for {
			s.skipSpace()
			if close == '}' {
				if _, _, _, ok := s.str(); !ok {
					return false
				}
				s.skipSpace()
				if s.i >= len(s.b) || s.b[s.i] != ':' {
					return false
				}
				s.i++
				s.skipSpace()
			}
			if !s.value(depth + 1) {
				return false
			}
			s.skipSpace()
			if s.i >= len(s.b) {
				return false
			}
			if s.b[s.i] == ',' {
				s.i++
				continue
			}
			if s.b[s.i] != close {
				return false
			}
			s.i++
			return true
		}
	case c == '-' || c >= '0' && c <= '9':
		return s.number()
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	}
	return false
}

func (s *objectScanner) literal(lit string) bool {
	if !strings.HasPrefix(string(s.b[s.i:]), lit) {
		return false
	}
	s.i += len(lit)
	return true
}

// number scans a number in the JSON grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *objectScanner) number() bool {
	b := s.b
	if s.i < len(b) && b[s.i] == '-' {
		s.i++
	}
	switch {
	case s.i < len(b) && b[s.i] == '0':
		s.i++
	case s.i < len(b) && b[s.i] >= '1' && b[s.i] <= '9':
		s.digits()
	default:
		return false
	}
	if s.i < len(b) && b[s.i] == '.' {
		s.i++
		if !s.digits() {
			return false
		}
	}
	if s.i < len(b) && (b[s.i] == 'e' || b[s.i] == 'E') {
		s.i++
		if s.i < len(b) && (b[s.i] == '+' || b[s.i] == '-') {
			s.i++
		}
		if !s.digits() {
			return false
		}
	}
	return true
}

// digits skips one or more digits; false when there is none.
func (s *objectScanner) digits() bool {
	start := s.i
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
	}
	return s.i > start
}

// hex4 decodes four hexadecimal digits, or returns -1.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// unquote decodes a JSON string value (with its quotes) that scanFields
// accepted, as encoding/json does: a lone or unpaired surrogate becomes
// U+FFFD. scanFields has checked that the string is valid UTF-8, and says
// whether it holds an escape (esc).
func unquote(raw []byte, esc bool) string {
	raw = raw[1 : len(raw)-1]
	if !esc {
		return string(raw)
	}
	i := bytes.IndexByte(raw, '\\')
	var sb strings.Builder
	sb.Grow(len(raw))
	sb.Write(raw[:i])
	for i < len(raw) {
		c := raw[i]
		if c != '\\' {
			j := bytes.IndexByte(raw[i:], '\\')
			if j < 0 {
				j = len(raw) - i
			}
			sb.Write(raw[i : i+j])
			i += j
			continue
		}
		switch raw[i+1] {
		case 'b':
			sb.WriteByte('\b')
		case 'f':
			sb.WriteByte('\f')
		case 'n':
			sb.WriteByte('\n')
		case 'r':
			sb.WriteByte('\r')
		case 't':
			sb.WriteByte('\t')
		case 'u':
			r := hex4(raw[i+2:])
			i += 6
			if utf16.IsSurrogate(r) {
				var r2 rune = -1
				if i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
					r2 = hex4(raw[i+2:])
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					sb.WriteRune(dec)
					i += 6
					continue
				}
				r = utf8.RuneError
			}
			sb.WriteRune(r)
			continue
		default: // '"', '\\', '/'
			sb.WriteByte(raw[i+1])
		}
		i += 2
	}
	return sb.String()
}

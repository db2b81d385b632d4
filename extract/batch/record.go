package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Record is one input document, or the reason it could not be read.
type Record struct {
	ID    string // the output id: the JSONL id, else Where
	Where string // where the record comes from: "dump.jsonl:17", or a path, or "-"
	Text  string // the document
	Title string // the JSONL title, analysed apart ("" when none)
	Err   error  // non-nil: the record could not be read; Text and Title are empty

	// utf8 says that Text and Title are known to be valid UTF-8: they come
	// from a JSONL line DecodeJSONL found valid, and decoding its strings
	// keeps them so (an escaped lone surrogate becomes U+FFFD). Process
	// then does not check them again.
	utf8 bool
}

// Location returns where the record comes from: "NAME:LINE" for the line of a
// JSONL input, NAME for a whole input.
func Location(name string, line int) string { return name + ":" + strconv.Itoa(line) }

func failed(where string, err error) Record { return Record{ID: where, Where: where, Err: err} }

// DecodeJSONL decodes one line of a JSONL dump into a record, reading the
// fields o names. where names the line ("dump.jsonl:17"); it is the record's
// id when the line has no usable id. A line that cannot be decoded yields a
// record with Err set: DecodeJSONL never fails otherwise.
func DecodeJSONL(line []byte, where string, o *Options) Record {
	for len(line) > 0 && (line[len(line)-1] == '\n' || line[len(line)-1] == '\r') {
		line = line[:len(line)-1]
	}
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	isObject := i < len(line) && line[i] == '{'
	names := [3]string{o.IDField, o.TextField, o.TitleField}
	if isObject {
		// A line the scanner accepts is valid UTF-8 (it checks the
		// strings, and accepts no other byte above 0x7f): utf8.Valid
		// would read it a second time.
		if vals, esc, ok := scanFields(line, &names); ok {
			return fieldsRecord(vals, where, o, func(k int, raw []byte) (string, error) { return unquote(raw, esc[k]), nil })
		}
	}
	if !utf8.Valid(line) {
		return failed(where, fmt.Errorf("invalid UTF-8 at byte %d of the line", invalidAt(line)))
	}
	if !isObject {
		return failed(where, errors.New("not a JSON object"))
	}
	// Malformed, or out of the scanner's reach: encoding/json decides, and
	// says what is wrong.
	return decodeStd(line, where, o)
}

// decodeStd is DecodeJSONL's slow path, through encoding/json.
func decodeStd(line []byte, where string, o *Options) Record {
	names := [3]string{o.IDField, o.TextField, o.TitleField}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(line, &m); err != nil {
		return failed(where, fmt.Errorf("invalid JSON: %v", trimJSONError(err)))
	}
	var vals [3][]byte
	for k, n := range names {
		if n != "" {
			vals[k] = m[n]
		}
	}
	return fieldsRecord(vals, where, o, func(_ int, raw []byte) (s string, err error) {
		err = json.Unmarshal(raw, &s)
		return s, err
	})
}

// fieldsRecord makes the record of a line from the raw values of its id, text
// and title fields (nil when absent), decoding strings with str (given the
// field's index in vals).
func fieldsRecord(vals [3][]byte, where string, o *Options, str func(k int, raw []byte) (string, error)) Record {
	r := Record{ID: where, Where: where}
	if raw, ok := field(vals[0]); ok {
		switch {
		case raw[0] == '"':
			id, err := str(0, raw)
			if err != nil {
				return failed(where, fmt.Errorf("field %q: %v", o.IDField, trimJSONError(err)))
			}
			if id != "" {
				r.ID = id
			}
		case raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9':
			r.ID = string(raw)
		default:
			return failed(where, fmt.Errorf("field %q is %s, not a string or a number", o.IDField, kind(raw)))
		}
	}
	raw, ok := field(vals[1])
	if !ok {
		r.Err = fmt.Errorf("no %q field", o.TextField)
		return r
	}
	if raw[0] != '"' {
		r.Err = fmt.Errorf("field %q is %s, not a string", o.TextField, kind(raw))
		return r
	}
	var err error
	if r.Text, err = str(1, raw); err != nil {
		r.Text = ""
		r.Err = fmt.Errorf("field %q: %v", o.TextField, trimJSONError(err))
		return r
	}
	if raw, ok := field(vals[2]); ok {
		if raw[0] != '"' {
			r.Text = ""
			r.Err = fmt.Errorf("field %q is %s, not a string", o.TitleField, kind(raw))
			return r
		}
		if r.Title, err = str(2, raw); err != nil {
			r.Text, r.Title = "", ""
			r.Err = fmt.Errorf("field %q: %v", o.TitleField, trimJSONError(err))
			return r
		}
	}
	r.utf8 = true // DecodeJSONL checked the line
	return r
}

// field returns a raw value, and false when it is absent or null.
func field(raw []byte) ([]byte, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, false
	}
	return raw, true
}

// kind names the JSON type of a raw value, for messages.
func kind(raw json.RawMessage) string {
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case '"':
		return "a string"
	}
	return "a number"
}

// trimJSONError drops the "json: " prefix of encoding/json's messages.
func trimJSONError(err error) string {
	s := err.Error()
	if len(s) > 6 && s[:6] == "json: " {
		return s[6:]
	}
	return s
}

// invalidAt returns the byte offset of the first invalid UTF-8 sequence in b.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Article is a text with an id: a WiNER-fr article (with its gold entities),
// or the text of a labelled document.
type Article struct {
	ID       ID           `json:"id"`
	Text     string       `json:"text"`
	Entities []GoldEntity `json:"entities"`
}

// GoldEntity is an entity annotated in a WiNER-fr article.
type GoldEntity struct {
	Type  string `json:"type"`  // Person, Organization, Location, Date, Hour, Event, Product
	Start int    `json:"start"` // code points
	End   int    `json:"end"`   // code points
	Text  string `json:"text"`
}

// QuoteLabel labels one « » span (or, from fr-litbank, one citation) of a
// document: the winer-fr-quotes format.
type QuoteLabel struct {
	Doc          ID      `json:"doc"`
	Start        int     `json:"start"` // code points, guillemets included
	End          int     `json:"end"`   // code points
	Text         string  `json:"text,omitempty"`
	IsQuote      bool    `json:"is_quote"`
	Kind         string  `json:"kind"`         // direct, partial; title, term, other when not a quote
	Speaker      *string `json:"speaker"`      // the speaker's name as the document gives it, or nil
	SpeakerType  *string `json:"speaker_type"` // PERSON, ORGANIZATION, LOCATION, OTHER, or nil
	Cue          *string `json:"cue"`          // the speech verb or marker as written, or nil
	SpeakerStart *int    `json:"speaker_start,omitempty"`
	SpeakerEnd   *int    `json:"speaker_end,omitempty"`
}

// ReadArticles reads JSONL articles ({"id", "text", "entities"}), such as
// WiNER-fr. Blank lines are skipped; any other line that is not an article is
// an error naming the line.
func ReadArticles(r io.Reader, name string) ([]Article, error) {
	var out []Article
	err := eachLine(r, name, func(b []byte) error {
		var a Article
		if err := json.Unmarshal(b, &a); err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// ReadQuoteLabels reads winer-fr-quotes JSONL labels. Blank lines are
// skipped; any other line that is not a label is an error naming the line.
func ReadQuoteLabels(r io.Reader, name string) ([]QuoteLabel, error) {
	var out []QuoteLabel
	err := eachLine(r, name, func(b []byte) error {
		var l QuoteLabel
		if err := json.Unmarshal(b, &l); err != nil {
			return err
		}
		if (l.SpeakerStart == nil) != (l.SpeakerEnd == nil) {
			return fmt.Errorf("speaker_start and speaker_end go together")
		}
		out = append(out, l)
		return nil
	})
	return out, err
}

func eachLine(r io.Reader, name string, f func([]byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	for n := 1; sc.Scan(); n++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if err := f(b); err != nil {
			return fmt.Errorf("%s:%d: %v", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	return nil
}

// ReadLitbank reads fr-litbank's brat files (NAME.txt and NAME.ann) in dir
// and returns, in order of name, the texts and the labels of their citations,
// as litbank2labels.py does: a citation is labelled from the start of its
// first fragment to the end of its last; its speaker is the Entite that a
// Source relation links to it (speaker_start and speaker_end give that
// mention, which may be a pronoun), typed PERSON. Beyond litbank2labels.py,
// the cue is the Introducteur that an Introduction relation links to the
// citation. Texts are read as Python reads text files: CR LF and lone CR
// become LF. Offsets are code points.
func ReadLitbank(dir string) ([]Article, []QuoteLabel, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	var names []string
	for _, e := range ents {
		if n := e.Name(); strings.HasSuffix(n, ".ann") {
			names = append(names, strings.TrimSuffix(n, ".ann"))
		}
	}
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("%s: no .ann files", dir)
	}
	sort.Strings(names) // byte order of UTF-8 is code-point order, as Python sorts
	var arts []Article
	var labels []QuoteLabel
	for _, name := range names {
		text, err := readText(filepath.Join(dir, name+".txt"))
		if err != nil {
			return nil, nil, err
		}
		ann, err := readText(filepath.Join(dir, name+".ann"))
		if err != nil {
			return nil, nil, err
		}
		ls, err := bratLabels(name, text, ann)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", filepath.Join(dir, name+".ann"), err)
		}
		arts = append(arts, Article{ID: ID(name), Text: text})
		labels = append(labels, ls...)
	}
	return arts, labels, nil
}

func readText(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("%s: not UTF-8", path)
	}
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n"), nil
}

type bratSpan struct {
	typ        string
	start, end int
}

// bratLabels converts one brat annotation file of doc (whose text is text).
func bratLabels(doc, text, ann string) ([]QuoteLabel, error) {
	spans := map[string]bratSpan{}
	var order []string // ids in order of first definition, as a Python dict keeps them
	src, intro := map[string]string{}, map[string]string{}
	lines := strings.SplitAfter(ann, "\n")
	for n, line := range lines {
		parts := strings.Split(strings.TrimRight(line, "\n"), "\t")
		switch {
		case strings.HasPrefix(line, "T") && len(parts) >= 2:
			typ, frag, ok := strings.Cut(parts[1], " ")
			if !ok {
				return nil, fmt.Errorf("line %d: no offsets", n+1)
			}
			var frags [][]int
			for _, f := range strings.Split(frag, ";") {
				var offs []int
				for _, w := range strings.Fields(f) {
					i, err := strconv.Atoi(w)
					if err != nil {
						return nil, fmt.Errorf("line %d: bad offset %q", n+1, w)
					}
					offs = append(offs, i)
				}
				frags = append(frags, offs)
			}
			first, last := frags[0], frags[len(frags)-1]
			if len(first) < 1 || len(last) < 2 {
				return nil, fmt.Errorf("line %d: bad fragment %q", n+1, frag)
			}
			if _, ok := spans[parts[0]]; !ok {
				order = append(order, parts[0])
			}
			spans[parts[0]] = bratSpan{typ, first[0], last[1]}
		case strings.HasPrefix(line, "R") && len(parts) >= 2:
			f := strings.Fields(parts[1])
			if len(f) != 3 {
				return nil, fmt.Errorf("line %d: want a relation and two arguments", n+1)
			}
			_, a1, ok1 := strings.Cut(f[1], ":")
			_, a2, ok2 := strings.Cut(f[2], ":")
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("line %d: bad relation arguments", n+1)
			}
			a1, a2 = strings.Split(a1, ":")[0], strings.Split(a2, ":")[0]
			switch f[0] {
			case "Source":
				src[a2] = a1
			case "Introduction":
				intro[a2] = a1
			}
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return spans[order[i]].start < spans[order[j]].start })
	runes := []rune(text)
	slice := func(s, e int) string { // Python's text[s:e] on non-negative offsets
		s, e = min(max(s, 0), len(runes)), min(max(e, 0), len(runes))
		if s >= e {
			return ""
		}
		return string(runes[s:e])
	}
	var out []QuoteLabel
	for _, id := range order {
		sp := spans[id]
		if sp.typ != "Citation" {
			continue
		}
		l := QuoteLabel{Doc: ID(doc), Start: sp.start, End: sp.end, Text: slice(sp.start, sp.end), IsQuote: true, Kind: "direct"}
		if s, ok := spans[src[id]]; ok && src[id] != "" {
			name, typ := slice(s.start, s.end), "PERSON"
			ss, se := s.start, s.end
			l.Speaker, l.SpeakerType, l.SpeakerStart, l.SpeakerEnd = &name, &typ, &ss, &se
		}
		if c, ok := spans[intro[id]]; ok && intro[id] != "" {
			cue := slice(c.start, c.end)
			l.Cue = &cue
		}
		out = append(out, l)
	}
	return out, nil
}

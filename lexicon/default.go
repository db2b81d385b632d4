package lexicon

import (
	"embed"
	"io/fs"
	"sort"
	"sync"
)

//go:embed data/*.tsv
var dataFS embed.FS

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
	defaultErr  error
)

// Default returns the lexicon embedded in the binary (lexicon/data/*.tsv). It is
// parsed once; every caller shares the same read-only value.
func Default() (*Lexicon, error) {
	defaultOnce.Do(func() {
		defaultLex, defaultErr = loadFS(dataFS, "data")
	})
	return defaultLex, defaultErr
}

func loadFS(fsys fs.FS, dir string) (*Lexicon, error) {
	names, err := fs.Glob(fsys, dir+"/*.tsv")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	l := New()
	var errs ErrorList
	for _, n := range names {
		f, err := fsys.Open(n)
		if err != nil {
			return nil, err
		}
		es, err := Parse(f, "lexicon/"+n)
		f.Close()
		if el, ok := err.(ErrorList); ok {
			errs = append(errs, el...)
		} else if err != nil {
			return nil, err
		}
		l.Add(es...)
	}
	return l, errs.Err()
}

// Clone returns a copy of l that can be extended without changing l.
func (l *Lexicon) Clone() *Lexicon {
	c := &Lexicon{entries: append([]*Entry(nil), l.entries...), index: make(map[string]int, len(l.index))}
	for k, v := range l.index {
		c.index[k] = v
	}
	return c
}

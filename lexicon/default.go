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
	var (
		errs ErrorList
		all  []*Entry
	)
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
		all = append(all, es...)
	}
	l.Add(all...) // at once: the index is made to size
	return l, errs.Err()
}

// Clone returns a copy of l that can be extended without changing l.
func (l *Lexicon) Clone() *Lexicon {
	c := &Lexicon{entries: append([]*Entry(nil), l.entries...), index: make(map[key]int, len(l.index))}
	for k, v := range l.index {
		c.index[k] = v
	}
	return c
}

// Load returns the lexicon made of the embedded default (unless noDefault)
// plus the entries of the files at paths, in order: an entry with the type and
// ID of an earlier one replaces it. A malformed file is an error naming the
// file, line and reason; nothing is skipped silently. With no paths and the
// default, the shared Default value is returned.
func Load(noDefault bool, paths ...string) (*Lexicon, error) {
	l := New()
	if !noDefault {
		d, err := Default()
		if err != nil {
			return nil, err
		}
		if len(paths) == 0 {
			return d, nil
		}
		l = d.Clone()
	}
	var all []*Entry
	for _, p := range paths {
		es, err := LoadFile(p)
		if err != nil {
			return nil, err
		}
		all = append(all, es...)
	}
	l.Add(all...) // at once: the index is made to size
	return l, nil
}

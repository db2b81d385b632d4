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
	all, err := parseAll(names, func(n string) ([]*Entry, error) {
		f, err := fsys.Open(n)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return Parse(f, "lexicon/"+n)
	})
	l := New()
	l.Add(all...) // at once: the index is made to size
	return l, err
}

// parseAll parses the files concurrently, with parse, and returns their
// entries in the order of names; the parse errors of every file are
// gathered, and any other error ends the load.
func parseAll(names []string, parse func(string) ([]*Entry, error)) ([]*Entry, error) {
	res := make([][]*Entry, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i], errs[i] = parse(n)
		}()
	}
	wg.Wait()
	var (
		all []*Entry
		el  ErrorList
	)
	for i := range names {
		if l, ok := errs[i].(ErrorList); ok {
			el = append(el, l...)
		} else if errs[i] != nil {
			return nil, errs[i]
		}
		all = append(all, res[i]...)
	}
	return all, el.Err()
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
	all, err := parseAll(paths, LoadFile)
	if err != nil {
		return nil, err
	}
	l.Add(all...) // at once: the index is made to size
	return l, nil
}

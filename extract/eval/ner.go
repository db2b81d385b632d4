package eval

import (
	"sort"
)

// NERTypes lists the gold entity types scored, in the order of reports.
var NERTypes = []string{"Location", "Organization", "Person"}

// predType maps quidit's entity types to WiNER-fr's.
var predType = map[string]string{
	"PERSON":       "Person",
	"ORGANIZATION": "Organization",
	"COUNTRY":      "Location",
	"LOCATION":     "Location",
	"BASE":         "Location",
}

// MapType returns the WiNER-fr type of a quidit entity type, or "" when it is
// not scored.
func MapType(t string) string { return predType[t] }

// Score counts matches of one type (or of all types) under one matching rule.
// With exact match Right equals Found; with overlap match one prediction may
// find several gold spans and several predictions one gold span.
type Score struct {
	Gold    int     `json:"gold"`    // gold spans (outermost)
	Pred    int     `json:"pred"`    // predictions counted, right or wrong
	Ignored int     `json:"ignored"` // predictions on nested gold spans, not counted
	Right   int     `json:"right"`   // predictions that match a gold span
	Found   int     `json:"found"`   // gold spans a prediction matches
	P       float64 `json:"precision"`
	R       float64 `json:"recall"`
	F1      float64 `json:"f1"`
}

func (s *Score) finish() {
	s.P, s.R, s.F1 = prf(s.Right, s.Pred-s.Right, s.Found, s.Gold-s.Found)
}

func (s *Score) add(o Score) {
	s.Gold += o.Gold
	s.Pred += o.Pred
	s.Ignored += o.Ignored
	s.Right += o.Right
	s.Found += o.Found
}

// prf returns precision, recall and F1 as score_ner.py computes them (0 when
// undefined).
func prf(right, wrong, found, missed int) (p, r, f float64) {
	if right+wrong > 0 {
		p = float64(right) / float64(right+wrong)
	}
	if found+missed > 0 {
		r = float64(found) / float64(found+missed)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// TypeScore is the score of one type, or of all ("micro").
type TypeScore struct {
	Type    string `json:"type"`
	Exact   Score  `json:"exact"`
	Overlap Score  `json:"overlap"`
}

// NERReport is the result of ScoreNER.
type NERReport struct {
	Docs              int         `json:"docs"`                // gold articles
	DocsWithoutOutput int         `json:"docs_without_output"` // gold articles with no prediction
	Types             []TypeScore `json:"types"`               // in the order of NERTypes
	Micro             TypeScore   `json:"micro"`               // all types together
	Errors            []NERError  `json:"errors,omitempty"`
}

// NERError is a false positive or a miss under exact match.
type NERError struct {
	Doc   ID     `json:"doc"`
	Kind  string `json:"kind"` // "FP" (a wrong prediction) or "FN" (a missed gold span)
	Type  string `json:"type"` // the WiNER-fr type predicted (FP) or annotated (FN)
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Left  string `json:"left"`  // up to ContextLen code points before
	Right string `json:"right"` // up to ContextLen code points after
	// Near lists the spans of the other side that overlap this one: gold spans
	// (nested ones too) for a false positive, predictions for a miss.
	Near []Near `json:"near,omitempty"`
}

// Near is a span that overlaps an error's span.
type Near struct {
	Type   string `json:"type"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Nested bool   `json:"nested,omitempty"` // a nested gold span
}

// ContextLen is the number of code points of context either side of an error.
const ContextLen = 40

type tspan struct {
	start, end int
	typ        string
}

func ov(a0, a1, b0, b1 int) int { return max(0, min(a1, b1)-max(a0, b0)) }

// ScoreNER scores preds against the gold articles (see the package comment
// for the rules). Of two gold articles with the same id the last one counts.
func ScoreNER(gold []Article, preds Preds) NERReport {
	byID := map[ID]int{}
	for i, a := range gold {
		byID[a.ID] = i
	}
	exact, over := map[string]*Score{}, map[string]*Score{}
	for _, t := range NERTypes {
		exact[t], over[t] = &Score{}, &Score{}
	}
	var rep NERReport
	for i, a := range gold {
		if byID[a.ID] != i {
			continue
		}
		rep.Docs++
		p, ok := preds[a.ID]
		if !ok {
			rep.DocsWithoutOutput++
		}
		rep.Errors = append(rep.Errors, scoreDoc(a, p, exact, over)...)
	}
	rep.Micro.Type = "micro"
	for _, t := range NERTypes {
		exact[t].finish()
		over[t].finish()
		rep.Types = append(rep.Types, TypeScore{Type: t, Exact: *exact[t], Overlap: *over[t]})
		rep.Micro.Exact.add(*exact[t])
		rep.Micro.Overlap.add(*over[t])
	}
	rep.Micro.Exact.finish()
	rep.Micro.Overlap.finish()
	sort.SliceStable(rep.Errors, func(i, j int) bool {
		a, b := rep.Errors[i], rep.Errors[j]
		if a.Doc != b.Doc {
			return a.Doc < b.Doc
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Type < b.Type
	})
	return rep
}

// scoreDoc adds the counts of one article to exact and over and returns its
// errors.
func scoreDoc(a Article, p Pred, exact, over map[string]*Score) []NERError {
	var ents []GoldEntity
	for _, e := range a.Entities {
		if exact[e.Type] != nil {
			ents = append(ents, e)
		}
	}
	outer, inner := map[tspan]bool{}, map[tspan]bool{}
	for i, e := range ents {
		nested := false
		for j, o := range ents {
			if j != i && o.Start <= e.Start && e.End <= o.End && o.End-o.Start > e.End-e.Start {
				nested = true
				break
			}
		}
		if !nested {
			outer[tspan{e.Start, e.End, e.Type}] = true
		}
	}
	for _, e := range ents {
		if x := (tspan{e.Start, e.End, e.Type}); !outer[x] {
			inner[x] = true
		}
	}
	pred := map[tspan]string{} // span → a mention text
	for _, e := range p.Entities {
		t := predType[e.Type]
		if t == "" {
			continue
		}
		for _, m := range e.Mentions {
			x := tspan{m.Start, m.End, t}
			if _, ok := pred[x]; !ok {
				pred[x] = m.Text
			}
		}
	}
	text := []rune(a.Text)
	var errs []NERError
	for x, mtext := range pred {
		s := exact[x.typ]
		switch {
		case outer[x]:
			s.Pred++
			s.Right++
			s.Found++
		case inner[x]:
			s.Ignored++
		default:
			s.Pred++
			e := newNERError(a.ID, "FP", x, text, mtext)
			for _, g := range ents {
				if ov(x.start, x.end, g.Start, g.End) > 0 {
					g := tspan{g.Start, g.End, g.Type}
					e.Near = append(e.Near, Near{Type: g.typ, Start: g.start, End: g.end, Text: slice(text, g.start, g.end), Nested: inner[g]})
				}
			}
			sortNear(e.Near)
			errs = append(errs, e)
		}
		o := over[x.typ]
		switch {
		case overlapsAny(x, outer):
			o.Pred++
			o.Right++
		case overlapsAny(x, inner):
			o.Ignored++
		default:
			o.Pred++
		}
	}
	for g := range outer {
		exact[g.typ].Gold++
		over[g.typ].Gold++
		if overlapsAny(g, pred) {
			over[g.typ].Found++
		}
		if _, ok := pred[g]; ok {
			continue
		}
		e := newNERError(a.ID, "FN", g, text, slice(text, g.start, g.end))
		for x, mtext := range pred {
			if ov(x.start, x.end, g.start, g.end) > 0 {
				e.Near = append(e.Near, Near{Type: x.typ, Start: x.start, End: x.end, Text: mtext})
			}
		}
		sortNear(e.Near)
		errs = append(errs, e)
	}
	return errs
}

// overlapsAny reports whether x overlaps a span of set of the same type.
func overlapsAny[V any](x tspan, set map[tspan]V) bool {
	for g := range set {
		if g.typ == x.typ && ov(x.start, x.end, g.start, g.end) > 0 {
			return true
		}
	}
	return false
}

func newNERError(doc ID, kind string, x tspan, text []rune, s string) NERError {
	return NERError{Doc: doc, Kind: kind, Type: x.typ, Start: x.start, End: x.end, Text: s,
		Left: slice(text, x.start-ContextLen, x.start), Right: slice(text, x.end, x.end+ContextLen)}
}

func sortNear(ns []Near) {
	sort.Slice(ns, func(i, j int) bool {
		if ns[i].Start != ns[j].Start {
			return ns[i].Start < ns[j].Start
		}
		if ns[i].End != ns[j].End {
			return ns[i].End < ns[j].End
		}
		return ns[i].Type < ns[j].Type
	})
}

// slice returns text[s:e], clipped to the text.
func slice(text []rune, s, e int) string {
	s, e = min(max(s, 0), len(text)), min(max(e, 0), len(text))
	if s >= e {
		return ""
	}
	return string(text[s:e])
}

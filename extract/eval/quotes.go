package eval

import (
	"sort"
	"strings"
)

// Thresholds are the shares of a gold quote's length (guillemets excluded)
// that a predicted quote must overlap to find it, in the order of reports.
// The first is score_quotes.py's.
var Thresholds = []float64{0.3, 0.8}

// QuoteScore is the quote score at one overlap threshold.
type QuoteScore struct {
	Threshold     float64 `json:"threshold"`
	Gold          int     `json:"gold"`  // labelled quotes
	Found         int     `json:"found"` // labelled quotes a predicted quote overlaps enough
	False         int     `json:"false"` // other predicted quotes overlapping a labelled span
	P             float64 `json:"precision"`
	R             float64 `json:"recall"`
	F1            float64 `json:"f1"`
	SpeakersNamed int     `json:"speakers_named"` // found quotes whose gold speaker is named
	SpeakersRight int     `json:"speakers_right"`
	SpeakerAcc    float64 `json:"speaker_accuracy"`
	CuesGold      int     `json:"cues_gold"` // found quotes whose label gives a cue
	CuesRight     int     `json:"cues_right"`
	CueAcc        float64 `json:"cue_accuracy"`
	// Kinds gives the recall of each kind of labelled quote (direct,
	// partial), in order of name.
	Kinds []KindScore `json:"kinds"`
}

// KindScore is the recall of one kind of labelled quote.
type KindScore struct {
	Kind  string  `json:"kind"`
	Gold  int     `json:"gold"`
	Found int     `json:"found"`
	R     float64 `json:"recall"`
}

// QuoteReport is the result of ScoreQuotes.
type QuoteReport struct {
	Docs              int          `json:"docs"`                // labelled documents
	Labels            int          `json:"labels"`              // labelled spans, quotes or not
	DocsWithoutOutput int          `json:"docs_without_output"` // labelled documents with no prediction
	Scores            []QuoteScore `json:"scores"`              // one per threshold
	Errors            []QuoteError `json:"errors,omitempty"`    // at the first threshold
}

// QuoteError is a mistake at the first threshold.
type QuoteError struct {
	Doc ID `json:"doc"`
	// Kind is "FN" (a labelled quote not found), "FP" (a predicted quote that
	// found none), "speaker" (a found quote given the wrong speaker) or "cue"
	// (a found quote given the wrong cue).
	Kind  string `json:"kind"`
	Start int    `json:"start"` // the gold span (FN, speaker, cue) or the prediction (FP)
	End   int    `json:"end"`
	Text  string `json:"text"`
	Left  string `json:"left,omitempty"`  // context, when the document's text is known
	Right string `json:"right,omitempty"` //
	Gold  string `json:"gold,omitempty"`  // gold speaker or cue; for FP, the kind of label it overlaps
	Pred  string `json:"pred,omitempty"`  // predicted speaker (name / speaker text) or cue
}

// ScoreQuotes scores preds against labels at each of thresholds (Thresholds
// when none are given). texts, which may be nil, gives the documents' text
// for the context of errors.
func ScoreQuotes(labels []QuoteLabel, texts map[ID]string, preds Preds, thresholds ...float64) QuoteReport {
	if len(thresholds) == 0 {
		thresholds = Thresholds
	}
	byDoc := map[ID][]QuoteLabel{}
	var docs []ID
	for _, l := range labels {
		if _, ok := byDoc[l.Doc]; !ok {
			docs = append(docs, l.Doc)
		}
		byDoc[l.Doc] = append(byDoc[l.Doc], l)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i] < docs[j] })
	rep := QuoteReport{Docs: len(docs), Labels: len(labels)}
	for _, doc := range docs {
		if _, ok := preds[doc]; !ok {
			rep.DocsWithoutOutput++
		}
	}
	for k, th := range thresholds {
		s := QuoteScore{Threshold: th}
		kinds := map[string]*KindScore{}
		for _, doc := range docs {
			p := preds[doc]
			errs := scoreQuoteDoc(byDoc[doc], p, th, &s, kinds)
			if k == 0 {
				text := []rune(texts[doc])
				for i := range errs {
					e := &errs[i]
					e.Doc = doc
					if len(text) > 0 {
						e.Left, e.Right = slice(text, e.Start-ContextLen, e.Start), slice(text, e.End, e.End+ContextLen)
						if e.Text == "" {
							e.Text = slice(text, e.Start, e.End)
						}
					}
				}
				rep.Errors = append(rep.Errors, errs...)
			}
		}
		s.P, s.R, s.F1 = prf(s.Found, s.False, s.Found, s.Gold-s.Found)
		if s.SpeakersNamed > 0 {
			s.SpeakerAcc = float64(s.SpeakersRight) / float64(s.SpeakersNamed)
		}
		if s.CuesGold > 0 {
			s.CueAcc = float64(s.CuesRight) / float64(s.CuesGold)
		}
		s.Kinds = []KindScore{}
		for _, k := range kinds {
			k.R = float64(k.Found) / float64(k.Gold)
			s.Kinds = append(s.Kinds, *k)
		}
		sort.Slice(s.Kinds, func(i, j int) bool { return s.Kinds[i].Kind < s.Kinds[j].Kind })
		rep.Scores = append(rep.Scores, s)
	}
	return rep
}

// scoreQuoteDoc adds the counts of one document to s and returns its errors
// (without Doc and context).
func scoreQuoteDoc(labels []QuoteLabel, p Pred, th float64, s *QuoteScore, kinds map[string]*KindScore) []QuoteError {
	var qs []PredQuote
	for _, q := range p.Quotes {
		if scoredKind(q.Kind) {
			qs = append(qs, q)
		}
	}
	var errs []QuoteError
	used := make([]bool, len(qs))
	for _, g := range labels {
		var hits []int
		for i, q := range qs {
			if float64(ov(q.Start, q.End, g.Start, g.End)) >= th*float64(g.End-g.Start-2) {
				hits = append(hits, i)
			}
		}
		if !g.IsQuote {
			continue
		}
		s.Gold++
		k := kinds[g.Kind]
		if k == nil {
			k = &KindScore{Kind: g.Kind}
			kinds[g.Kind] = k
		}
		k.Gold++
		if len(hits) > 0 {
			k.Found++
		}
		if len(hits) == 0 {
			errs = append(errs, QuoteError{Kind: "FN", Start: g.Start, End: g.End, Text: g.Text})
			continue
		}
		s.Found++
		for _, i := range hits {
			used[i] = true
		}
		q := qs[hits[0]]
		e := p.entity(q.Speaker)
		if g.Speaker != nil && *g.Speaker != "" && g.SpeakerType != nil && namedType(*g.SpeakerType) {
			s.SpeakersNamed++
			if speakerRight(g, q, e) {
				s.SpeakersRight++
			} else {
				errs = append(errs, QuoteError{Kind: "speaker", Start: g.Start, End: g.End, Text: g.Text, Gold: *g.Speaker, Pred: speakerDesc(q, e)})
			}
		}
		if g.Cue != nil && *g.Cue != "" {
			s.CuesGold++
			if q.Cue != nil && cueRight(Fold(*q.Cue), Fold(*g.Cue)) {
				s.CuesRight++
			} else {
				pc := ""
				if q.Cue != nil {
					pc = *q.Cue
				}
				errs = append(errs, QuoteError{Kind: "cue", Start: g.Start, End: g.End, Text: g.Text, Gold: *g.Cue, Pred: pc})
			}
		}
	}
	for i, q := range qs {
		if used[i] {
			continue
		}
		for _, g := range labels {
			if ov(q.Start, q.End, g.Start, g.End) > 0 {
				s.False++
				kind := g.Kind
				if g.IsQuote {
					kind = "quote, too little overlap"
				}
				errs = append(errs, QuoteError{Kind: "FP", Start: q.Start, End: q.End, Text: q.Text, Gold: kind})
				break
			}
		}
	}
	return errs
}

func namedType(t string) bool { return t == "PERSON" || t == "ORGANIZATION" || t == "LOCATION" }

// speakerRight reports whether the speaker of q (entity e, possibly nil) is
// the gold speaker of g, by score_quotes.py's rules.
func speakerRight(g QuoteLabel, q PredQuote, e *PredEntity) bool {
	if e != nil && g.SpeakerStart != nil {
		for _, m := range e.Mentions {
			if ov(m.Start, m.End, *g.SpeakerStart, *g.SpeakerEnd) > 0 {
				return true
			}
		}
	}
	names := map[string]bool{}
	if e != nil {
		names[Fold(e.Name)] = true
		for _, m := range e.Mentions {
			names[Fold(m.Text)] = true
		}
	} else {
		names[""] = true
	}
	if q.SpeakerText != nil {
		names[Fold(*q.SpeakerText)] = true
	} else {
		names[""] = true
	}
	gs := Fold(*g.Speaker)
	if names[gs] {
		return true
	}
	words := strings.Split(gs, " ")
	for n := range names {
		if n == "" {
			continue
		}
		for _, w := range words {
			if n == w {
				return true
			}
		}
		if runeLen(n) > 3 && strings.Contains(gs, n) || runeLen(gs) > 3 && strings.Contains(n, gs) {
			return true
		}
	}
	return false
}

// cueRight reports whether the folded cues p and g agree: equal, or one a
// run of whole words of the other.
func cueRight(p, g string) bool {
	if p == "" || g == "" {
		return false
	}
	return p == g || strings.Contains(" "+g+" ", " "+p+" ") || strings.Contains(" "+p+" ", " "+g+" ")
}

func speakerDesc(q PredQuote, e *PredEntity) string {
	var parts []string
	if e != nil {
		parts = append(parts, e.Name+" ("+e.Type+")")
	}
	if q.SpeakerText != nil {
		parts = append(parts, "«"+*q.SpeakerText+"»")
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " ")
}

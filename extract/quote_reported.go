package extract

import (
	"slices"

	"github.com/quidit/quidit/lexicon"
)

// reported adds reported speech outside quotation marks: "X affirme que …"
// (Indirect: the reported clause) and "selon X, …", "d'après X", "pour X, …",
// "aux yeux de X", "de source diplomatique" (AccordingTo: the statement the
// marker qualifies). A clause that is wholly a quote in marks is left to the
// quote.
//
// It reads only cues, tokens scanTokens listed (no other token opens a
// speech verb group or an "according to" marker), in text order: a.cues or
// those reportedCues keeps, which find the same.
func (a *quoteAnalysis) reported(cues []int32) {
	next := 0 // the first token past the last verb group read
	for _, c := range cues {
		i := int(c)
		if i < next || a.inq[i] >= 0 {
			continue
		}
		if q, ok := a.according(i); ok {
			a.add(q)
			continue
		}
		g, ok := a.speechAt(i)
		if !ok {
			continue
		}
		if q, ok := a.indirect(g); ok {
			a.add(q)
		}
		next = g.End
	}
}

// Bounds of a speech verb group found at token i (findSpeech): it ends at
// most maxGroupEnd tokens after i (g.End-i), and indirect looks for "que" in
// the queWindow tokens from its end. After an auxiliary at i, findSpeech
// reads words up to i+6 (an inverted pronoun, adverbs, negations) and a
// subject pronoun, so the verb stands at i+8 at most; a form of up to 3
// tokens from the verb and the link of a passive (comme, de) end the group
// at i+12. Without an auxiliary, a form of 3 tokens, a link and an inverted
// pronoun end it at i+5. TestGroupEnds and FuzzQuotes check the bound.
const (
	maxGroupEnd = 12
	queWindow   = 6
)

// reportedCues returns the cues reported must read, in text order: those
// that may add a quote, and the speech cues whose verb group may run past
// one of them (reported skips the cues inside a group it has read). A speech
// cue can add a quote only with "que" or "qu'" in the maxGroupEnd+queWindow-1
// tokens after it (indirect), which few have: the others are left out, and so
// is the work of finding their verb groups. Since reported skips a cue only
// when the group of an earlier cue it read, at most maxGroupEnd tokens
// before, runs over it, the cues kept are those that may add a quote and,
// going backwards, the speech cues at most maxGroupEnd tokens before a cue
// kept: reported finds the same quotes from them alone.
func (a *quoteAnalysis) reportedCues() []int32 {
	if !a.q.queOK {
		return a.cues // the quote finder does not know where "que" stands
	}
	out := a.needed[:0]
	near := len(a.d.Tokens) + maxGroupEnd // the nearest cue kept after the one read
	for k := len(a.cues) - 1; k >= 0; k-- {
		i := int(a.cues[k])
		m, id := a.speechMemo[i], a.ids[i]
		// m: 0 for a marker (no verb group starts there, accordingAt),
		// -1 for a token found to start no group
		verb := m == memoMayStart || m > 0
		if m == 0 || verb && (near <= i+maxGroupEnd || a.queAfter(i)) || a.q.startAccord && id >= 0 && a.q.accord[id>>6]&(1<<(id&63)) != 0 {
			out = append(out, int32(i))
			near = i
		}
	}
	slices.Reverse(out)
	a.needed = out
	return out
}

// queAfter reports whether "que" or "qu'" may stand in the tokens i+1 to
// i+maxGroupEnd+queWindow-1 (a.ques, when QuoteFinder.queOK).
func (a *quoteAnalysis) queAfter(i int) bool {
	lo, hi := i+1, min(i+maxGroupEnd+queWindow, len(a.d.Tokens)) // [lo, hi)
	for w := lo >> 6; w<<6 < hi; w++ {
		x := a.ques[w]
		if w == lo>>6 {
			x &= ^uint64(0) << (lo & 63)
		}
		if (w+1)<<6 > hi {
			x &= 1<<(hi&63) - 1
		}
		if x != 0 {
			return true
		}
	}
	return false
}

// add appends q unless it repeats a quote already found.
func (a *quoteAnalysis) add(q Quote) {
	for _, o := range a.d.Quotes {
		if o.Span == q.Span {
			return
		}
	}
	a.d.Quotes = append(a.d.Quotes, q)
	if q.Who != NoSpan || q.Speaker >= 0 {
		a.said = append(a.said, said{at: q.Start, sp: speakerRef{ent: q.Speaker, who: q.Who}})
	}
}

// clause returns the span of tokens [s, e) without a final point, or false
// when it is empty or is one quote in marks (left to the quote).
func (a *quoteAnalysis) clause(s, e int) (Span, bool) {
	toks := a.d.Tokens
	for e > s && (toks[e-1].Kind == Punct || toks[e-1].Norm == "»" && a.inq[e-1] < 0) && toks[e-1].Kind != CloseQuote {
		e--
	}
	for s < e && toks[s].Norm == "," {
		s++
	}
	if e-s < 2 {
		return Span{}, false
	}
	if ci := a.inq[s]; ci >= 0 {
		// the clause opens with a quote: it is the quote's, unless more follows
		c := &a.cands[ci]
		last := c.b
		if c.close >= 0 {
			last = c.close + 1
		}
		if last >= e-1 {
			return Span{}, false
		}
	}
	return Span{toks[s].Start, toks[e-1].End}, true
}

// indirect reads "X verb que CLAUSE" at verb group g.
func (a *quoteAnalysis) indirect(g verbGroup) (Quote, bool) {
	if g.Negated || g.Passive {
		return Quote{}, false
	}
	if g.Infinitive && a.key(g.Start-1) != "de" && a.key(g.Start-1) != "d'" {
		return Quote{}, false // il faut dire que, veut dire que
	}
	if g.Start == a.sent[g.Start] && g.Pron == "" {
		return Quote{}, false // Notez que …: an imperative, no one speaks
	}
	toks := a.d.Tokens
	end := a.sentEnd(g.Start)
	que := -1
	for t := g.End; t < end && t < g.End+6; t++ {
		k := a.key(t)
		if k == "que" || k == "qu'" {
			que = t
			break
		}
		if toks[t].Kind == Punct && k != "," || a.inq[t] >= 0 {
			break
		}
		if a.speaks(t) {
			break
		}
	}
	if que < 0 {
		return Quote{}, false
	}
	// stop the clause before a following incise or a second "selon"
	e := end
	for t := que + 1; t < end; t++ {
		if a.key(t) == ";" {
			e = t
			break
		}
	}
	span, ok := a.clause(que+1, e)
	if !ok {
		return Quote{}, false
	}
	sp := a.verbSubject(g, a.sent[g.Start], nil)
	return Quote{Span: span, Kind: Indirect, Speaker: sp.ent, Who: sp.who, Cue: Span{toks[g.Start].Start, toks[g.End-1].End}}, true
}

// according reads "selon X, STATEMENT" or "STATEMENT, selon X" at token i.
func (a *quoteAnalysis) according(i int) (Quote, bool) {
	toks := a.d.Tokens
	if !accordingKey(toks[i].Key) {
		return Quote{}, false // neither "de" nor an accordingAt marker: most tokens
	}
	var (
		sp  speakerRef
		e   int
		cue Span
	)
	lo, hi := a.sent[i], a.sentEnd(i)
	if a.key(i) == "de" && (a.key(i+1) == "source" || a.key(i+1) == "sources") && i+2 < hi && toks[i+2].Kind == Word && !toks[i+2].Cap() {
		// de source diplomatique, de sources proches du dossier
		e = i + 3
		for e < hi && e < i+7 && toks[e].Kind != Punct && a.inq[e] < 0 && !a.is(e, wNPStop) {
			e++
		}
		sp = speakerRef{ent: -1, who: Span{toks[i+1].Start, toks[e-1].End}}
		cue = Span{toks[i].Start, toks[i+1].End}
	} else {
		m, ok := a.accordingAt(i)
		if !ok {
			return Quote{}, false
		}
		if a.key(i) == "pour" && !(i == lo || a.key(i-1) == ",") {
			return Quote{}, false
		}
		cue = Span{toks[i].Start, toks[m-1].End}
		if a.key(m) == "ce" && (a.key(m+1) == "qu'" || a.key(m+1) == "que") {
			if g, ok := a.speechAt(m + 2); ok {
				cue.End = toks[g.End-1].End
				m = g.End
			}
		}
		sp = a.npAfter(m, hi)
		if !sp.ok() {
			return Quote{}, false
		}
		if a.key(i) == "pour" && (!a.commaAfterNP(m, hi) || !a.speakerLike(sp, m)) {
			return Quote{}, false
		}
		// the end of the speaker's phrase: the next comma, or the name's end
		e = m
		for e < hi && e < m+16 && a.key(e) != "," && a.inq[e] < 0 {
			e++
		}
		if sp.who != NoSpan && sp.who.End > toks[min(e, len(toks)-1)].Start {
			e = a.tokFrom(sp.who.End)
		}
	}
	// "selon X, STATEMENT" at the head of the sentence, or as an incise
	// ("En août, toujours selon X, STATEMENT"); else "STATEMENT selon X".
	head := true
	nw := 0 // words of the sentence before the marker, counted up to 4: no test below looks further
	for t := lo; t < i && nw <= 3; t++ {
		if toks[t].Kind == Word && !a.is(t, wAdverb) && a.key(t) != "toujours" && a.key(t) != "mais" && a.key(t) != "et" {
			nw++
		}
	}
	s := e
	if a.key(s) == "," {
		s++
	}
	if nw > 3 || a.key(e) != "," && nw > 0 || hi-s < 4 || a.key(s) == "qui" || a.key(s) == "que" || a.key(s) == "qu'" {
		head = false
	}
	// selon X, apposition, STATEMENT: skip the apposition
	if head && s < hi {
		j := s
		for j < hi && j < s+12 && a.key(j) != "," && a.inq[j] < 0 && toks[j].Kind != Punct {
			j++
		}
		if j < hi && a.key(j) == "," && j > s && (toks[s].Cap() || a.is(s, wDet) && !a.is(s, wNPLink)) && !a.is(j+1, wNPStop) && a.key(j+1) != "qui" {
			noVerb := true
			for t := s; t < j; t++ {
				if a.speaks(t) || a.is(t, wAux) {
					noVerb = false
					break
				}
			}
			if noVerb && (a.ment[s] >= 0 && a.d.Mentions[a.ment[s]].Type == lexicon.Person || !toks[s].Cap() && (a.key(s) == "un" || a.key(s) == "une")) {
				s = j + 1
			}
		}
	}
	var span Span
	var ok bool
	switch {
	case head && nw > 0 && lo+1 < i && a.is(lo, wDet) && !a.is(lo, wNPLink) && a.key(i-1) == "," && !toks[lo+1].Cap():
		// Le bilan, selon la préfecture, fait état …: the whole sentence
		span, ok = a.clause(lo, hi)
	case head:
		span, ok = a.clause(s, hi)
	default:
		span, ok = a.clause(lo, i)
	}
	if !ok {
		return Quote{}, false
	}
	return Quote{Span: span, Kind: AccordingTo, Speaker: sp.ent, Who: sp.who, Cue: cue}, true
}

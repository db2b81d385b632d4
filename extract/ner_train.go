package extract

import (
	"math"
	"math/rand/v2"
	"sort"

	"github.com/quidit/quidit/lexicon"
)

// TrainSpan is a gold name in a training document: byte offsets and type
// (Person, Location or Organization; other types are ignored).
type TrainSpan struct {
	Span
	Type lexicon.Type
}

// TrainDoc is an annotated document for TrainNER.
type TrainDoc struct {
	ID    string
	Text  string
	Names []TrainSpan // outermost names, byte offsets
}

// TrainStats reports what TrainNER saw.
type TrainStats struct {
	Docs, Tokens, Names int
	Misaligned          int // names whose bounds are not token bounds
	Uncovered           int // names whose first token is never a candidate
	Features            int // features kept in the model
	TrainErrors         []int
}

// minWeight is the smallest quantised weight (of a tag, in absolute value)
// that keeps a feature in the model. Features whose weights all stay under it
// barely move a score: leaving them out halves the model (483 → 254 KB) and
// its cache misses, with 2016 4-fold cross-validation micro F1 0.883 → 0.884
// and WiNER-fr 2017 unchanged (0.867).
const minWeight = 30

// minFeatureCount is the number of times a feature must be seen in training.
var minFeatureCount int32 = 2

// minHeadShare: the written model scores a lower-case word as a possible
// name start only if names start with it in at least one of every
// minHeadShare of its lower-case occurrences in the training text.
const minHeadShare = 100

// paC bounds the step of a passive-aggressive update (PA-I, Crammer et al.
// 2006). At each candidate token the gold tag must beat the best other tag
// by a margin of 1; when it does not, the weights of the token's features
// move towards the gold tag and away from that rival by the smallest step
// that restores the margin, at most paC. On WiNER-fr 2016 4-fold
// cross-validation it gives micro F1 0.874 → 0.881 (Organization 0.722 →
// 0.736, the same gain with another shuffling seed) over the perceptron with
// a fixed margin it replaces, and 2017 Organization 0.724 → 0.733.
const paC = 0.02

type trainRow struct {
	w, tot [nTags]float64
	ts     [nTags]int
}

// TrainNER trains the recogniser's perceptron on docs, analysed by x's
// pipeline up to the lexicon matcher, for iters passes in an order shuffled
// with seed. It returns the encoded model (the format embedded as
// extract/model/ner.bin). Training is deterministic.
func TrainNER(x *Extractor, docs []TrainDoc, iters int, seed uint64) ([]byte, TrainStats) {
	var st TrainStats
	type prepared struct {
		d    *Doc
		gold []uint8
	}
	var all []prepared
	lowCount := map[uint32]int{}
	headCount := map[uint32]int{}
	for _, td := range docs {
		d := &Doc{ID: td.ID, Text: td.Text}
		if x.check(td.Text, true) != nil {
			continue
		}
		x.segmenter.Segment(d)
		x.tokenizer.Tokenize(d)
		x.matcher.Match(d)
		gold := make([]uint8, len(d.Tokens))
		names := append([]TrainSpan(nil), td.Names...)
		sort.Slice(names, func(i, j int) bool { return names[i].Start < names[j].Start })
		for pass := 0; pass < 2; pass++ {
			k := 0
			for _, nm := range names {
				if tagOf(nm.Type, false) == tagO || (nm.Type == TrainMisc) != (pass == 1) {
					continue
				}
				if pass == 0 {
					st.Names++
				}
				for k < len(d.Tokens) && d.Tokens[k].End <= nm.Start {
					k++
				}
				if k == len(d.Tokens) || d.Tokens[k].Start != nm.Start {
					st.Misaligned++
				}
				firstTok := true
				for j := k; j < len(d.Tokens) && d.Tokens[j].Start < nm.End; j++ {
					if pass == 1 && gold[j] != tagO && tagTypes[gold[j]] != "" {
						firstTok = true // a name inside an event keeps its tags
						continue
					}
					if d.Tokens[j].End > nm.End && firstTok {
						st.Misaligned++
					}
					gold[j] = tagOf(nm.Type, !firstTok)
					if firstTok {
						if sh := shapeOf(&d.Tokens[j]); sh == shLower || sh == shLowHyph {
							headCount[uint32(hashString(d.Tokens[j].Key))]++
						}
					}
					firstTok = false
				}
			}
		}
		for i := range d.Tokens {
			if sh := shapeOf(&d.Tokens[i]); sh == shLower || sh == shLowHyph {
				lowCount[uint32(hashString(d.Tokens[i].Key))]++
			}
		}
		st.Docs++
		st.Tokens += len(d.Tokens)
		all = append(all, prepared{d, gold})
	}
	setOf := func(c map[uint32]int, minCount int) []uint32 {
		var out []uint32
		for h, n := range c {
			if n >= minCount {
				out = append(out, h)
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
		return out
	}
	lowVoc, lowHead := setOf(lowCount, 2), setOf(headCount, 2)
	mod := &nerModel{lowVoc: newHashSet(lowVoc), lowHead: newHashSet(lowHead)}
	// The tagger learns from every lower-case word that starts names, but
	// the model it writes scores only those that start a name at least once
	// in minHeadShare of their lower-case occurrences: "de" starts one in
	// 400 and makes a quarter of all candidates, yet the tagger, which
	// learnt that, never tags it so (not once in 36,000 OrangeSum articles).
	var runHead []uint32
	for _, h := range lowHead {
		if headCount[h]*minHeadShare >= lowCount[h] {
			runHead = append(runHead, h)
		}
	}

	weights := map[uint32]*trainRow{}
	now := 0
	update := func(h uint32, c uint8, delta float64) {
		r := weights[h]
		if r == nil {
			r = &trainRow{}
			weights[h] = r
		}
		r.tot[c] += float64(now-r.ts[c]) * r.w[c]
		r.ts[c] = now
		r.w[c] += delta
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9E3779B97F4A7C15))
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	s := new(nerScratch)
	kt := newKeyTable(x.matcher, nil)
	// Features seen fewer than minFeatureCount times on the gold path are
	// left out: they only memorise the training text.
	counts := map[uint32]int32{}
	for _, p := range all {
		d := p.d
		s.prepare(d, x.matcher, kt)
		prev, prev2 := tagO, tagO
		for i := range d.Tokens {
			if i > 0 && d.Tokens[i].Sentence != d.Tokens[i-1].Sentence {
				prev, prev2 = tagO, tagO
			}
			if s.candidate(d, mod, i, prev) {
				for _, h := range s.features(d, x.matcher, mod, i, prev, prev2, s.feats[:0]) {
					counts[h]++
				}
			}
			prev2, prev = prev, p.gold[i]
		}
	}
	for it := 0; it < iters; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for _, di := range order {
			p := all[di]
			d := p.d
			s.prepare(d, x.matcher, kt)
			prev, prev2 := tagO, tagO
			for i := range d.Tokens {
				if i > 0 && d.Tokens[i].Sentence != d.Tokens[i-1].Sentence {
					prev, prev2 = tagO, tagO
				}
				g := p.gold[i]
				t := tagO
				if s.candidate(d, mod, i, prev) {
					now++
					s.feats = s.features(d, x.matcher, mod, i, prev, prev2, s.feats[:0])
					kept := s.feats[:0]
					for _, h := range s.feats {
						if counts[h] >= minFeatureCount {
							kept = append(kept, h)
						}
					}
					s.feats = kept
					var sc [nTags]float64
					for _, h := range s.feats {
						if r := weights[h]; r != nil {
							for k := range sc {
								sc[k] += r.w[k]
							}
						}
					}
					best := math.Inf(-1)
					for k := uint8(0); k < nTags; k++ {
						if validNext(prev, k) && sc[k] > best {
							best, t = sc[k], k
						}
					}
					r := t // the rival: the predicted tag, or the best other one
					if t == g {
						second := math.Inf(-1)
						for k := uint8(0); k < nTags; k++ {
							if k != g && validNext(prev, k) && sc[k] > second {
								second, r = sc[k], k
							}
						}
					} else {
						errs++
					}
					if loss := 1 - (sc[g] - sc[r]); loss > 0 && r != g && len(s.feats) > 0 {
						tau := min(paC, loss/float64(2*len(s.feats)))
						for _, h := range s.feats {
							update(h, g, tau)
							update(h, r, -tau)
						}
					}
				} else if g != tagO {
					errs++
					if it == 0 && !isInside(g) {
						st.Uncovered++
					}
				}
				prev2, prev = prev, t
			}
		}
		st.TrainErrors = append(st.TrainErrors, errs)
	}
	// Average, quantise to int16, drop features whose weights are all small.
	keys := make([]uint32, 0, len(weights))
	maxAbs := 0.0
	avg := make(map[uint32][nTags]float64, len(weights))
	for h, r := range weights {
		var a [nTags]float64
		for k := range a {
			tot := r.tot[k] + float64(now-r.ts[k])*r.w[k]
			a[k] = tot / float64(max(now, 1))
			maxAbs = max(maxAbs, math.Abs(a[k]))
		}
		avg[h] = a
		keys = append(keys, h)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	scale := 1000.0
	if maxAbs*scale > 32000 {
		scale = 32000 / maxAbs
	}
	var kept []uint32
	var rows [][nTags]int16
	for _, h := range keys {
		a := avg[h]
		var q [nTags]int16
		nz := false
		for k := range a {
			q[k] = int16(math.Round(a[k] * scale))
			nz = nz || q[k] >= minWeight || q[k] <= -minWeight
		}
		if nz {
			kept = append(kept, h)
			rows = append(rows, q)
		}
	}
	st.Features = len(kept)
	return encodeModel(kept, rows, lowVoc, runHead), st
}

// UseNERModel makes x recognise names with the encoded model b (as TrainNER
// returns it) instead of the embedded one: for cross-validation. Call it
// before x is used.
func (x *Extractor) UseNERModel(b []byte) error {
	m, err := decodeModel(b)
	if err != nil {
		return err
	}
	x.recognizer.model, x.recognizer.err = m, nil
	return nil
}

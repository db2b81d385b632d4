package extract

import "unicode/utf8"

// Features of few values, read from tables instead of hashed.
//
// Half the features of a token take their values from small sets: the bias,
// the tags before it, shapes, lexicon codes, the word's length, first-name
// groups, the document flags, the organisation cues. For each of these
// templates (or a few together) the model keeps, by the values' index, the
// packed row of weights (or the sum of the rows) the hashed features would
// find. tag reads one such row where it would have mixed a hash, read two
// cuckoo slots and then the row; only the features of the words themselves
// (their hashes, suffixes, prefix and pairs) are hashed and looked up. The
// rows, like those of the hashed features (nerModel.diff), hold each tag's
// weight less that of O, in 16-bit lanes: the sums are exact, in whatever
// order rows are added (buildDiff checks that no lane can overflow), and
// are the scores of features and score less the score of O, which changes
// no comparison between tags.

// Index sizes of the direct tables.
const (
	nShapes  = int(shLowHyph) + 1
	nShp     = nShapes + 1 // shp's values: a shape, or out of the sentence (99)
	nLx      = 65          // lx's values: a lexicon code (below 64: see lexCode), or out of the sentence (99)
	nLen     = 13          // min(rune count, 12)
	nFlags   = 4           // docLower | docCapInside
	nOrgCue  = 3           // words before the cue
	nOrgTail = 4           // words to the tail (1 to 3)
)

// directTables holds the rows (as nerModel.diff's) of the features of few
// values.
type directTables struct {
	// core sums fBias, fShape, fPrev, fPrevShape, fPrev2 and fLowVoc, by
	// coreIndex
	core    [][2]uint64
	lex     [][2]uint64 // fLex by lx(i)
	lexM1   [][2]uint64 // fLexM1 by lx(i-1), lx(i+1)
	lexP1   [][2]uint64 // fLexP1 by lx(i+1), shape
	shapes  [][2]uint64 // fShapes by shp(i-1), shape, shp(i+1)
	length  [][2]uint64 // fLen by length, shape
	first   [][2]uint64 // fFirstName by group, shp(i+1)
	firstM1 [][2]uint64 // fFirstNameM1 by group, shape
	doc     [][2]uint64 // fDoc by flags, first
	orgCue  [][2]uint64 // fOrgCue by words before, shape
	orgTail [][2]uint64 // fOrgTail by words to the tail
	paren   [][2]uint64 // fParen by shape
}

// coreFeatures is the number of features core sums.
const coreFeatures = 6

func coreIndex(prev, prev2 uint8, sh uint8, first, low uint64) int {
	return ((int(prev)*int(nTags)+int(prev2))*nShapes+int(sh))*4 + int(first)*2 + int(low)
}

// shpValue is the value of index k of shp (and lxValue of lx): the values
// in order, then 99.
func shpValue(k int) uint64 {
	if k == nShp-1 {
		return 99
	}
	return uint64(k)
}

func lxValue(k int) uint64 {
	if k == nLx-1 {
		return 99
	}
	return uint64(k)
}

// shpIndex and lxIndex are the indexes of a value of shp and lx.
func shpIndex(v uint64) int { return int(min(v, uint64(nShp-1))) }
func lxIndex(v uint64) int  { return int(min(v, uint64(nLx-1))) }

// packedRow returns the packed weights of feature h (zeros when absent).
func (m *nerModel) packedRow(h uint32) [3]uint64 { return m.packed[m.find(max(h, 1))] }

// table returns the difference rows (diffRow) of n feature hashes, and adds
// their largest difference to m.directMax.
func (m *nerModel) table(n int, hash func(k int) uint32) [][2]uint64 {
	t := make([][2]uint64, n)
	mx := int64(0)
	for k := range t {
		var v int64
		t[k], v = diffRow(m.packedRow(hash(k)))
		mx = max(mx, v)
	}
	m.directMax += mx
	return t
}

// diffRow returns packed row p (see scorePacked) as a row of nerModel.diff
// (each tag's weight less that of O), and its largest absolute difference
// (if 2^15 or more, the row is wrong, and buildDiff leaves diff nil).
func diffRow(p [3]uint64) ([2]uint64, int64) {
	var w [nTags]int32
	unpackScores(p, &w)
	var r [2]uint64
	mx := int64(0)
	for k := 1; k < int(nTags); k++ {
		v := int64(w[k]) - int64(w[tagO])
		mx = max(mx, v, -v)
		r[(k-1)/4] += uint64(v) << (16 * ((k - 1) % 4))
	}
	return r, mx
}

// buildDirect fills m.direct from m's weights.
func (m *nerModel) buildDirect() {
	t := &m.direct
	m.directMax = 0
	t.core = make([][2]uint64, int(nTags)*int(nTags)*nShapes*4)
	coreMax := int64(0)
	for p := uint8(0); p < nTags; p++ {
		for p2 := uint8(0); p2 < nTags; p2++ {
			for sh := uint8(0); int(sh) < nShapes; sh++ {
				for first := uint64(0); first < 2; first++ {
					for low := uint64(0); low < 2; low++ {
						var sum [3]uint64
						for _, h := range [coreFeatures]uint32{
							mix(fBias, 0, 0),
							mix(fShape, uint64(sh), first),
							mix(fPrev, uint64(p), 0),
							mix(fPrevShape, uint64(p), uint64(sh)),
							mix(fPrev2, uint64(p), uint64(p2)),
							mix(fLowVoc, low, first<<8|uint64(sh)),
						} {
							r := m.packedRow(h)
							sum[0], sum[1], sum[2] = sum[0]+r[0], sum[1]+r[1], sum[2]+r[2]
						}
						var v int64
						t.core[coreIndex(p, p2, sh, first, low)], v = diffRow(sum)
						coreMax = max(coreMax, v)
					}
				}
			}
		}
	}
	m.directMax += coreMax
	t.lex = m.table(nLx, func(k int) uint32 { return mix(fLex, lxValue(k), 0) })
	t.lexM1 = m.table(nLx*nLx, func(k int) uint32 { return mix(fLexM1, lxValue(k/nLx), lxValue(k%nLx)) })
	t.lexP1 = m.table(nLx*nShapes, func(k int) uint32 { return mix(fLexP1, lxValue(k/nShapes), uint64(k%nShapes)) })
	t.shapes = m.table(nShp*nShapes*nShp, func(k int) uint32 {
		a, sh, b := k/(nShapes*nShp), k/nShp%nShapes, k%nShp
		return mix(fShapes, shpValue(a)<<16|uint64(sh)<<8|shpValue(b), 0)
	})
	t.length = m.table(nLen*nShapes, func(k int) uint32 { return mix(fLen, uint64(k/nShapes), uint64(k%nShapes)) })
	t.first = m.table(256*nShp, func(k int) uint32 { return mix(fFirstName, uint64(k/nShp), shpValue(k%nShp)) })
	t.firstM1 = m.table(256*nShapes, func(k int) uint32 { return mix(fFirstNameM1, uint64(k/nShapes), uint64(k%nShapes)) })
	t.doc = m.table(nFlags*2, func(k int) uint32 { return mix(fDoc, uint64(k/2), uint64(k%2)) })
	t.orgCue = m.table(nOrgCue*nShapes, func(k int) uint32 { return mix(fOrgCue, uint64(k/nShapes), uint64(k%nShapes)) })
	t.orgTail = m.table(nOrgTail, func(k int) uint32 { return mix(fOrgTail, uint64(k), 0) })
	t.paren = m.table(nShapes, func(k int) uint32 { return mix(fParen, uint64(k), 0) })
}

// scoreToken sets sc to the scores of token i given the two previous tags,
// as features and score compute them: the features of few values come from
// the direct tables, the others are hashed (into an array on the stack) and
// looked up.
func (s *nerScratch) scoreToken(d *Doc, m *Matcher, mod *nerModel, i int, prev, prev2 uint8, sc *[nTags]int32) {
	t := &d.Tokens[i]
	sent := t.Sentence
	n := len(d.Tokens)
	// the words, shapes and lexicon codes around i (noTok, 99 and 99 out
	// of its sentence)
	wm2, wm1, wp1, wp2 := uint64(noTok), uint64(noTok), uint64(noTok), uint64(noTok)
	shpm1, shpp1, lxm1, lxp1 := uint64(99), uint64(99), uint64(99), uint64(99)
	inM1 := i > 0 && d.Tokens[i-1].Sentence == sent
	if inM1 {
		wm1, shpm1, lxm1 = s.hk[i-1], uint64(s.shape[i-1]), uint64(s.lex[i-1])
		if i > 1 && d.Tokens[i-2].Sentence == sent {
			wm2 = s.hk[i-2]
		}
	}
	if i+1 < n && d.Tokens[i+1].Sentence == sent {
		wp1, shpp1, lxp1 = s.hk[i+1], uint64(s.shape[i+1]), uint64(s.lex[i+1])
	}
	if i+2 < n && d.Tokens[i+2].Sentence == sent {
		wp2 = s.hk[i+2]
	}
	dt := &mod.direct
	w0 := s.hk[i]
	shape := s.shape[i]
	if int(shape) >= nShapes || mod.diff == nil {
		// (never: every shape is below nShapes, and the model's weights
		// fit diff's lanes)
		s.feats = s.features(d, m, mod, i, prev, prev2, s.feats[:0])
		mod.score(s.feats, sc)
		return
	}
	p := uint64(prev)
	first := uint64(0)
	if s.first[i] {
		first = 1
	}
	low := uint64(0)
	if s.inLowVoc(mod, i) {
		low = 1
	}
	lx0 := uint64(s.lex[i])
	feats := [hashedFeatures]uint32{
		mix(fW0, w0, 0),
		mix(fWm1, wm1, 0),
		mix(fWp1, wp1, 0),
		mix(fWm2, wm2, 0),
		mix(fWp2, wp2, 0),
		mix(fSuf3, suffixHash(t.Key, 3), 0),
		mix(fSuf4, suffixHash(t.Key, 4), 0),
		mix(fPre3, hashString(t.Key[:min(3, len(t.Key))]), 0),
		mix(fPrevW0, p, w0),
		mix(fWm1W0, wm1, w0),
		mix(fW0Wp1, w0, wp1),
		mix(fWm1Wp1, wm1, wp1),
		mix(fLexW0, lx0, w0),
	}
	acc := lanes{}.plus(&dt.core[coreIndex(prev, prev2, shape, first, low)])
	acc = acc.plus(&dt.lex[lxIndex(lx0)])
	acc = acc.plus(&dt.lexM1[lxIndex(lxm1)*nLx+lxIndex(lxp1)])
	acc = acc.plus(&dt.lexP1[lxIndex(lxp1)*nShapes+int(shape)])
	acc = acc.plus(&dt.shapes[(shpIndex(shpm1)*nShapes+int(shape))*nShp+shpIndex(shpp1)])
	acc = acc.plus(&dt.length[min(utf8.RuneCountInString(t.Key), nLen-1)*nShapes+int(shape)])
	if capital(shape) {
		if g := s.fn[i]; g != 0 {
			acc = acc.plus(&dt.first[int(g)*nShp+shpIndex(shpp1)])
		}
	}
	if inM1 && capital(s.shape[i-1]) {
		if g := s.fn[i-1]; g != 0 {
			acc = acc.plus(&dt.firstM1[int(g)*nShapes+int(shape)])
		}
	}
	if capital(shape) {
		acc = acc.plus(&dt.doc[int(s.docFlagsOf(i)&(nFlags-1))*2+int(first)])
	}
	for j, k := i-1, 0; j >= 0 && k < 3 && d.Tokens[j].Sentence == sent; j-- {
		if s.cls[j]&cModelCue != 0 {
			acc = acc.plus(&dt.orgCue[k*nShapes+int(shape)])
			break
		}
		if s.shape[j] != shElision && s.shape[j] != shQuote && s.cls[j]&cWeakLead == 0 {
			k++
		}
	}
	if capital(shape) || shape == shInnerCap {
		for j := i + 1; j < i+4 && j < n && d.Tokens[j].Sentence == sent; j++ {
			if s.cls[j]&cModelTail != 0 && (capital(s.shape[j]) || s.shape[j] == shInnerCap) {
				acc = acc.plus(&dt.orgTail[j-i])
				break
			}
			if !capital(s.shape[j]) && s.shape[j] != shInnerCap && d.Tokens[j].Key != "et" && d.Tokens[j].Key != "&" {
				break
			}
		}
	}
	if i > 0 && i+1 < n && d.Tokens[i-1].Norm == "(" && d.Tokens[i+1].Norm == ")" {
		acc = acc.plus(&dt.paren[shape])
	}
	var rows [len(feats)]uint32
	mod.findRows(feats[:], rows[:])
	diff := mod.diff
	for _, r := range rows {
		acc = acc.plus(&diff[r])
	}
	setDiffs(acc, sc)
}

// lanes is a sum of rows of nerModel.diff, which the compiler keeps in
// registers: a struct of two words, where an array lives in memory.
type lanes struct{ d0, d1 uint64 }

// plus returns l with row r added.
func (l lanes) plus(r *[2]uint64) lanes { return lanes{l.d0 + r[0], l.d1 + r[1]} }

// hashedFeatures is the number of features scoreToken hashes and looks up.
const hashedFeatures = 13

// setDiffs sets sc to the scores l holds: 0 for O, the eight 16-bit lanes
// of l for the other tags.
func setDiffs(l lanes, sc *[nTags]int32) {
	sc[tagO] = 0
	for k := 1; k < 5; k++ {
		v := int64(int16(l.d0)) // the low lane, sign-extended
		sc[k] = int32(v)
		l.d0 = uint64((int64(l.d0) - v) >> 16)
	}
	for k := 5; k < int(nTags); k++ {
		v := int64(int16(l.d1))
		sc[k] = int32(v)
		l.d1 = uint64((int64(l.d1) - v) >> 16)
	}
}

// buildDiff fills m.diff, after buildDirect: row r holds w[r][k] -
// w[r][tagO] for the tags k from 1 to 8, four 16-bit lanes a word; the rows
// from len(w) are zeros. It leaves m.diff nil when the rows scoreToken may
// add (one of each direct table, hashedFeatures of diff) could overflow a
// lane.
func (m *nerModel) buildDiff() {
	diff := make([][2]uint64, len(m.packed))
	mx := int64(0)
	for r, w := range m.w {
		for k := 1; k < int(nTags); k++ {
			v := int64(w[k]) - int64(w[tagO])
			mx = max(mx, v, -v)
			diff[r][(k-1)/4] += uint64(v) << (16 * ((k - 1) % 4))
		}
	}
	if m.directMax+hashedFeatures*mx < 1<<15 {
		m.diff = diff
	}
}

package extract

import (
	"math"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/quidit/quidit/lexicon"
)

// refTag is tag as it was before it jumped over non-candidates: every token
// asks candidate.
func refTag(s *nerScratch, d *Doc, m *Matcher, mod *nerModel) []uint8 {
	tags := make([]uint8, len(d.Tokens))
	var sc [nTags]int32
	prev, prev2 := tagO, tagO
	for i := range d.Tokens {
		if i > 0 && d.Tokens[i].Sentence != d.Tokens[i-1].Sentence {
			prev, prev2 = tagO, tagO
		}
		t := tagO
		if s.candidate(d, mod, i, prev) {
			s.feats = s.features(d, m, mod, i, prev, prev2, s.feats[:0])
			mod.score(s.feats, &sc)
			best := int32(math.MinInt32)
			for k := uint8(0); k < nTags; k++ {
				if validNext(prev, k) && sc[k] > best {
					best, t = sc[k], k
				}
			}
		}
		tags[i] = t
		prev2, prev = prev, t
	}
	return tags
}

// TestPrepareAndTag checks that prepare's per-token hashes, classes and
// word-set bits read from the key table equal those computed from the key,
// that its shapes are shapeOf's, that the document flags of a capitalised
// word tell how the document writes it elsewhere, that it lists the tokens
// where the rule passes start, that a title starts only where startsTitle
// says it may, and that tag, which jumps over the tokens that cannot be
// scored, tags every token (at its offsets) as scoring each candidate in
// turn does.
func TestPrepareAndTag(t *testing.T) {
	x := newTestExtractor(t)
	texts := []string{
		"Le président Emmanuel Macron a reçu à Paris le chef de l'Organisation mondiale de la santé (OMS).",
		"Les salariés d'Air France Mardi ont fait grève. France Dimanche titre sur le ministère de la Justice.",
		"« Nous irons », a dit M. Jean-Yves Le Drian, lundi, devant l'armée de terre et l'université de Lille.",
		"ONU, G20 : l'iPhone et McCain ; la rue de Rivoli, le quotidien Bild et Turkish Airlines - puis rien.",
		"",
		"a b c",
		"M. Fillon et Mme Royal, le général de Gaulle, le président Emmanuel Macron et Dr House.",
		"Le Monde et le monde. Monde en marche. LE MONDE ; Paris, paris et PARIS à Lyon.",
		"Monde, et le reste : Lyon, Paris, Rome, Berlin, Madrid, Londres, Oslo, Vienne, Prague, Kiev, Lima.",
		"L'État a été là à 9 h : A7, l'A86, CNRS-CEA, Ève, ÉLYSÉE, œuvre, naïf, l'Opinion 2024.",
		// keys out of the vocabulary, capitalised and in lower case
		"Zorglubia et zorglubia. Zorglubia, puis Xyloquin ; xyloquin et XYLOQUIN. Brontavel.",
		"brontavel : Brontavel, Quiproquet quiproquet Quiproquet.",
	}
	titles := 0
	s := new(nerScratch) // kept from text to text: nothing of one may show in the next
	for _, text := range texts {
		titles += checkPrepareAndTag(t, x, s, text)
	}
	if titles == 0 {
		t.Error("no title in the texts: startsTitle went untested")
	}
}

// FuzzPrepareAndTag runs the checks of TestPrepareAndTag on arbitrary text.
func FuzzPrepareAndTag(f *testing.F) {
	for _, s := range []string{
		"Le président Emmanuel Macron a reçu à Paris le chef de l'OMS (Organisation mondiale de la santé).",
		"L'État, l'A86 et la RN 7 : M. Le Drian, le Monde et le monde, Air France Mardi.",
		"« Oui », a-t-il dit. ÉLYSÉE ; œuvre ; iPhone ; 4D ; G20 ; l'Opinion ; Mme Royal.",
	} {
		f.Add(s)
	}
	lex, err := lexicon.Default()
	if err != nil {
		f.Fatal(err)
	}
	x, err := New(lex)
	if err != nil || x.recognizer.model == nil {
		f.Fatalf("no extractor with a model: %v", err)
	}
	s := new(nerScratch)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		checkPrepareAndTag(t, x, s, text)
	})
}

// checkPrepareAndTag makes the checks of TestPrepareAndTag on text with
// scratch s, and returns how many titles it holds.
func checkPrepareAndTag(t *testing.T, x *Extractor, s *nerScratch, text string) (titles int) {
	t.Helper()
	mod := x.recognizer.model
	{
		d := &Doc{Text: text}
		x.segmenter.Segment(d)
		x.tokenizer.Tokenize(d)
		x.matcher.Match(d)
		s.prepare(d, x.matcher, x.recognizer.keys)
		for i, tk := range d.Tokens {
			h := hashString(tk.Key)
			if s.hk[i] != h || s.cls[i] != classOf(h, tk.Key) {
				t.Errorf("%q [%d,%d): hash %x classes %b, want %x %b", tk.Key, tk.Start, tk.End, s.hk[i], s.cls[i], h, classOf(h, tk.Key))
			}
			if got, want := s.fn[i], x.matcher.firstName(s.ids[i]); got != want {
				t.Errorf("%q [%d,%d): first-name group %d, want %d", tk.Key, tk.Start, tk.End, got, want)
			}
			if got, want := s.inLowVoc(mod, i), mod.lowVoc.has(uint32(h)); got != want {
				t.Errorf("%q [%d,%d): inLowVoc %v, want %v", tk.Key, tk.Start, tk.End, got, want)
			}
			if got, want := s.shape[i], shapeOf(&d.Tokens[i]); got != want {
				t.Errorf("%q [%d,%d): shape %d, want %d", tk.Norm, tk.Start, tk.End, got, want)
			}
			if got, want := s.cand[i], s.candidate(d, mod, i, tagO); got != want {
				t.Errorf("%q [%d,%d): cand %v, want %v", tk.Key, tk.Start, tk.End, got, want)
			}
		}
		for i, tk := range d.Tokens { // how the document writes a capitalised word
			if !capital(s.shape[i]) {
				continue
			}
			want := uint8(0)
			for j, o := range d.Tokens {
				if o.Key != tk.Key {
					continue
				}
				if sh := s.shape[j]; sh == shLower || sh == shLowHyph {
					want |= docLower
				} else if capital(sh) && !s.first[j] {
					want |= docCapInside
				}
			}
			if got := s.docFlagsOf(i); got != want {
				t.Errorf("%q [%d,%d): document flags %b, want %b", tk.Norm, tk.Start, tk.End, got, want)
			}
		}
		var cues, parens, caps, upper []int32
		for i, tk := range d.Tokens {
			if tk.Cap() {
				upper = append(upper, int32(i))
			}
			if sh := s.shape[i]; capital(sh) || sh == shAlnum {
				caps = append(caps, int32(i))
			}
			if s.cls[i]&cueClasses != 0 {
				cues = append(cues, int32(i))
			}
			if tk.Norm == "(" {
				parens = append(parens, int32(i))
			}
		}
		if !slices.Equal(s.cues, cues) || !slices.Equal(s.parens, parens) || !slices.Equal(s.caps, caps) || !slices.Equal(s.upper, upper) {
			t.Errorf("%q: cues %v parens %v caps %v upper %v, want %v %v %v %v", text, s.cues, s.parens, s.caps, s.upper, cues, parens, caps, upper)
		}
		for i, tk := range d.Tokens { // the recogniser asks Title only where startsTitle
			n, _ := x.matcher.Title(d.Tokens[i:])
			if n > 0 && !x.matcher.startsTitle(s.ids[i]) {
				t.Errorf("%q [%d,%d): a title of %d tokens starts here, startsTitle false", tk.Norm, tk.Start, tk.End, n)
			}
			if n > 0 {
				titles++
			}
		}
		want := refTag(s, d, x.matcher, mod)
		s.tag(d, x.matcher, mod)
		for i, tk := range d.Tokens {
			if s.tags[i] != want[i] {
				t.Errorf("%q [%d,%d): tag %d, want %d", tk.Norm, tk.Start, tk.End, s.tags[i], want[i])
			}
		}
	}
	return titles
}

// TestScoreToken checks that scoreToken, which reads the features of few
// values from the direct tables and adds the differences of the hashed
// features' rows (nerModel.diff), scores every token of varied texts, after
// every pair of previous tags, as features and score do (each score less
// that of O: the differences leave out the same sum from every score), and
// that the direct tables hold the rows the hashed features find.
func TestScoreToken(t *testing.T) {
	x := newTestExtractor(t)
	mod := x.recognizer.model
	if mod == nil {
		t.Skip("no model")
	}
	if mod.diff == nil {
		t.Fatal("no difference rows: a sum of the model's weights could overflow a 16-bit lane")
	}
	texts := []string{
		"Le président Emmanuel Macron a reçu à Paris le chef de l'Organisation mondiale de la santé (OMS).",
		"« Nous irons », a dit M. Jean-Yves Le Drian, lundi, devant l'armée de terre et l'université de Lille.",
		"ONU, G20 : l'iPhone et McCain ; la rue de Rivoli, le quotidien Bild et Turkish Airlines - puis rien.",
		"La compagnie Turkish Airlines et Oddo et Cie, chez Yves Rocher (YR) : Jean Dupont, Marie Curie.",
		"a b c",
		"PARIS (AFP) - Le Monde et le monde. Monde en marche. LE MONDE ; Paris, paris et PARIS à Lyon.",
	}
	s := new(nerScratch)
	for _, text := range texts {
		d, _ := x.Extract("t", text)
		d.Mentions = slices.DeleteFunc(d.Mentions, func(m Mention) bool { return m.Via == ViaPattern || m.Via == ViaCoref })
		s.prepare(d, x.matcher, x.recognizer.keys)
		for i, tk := range d.Tokens {
			for prev := range nTags {
				for prev2 := range nTags {
					var got, want [nTags]int32
					s.scoreToken(d, x.matcher, mod, i, prev, prev2, &got)
					mod.score(s.features(d, x.matcher, mod, i, prev, prev2, nil), &want)
					// the same scores less one sum (that of the hashed
					// features' weights of O: see nerModel.diff)
					og, ow := got[tagO], want[tagO]
					for k := range got {
						got[k] -= og
						want[k] -= ow
					}
					if got != want {
						t.Fatalf("%q [%d,%d) after %d %d: scoreToken %v, want %v (less the score of O)", tk.Norm, tk.Start, tk.End, prev, prev2, got, want)
					}
				}
			}
		}
	}
	if got, want := mod.direct.doc[3*2+1], diffOf(mod.packedRow(mix(fDoc, 3, 1))); got != want {
		t.Errorf("direct doc row %v, want %v", got, want)
	}
	if got, want := mod.direct.shapes[(shpIndex(99)*nShapes+int(shCap))*nShp+shpIndex(uint64(shLower))], diffOf(mod.packedRow(mix(fShapes, 99<<16|uint64(shCap)<<8|uint64(shLower), 0))); got != want {
		t.Errorf("direct shapes row %v, want %v", got, want)
	}
}

// diffOf is diffRow's row.
func diffOf(p [3]uint64) [2]uint64 {
	r, _ := diffRow(p)
	return r
}

// TestSetDiffs checks that setDiffs reads back sums of rows packed as
// buildDiff packs them, lanes of either sign up to the bounds of 16 bits
// included, with 0 for O.
func TestSetDiffs(t *testing.T) {
	tests := []struct {
		name string
		rows [][nTags - 1]int64 // a row's values for tags 1 to 8
	}{
		{"none", nil},
		{"one", [][nTags - 1]int64{{1, -1, 2, -2, 3, -3, 4, -4}}},
		{"bounds", [][nTags - 1]int64{{32767, -32768, 0, -1, 1, 32767, -32768, -1}}},
		{"carries", [][nTags - 1]int64{
			{-1000, 1000, -1000, 1000, -1000, 1000, -1000, 1000},
			{-1000, -1000, 1000, 1000, -1, -1, -1, -1},
			{-30000, 30000, -30000, 30000, -30000, 30000, -30000, 30000},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l lanes
			var want [nTags]int32
			for _, r := range tt.rows {
				var row [2]uint64
				for k, v := range r {
					row[k/4] += uint64(v) << (16 * (k % 4))
					want[k+1] += int32(v)
				}
				l = l.plus(&row)
			}
			got := [nTags]int32{7, 7, 7, 7, 7, 7, 7, 7, 7}
			setDiffs(l, &got)
			if got != want {
				t.Errorf("setDiffs = %v, want %v", got, want)
			}
		})
	}
}

// TestNextTag checks nextTag against a loop over the tags, on runs of O
// shorter and longer than eight, from every starting point.
func TestNextTag(t *testing.T) {
	for _, tags := range [][]uint8{
		nil,
		{tagO},
		{tagBPer},
		{tagO, tagO, tagO, tagBOrg, tagIOrg},
		{tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO},
		{tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagBLoc},
		{tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagBMisc, tagO, tagO},
		{tagBPer, tagIPer, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagO, tagBOrg},
	} {
		for i := 0; i <= len(tags); i++ {
			want := i
			for want < len(tags) && tags[want] == tagO {
				want++
			}
			if got := nextTag(tags, i); got != want {
				t.Errorf("nextTag(%v, %d) = %d, want %d", tags, i, got, want)
			}
		}
	}
}

// TestCapitalAZ checks capitalAZ against shapeOf: it says true only of a
// word shapeOf calls shCap, and of the common ones (a capital, then the
// key's letters).
func TestCapitalAZ(t *testing.T) {
	for _, c := range []struct {
		norm, key string
		want      bool
	}{
		{"Paris", "paris", true},
		{"Le", "le", true},
		{"Zurich", "zurich", true},
		{"A", "a", false},         // shOneCap
		{"PARIS", "paris", false}, // shAllCaps
		{"McCain", "mccain", false},
		{"paris", "paris", false},
		{"Élysée", "elysee", false}, // not an ASCII capital (shapeOf's answer is read the long way)
		{"Paris", "parisx", false},
		{"Pariz", "paris", false},
		{"", "", false},
		{"Straße", "straße", true}, // a Latin-1 lower-case letter of the key
	} {
		if got := capitalAZ(c.norm, c.key); got != c.want {
			t.Errorf("capitalAZ(%q, %q) = %v, want %v", c.norm, c.key, got, c.want)
		}
		if sh := shapeOf(&Token{Kind: Word, Norm: c.norm, Key: c.key}); c.want && sh != shCap {
			t.Errorf("capitalAZ(%q, %q) is true, but shapeOf says %d", c.norm, c.key, sh)
		}
	}
}

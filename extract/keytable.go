package extract

// keyTable holds, for every key of the matcher's vocabulary, what the
// recogniser's prepare computes for a token's key: its hash (hashString),
// its word classes (classOf), whether the model's word sets hold it and its
// first-name group (Matcher.firstName, which the tagger asks of capitalised
// words: read here, with the rest, it costs no look-up of its own). Six
// tokens in ten have a key of the vocabulary (Matcher.keyIDs has already
// looked them up): for them prepare reads one entry instead of hashing the
// key and probing the class table. The other keys are hashed, and only the
// few list keys outside the vocabulary (rare) are looked for.
type keyTable struct {
	byID []keyInfo
	rare *keyClasses[uint32] // the classes of the list keys outside the vocabulary
	mod  *nerModel           // the model whose word sets the low bits tell; nil: none
}

// keyInfo is what keyTable knows of one vocabulary key.
type keyInfo struct {
	h   uint64 // hashString(key)
	cls uint32 // classOf(h, key)
	low uint8  // keyLowVoc, keyLowHead (with a model), keyInVocab, keyAZ
	fn  uint8  // Matcher.firstName
}

// Bits of keyInfo.low and nerScratch.low.
const (
	keyLowVoc   = 1 << iota // in the model's lowVoc
	keyLowHead              // in the model's lowHead
	keyInVocab              // a key of the vocabulary (in the table)
	keyAZ                   // isLowerLatin(key)
	keyVocKnown             // keyLowVoc is known (nerScratch.low of a capitalised word out of the vocabulary)
	keyKnown    = 1 << 7    // keyLowVoc and keyLowHead are known (the table has a model)
)

// newKeyTable returns the table of m's vocabulary, with the word sets of mod
// (which may be nil).
func newKeyTable(m *Matcher, mod *nerModel) *keyTable {
	kt := &keyTable{byID: make([]keyInfo, len(m.vocab)), mod: mod}
	for k, id := range m.vocab {
		if id < 0 || int(id) >= len(kt.byID) {
			continue
		}
		h := hashString(k)
		in := keyInfo{h: h, cls: classOf(h, k), low: keyInVocab, fn: m.firstName(id)}
		if isLowerLatin(k) {
			in.low |= keyAZ
		}
		if mod != nil {
			if mod.lowVoc.has(uint32(h)) {
				in.low |= keyLowVoc
			}
			if mod.lowHead.has(uint32(h)) {
				in.low |= keyLowHead
			}
		}
		kt.byID[id] = in
	}
	rare := map[string]uint32{}
	for k, c := range wordClassKeys() {
		if _, ok := m.vocab[k]; !ok {
			rare[k] = c
		}
	}
	kt.rare = newKeyClasses(rare, hashString)
	return kt
}

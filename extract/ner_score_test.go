package extract

import (
	"math/rand/v2"
	"testing"
)

// scoreSlow is score one weight at a time, from a map of the weights: the
// reference of the table look-ups and of the packed sums.
func scoreSlow(ref map[uint32][nTags]int16, feats []uint32, sc *[nTags]int32) {
	*sc = [nTags]int32{}
	for _, h := range feats {
		if r, ok := ref[max(h, 1)]; ok {
			for k := range sc {
				sc[k] += int32(r[k])
			}
		}
	}
}

// TestScorePacked checks the packed sums of score against scoreSlow, with
// weights at the ends of the int16 range, absent features and colliding
// slots, up to the most features score packs and beyond.
func TestScorePacked(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 500
	feats := make([]uint32, n)
	w := make([][nTags]int16, n)
	extremes := []int16{-32768, 32767, -1, 0, 1}
	for i := range feats {
		feats[i] = rng.Uint32()&0xffff | 1 // many collisions on a small table
		for k := range w[i] {
			w[i][k] = extremes[rng.IntN(len(extremes))]
		}
	}
	feats[0] = 0                     // hash 0 is stored as 1
	ref := map[uint32][nTags]int16{} // the last weights of a hash count, as in decodeModel
	for i, h := range feats {
		ref[max(h, 1)] = w[i]
	}
	mod, err := decodeModel(encodeModel(feats, w, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	for trial := range 2000 {
		k := rng.IntN(3*mod.maxPacked + 3) // one packed run, and several
		fs := make([]uint32, k)
		for j := range fs {
			switch rng.IntN(4) {
			case 0:
				fs[j] = rng.Uint32() // mostly absent
			case 1:
				fs[j] = feats[0] // the same weights many times
			default:
				fs[j] = feats[rng.IntN(n)]
			}
		}
		if trial%3 == 0 { // the extreme sums: one row, as often as allowed
			for j := range fs {
				fs[j] = feats[1]
			}
		}
		var got, want [nTags]int32
		mod.score(fs, &got)
		scoreSlow(ref, fs, &want)
		if got != want {
			t.Fatalf("features %x: score %v, want %v", fs, got, want)
		}
	}
}

// TestHashSet checks membership through the filter: every member is found,
// and the answers on other hashes agree with a map.
func TestHashSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 100, 128, 5000} {
		members := map[uint32]bool{}
		var hs []uint32
		for range n {
			h := rng.Uint32()
			if len(hs)%7 == 0 {
				h &= 0xff // clustered low hashes, and 0
			}
			hs = append(hs, h)
			members[max(h, 1)] = true
		}
		s := newHashSet(hs)
		for _, h := range hs {
			if !s.has(h) {
				t.Errorf("n=%d: member %#x not found", n, h)
			}
		}
		for range 20000 {
			h := rng.Uint32() & 0xffff
			if s.has(h) != members[max(h, 1)] {
				t.Errorf("n=%d: has(%#x) = %v, want %v", n, h, s.has(h), members[max(h, 1)])
			}
		}
	}
	var zero hashSet
	if zero.has(1) {
		t.Error("the zero set has 1")
	}
}

// TestScorePackedModel checks that the embedded model packs the longest
// feature lists (30 features today) in one run.
func TestScorePackedModel(t *testing.T) {
	mod, err := defaultNERModel()
	if err != nil || mod == nil {
		t.Fatalf("no model: %v", err)
	}
	t.Logf("packs up to %d features", mod.maxPacked)
	if mod.maxPacked < 32 {
		t.Errorf("the embedded model packs at most %d features: score goes the slow way", mod.maxPacked)
	}
}

// TestModelTable checks that every feature of a decoded model is found with
// its weights, and absent ones are not, for tables of many sizes, some of
// which cuckoo hashing must grow.
func TestModelTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	grew := false
	for _, n := range []int{1, 2, 7, 8, 9, 100, 511, 512, 513, 3000, 20000} {
		feats := make([]uint32, n)
		w := make([][nTags]int16, n)
		ref := map[uint32][nTags]int16{}
		for i := range feats {
			feats[i] = rng.Uint32()
			w[i][i%int(nTags)] = int16(i%1000 + 1)
			ref[max(feats[i], 1)] = w[i]
		}
		mod, err := decodeModel(encodeModel(feats, w, nil, nil))
		if err != nil {
			t.Fatal(err)
		}
		size := 16
		for size <= 2*len(ref) {
			size *= 2
		}
		grew = grew || len(mod.slots) > size
		for h, want := range ref {
			if r := mod.row(h); r == nil || *r != want {
				t.Fatalf("n=%d: row(%#x) = %v, want %v", n, h, r, want)
			}
		}
		for range 1000 {
			if h := rng.Uint32(); mod.row(h) != nil && ref[max(h, 1)] == ([nTags]int16{}) {
				t.Fatalf("n=%d: absent feature %#x found", n, h)
			}
		}
	}
	t.Logf("a table grew: %v", grew)
}

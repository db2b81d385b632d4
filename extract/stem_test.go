package extract_test

import (
	"testing"

	"github.com/quidit/quidit/extract"
	"github.com/quidit/quidit/lexicon"
)

// TestStemsOption checks that the Stems option adds the stemming stage, with
// one stem per token, and that the default pipeline leaves Doc.Stems nil.
func TestStemsOption(t *testing.T) {
	lex, err := lexicon.Load(false)
	if err != nil {
		t.Fatal(err)
	}
	text := "Les forces américaines ont quitté l’Afghanistan, déclare-t-il."
	tests := []struct {
		name  string
		opts  []extract.Option
		stems map[string]string // token text → stem; nil: no stems
	}{
		{"default", nil, nil},
		{"stems", []extract.Option{extract.Stems(true)}, map[string]string{
			"Les": "le", "forces": "forc", "américaines": "américain", "quitté": "quitt", "Afghanistan": "afghanistan",
			"déclare": "déclar", "l’": "", ",": "", ".": "",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := extract.New(lex, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			d, err := x.Extract("t", text)
			if err != nil {
				t.Fatal(err)
			}
			if tt.stems == nil {
				if d.Stems != nil {
					t.Fatalf("Stems = %q, want nil", d.Stems)
				}
				return
			}
			if len(d.Stems) != len(d.Tokens) {
				t.Fatalf("%d stems for %d tokens", len(d.Stems), len(d.Tokens))
			}
			seen := 0
			for i, tok := range d.Tokens {
				if want, ok := tt.stems[d.Slice(tok.Span)]; ok {
					seen++
					if d.Stems[i] != want {
						t.Errorf("stem of %q at %d = %q, want %q", d.Slice(tok.Span), tok.Start, d.Stems[i], want)
					}
				}
			}
			if seen < len(tt.stems) {
				t.Errorf("only %d of the %d expected tokens seen", seen, len(tt.stems))
			}
		})
	}
}

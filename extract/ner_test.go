package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/quidit/quidit/lexicon"
)

// span returns the byte span of the n-th (0-based) occurrence of sub in text.
func spanOf(t *testing.T, text, sub string, n int) Span {
	t.Helper()
	off := 0
	for {
		i := strings.Index(text[off:], sub)
		if i < 0 {
			t.Fatalf("%q not in %q", sub, text)
		}
		if n == 0 {
			return Span{off + i, off + i + len(sub)}
		}
		n--
		off += i + len(sub)
	}
}

func newTestExtractor(t *testing.T) *Extractor {
	t.Helper()
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(lex)
	if err != nil {
		t.Fatal(err)
	}
	if x.recognizer.Err() != nil || x.recognizer.model == nil {
		t.Fatalf("no NER model embedded: %v (run make train)", x.recognizer.Err())
	}
	return x
}

type wantMention struct {
	text string
	n    int // occurrence of text
	typ  lexicon.Type
	ent  string // name of its entity
}

// TestRecognizeCues runs the whole pipeline on sentences showing each kind of
// evidence and checks the mentions found, with their offsets.
func TestRecognizeCues(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name string
		text string
		want []wantMention
		not  []string // texts that must not be a mention
	}{
		{
			name: "title and first name",
			text: "Le président Emmanuel Macron a reçu Angela Merkel à Strasbourg mardi.",
			want: []wantMention{
				{"Emmanuel Macron", 0, lexicon.Person, "Emmanuel Macron"},
				{"Angela Merkel", 0, lexicon.Person, "Angela Merkel"},
				{"Strasbourg", 0, lexicon.Location, "Strasbourg"},
			},
			not: []string{"Le président", "Le"},
		},
		{
			name: "surname alone joins the full name seen before",
			text: "Le ministre Jean-Yves Le Drian est arrivé à Gao. Le Drian a rencontré les autorités.",
			want: []wantMention{
				{"Jean-Yves Le Drian", 0, lexicon.Person, "Jean-Yves Le Drian"},
				{"Gao", 0, lexicon.Location, "Gao"},
				{"Le Drian", 1, lexicon.Person, "Jean-Yves Le Drian"},
			},
		},
		{
			name: "acronym defined in parentheses",
			text: "L'Organisation mondiale de la santé (OMS) a publié un rapport. Selon l'OMS, la situation est grave.",
			want: []wantMention{
				{"Organisation mondiale de la santé", 0, lexicon.Organization, "Organisation mondiale de la santé"},
				{"OMS", 0, lexicon.Organization, "Organisation mondiale de la santé"},
				{"OMS", 1, lexicon.Organization, "Organisation mondiale de la santé"},
			},
		},
		{
			name: "sentence-initial word is not a name",
			text: "Quand les leaders militaires communiquent, le monde devient plus sûr.",
			not:  []string{"Quand"},
		},
		{
			name: "organisation head",
			text: "Le ministère de l'Intérieur a annoncé l'arrestation de trois suspects à Lyon.",
			want: []wantMention{
				{"ministère de l'Intérieur", 0, lexicon.Organization, "ministère de l'Intérieur"},
				{"Lyon", 0, lexicon.Location, "Lyon"},
			},
		},
		{
			name: "regression: lexicon part of a hyphenated word wins",
			text: "La rencontre Biden-Poutine a eu lieu à Genève.",
			want: []wantMention{
				{"Biden", 0, lexicon.Person, "Joe Biden"},
				{"Poutine", 0, lexicon.Person, "Vladimir Poutine"},
			},
			not: []string{"Biden-Poutine"},
		},
		{
			name: "regression: a particle does not lengthen a lexicon name",
			text: "La lutte de Washington contre le terrorisme continue.",
			want: []wantMention{{"Washington", 0, "", ""}},
			not:  []string{"de Washington"},
		},
		{
			name: "a demonym after a place is part of its name",
			text: "Les Kurdes du Kurdistan irakien votent. Le Parlement sud-coréen a voté. Le Parti socialiste européen aussi.",
			want: []wantMention{
				{"Kurdistan irakien", 0, lexicon.Location, "Kurdistan irakien"},
				{"Parlement sud-coréen", 0, lexicon.Organization, "Parlement sud-coréen"},
				{"Parti socialiste européen", 0, lexicon.Organization, "Parti socialiste européen"},
			},
			not: []string{"irakien", "sud-coréen", "Kurdistan"},
		},
		{
			name: "a newspaper or a party named with an article takes it",
			text: "Selon le JDD, repris par le Kremlin, les révélations du JDD continuent. Les élus des Républicains et les Républicains.",
			want: []wantMention{
				{"le JDD", 0, lexicon.Organization, "Le Journal du dimanche"},
				{"JDD", 1, lexicon.Organization, "Le Journal du dimanche"},
				{"Républicains", 0, lexicon.Organization, "Les Républicains"},
				{"les Républicains", 0, lexicon.Organization, "Les Républicains"},
			},
			not: []string{"JDD", "le Kremlin"},
		},
		{
			name: "a newspaper named with an elided article in lower case takes it",
			text: "Les ventes de l'Opinion et de l'Indépendant ont chuté. Il vit dans l'Alsace rurale.",
			want: []wantMention{
				{"l'Opinion", 0, lexicon.Organization, "L'Opinion"},
				{"l'Indépendant", 0, lexicon.Organization, "L'Indépendant"},
			},
			not: []string{"Opinion", "Indépendant", "l'Alsace"},
		},
		{
			name: "a name the tagger types once as an organisation is one in all its mentions",
			text: "Le directeur de Helvetia Média est parti. Helvetia Média a déclaré que tout allait bien.",
			want: []wantMention{
				{"Helvetia Média", 0, lexicon.Organization, "Helvetia Média"},
				{"Helvetia Média", 1, lexicon.Organization, "Helvetia Média"},
			},
		},
		{
			name: "an organisation's name ends before the first name after its adjective",
			text: "Le président du Conseil européen Charles Michel a parlé.",
			want: []wantMention{
				{"Conseil européen", 0, lexicon.Organization, "Conseil européen"},
				{"Charles Michel", 0, lexicon.Person, "Charles Michel"},
			},
			not: []string{"Conseil européen Charles Michel"},
		},
		{
			name: "a capitalised organisation head takes its adjective and complement",
			text: "Elle a rejoint la Ligue démocratique du Kosovo en 2010.",
			want: []wantMention{
				{"Ligue démocratique du Kosovo", 0, lexicon.Organization, "Ligue démocratique du Kosovo"},
			},
			not: []string{"Kosovo"},
		},
		{
			name: "regression: a Roman ordinal is no organisation",
			text: "Il est le premier à être né au XXI e siècle.",
			not:  []string{"XXI"},
		},
		{
			name: "an organisation cue with its kind: l'agence de presse X",
			text: "Selon l'agence de presse Kyodo Tsushin, le navire a coulé.",
			want: []wantMention{
				{"Kyodo Tsushin", 0, lexicon.Organization, "Kyodo Tsushin"},
			},
		},
		{
			name: "an organisation takes the letters and digits left out before it",
			text: "Il a travaillé pour sa société 4D Conseil depuis 2010.",
			want: []wantMention{
				{"4D Conseil", 0, lexicon.Organization, "4D Conseil"},
			},
			not: []string{"Conseil"},
		},
		{
			name: "a name after an organisation cue is an organisation, in all its mentions",
			text: "La firme américaine Vortexa a perdu. Selon Vortexa, rien ne change. Il dînait dans le centre commercial Val Fleuri.",
			want: []wantMention{
				{"Vortexa", 0, lexicon.Organization, "Vortexa"},
				{"Vortexa", 1, lexicon.Organization, "Vortexa"},
				{"Val Fleuri", 0, lexicon.Organization, "Val Fleuri"},
			},
			not: []string{"américaine Vortexa", "firme américaine Vortexa"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := x.Extract("t", tc.text)
			if err != nil {
				t.Fatal(err)
			}
			got := map[Span]*Mention{}
			for i := range d.Mentions {
				got[d.Mentions[i].Span] = &d.Mentions[i]
			}
			for _, w := range tc.want {
				sp := spanOf(t, tc.text, w.text, w.n)
				m := got[sp]
				if m == nil {
					t.Errorf("no mention at [%d,%d) %q; mentions: %v", sp.Start, sp.End, w.text, mentionList(d))
					continue
				}
				if w.typ == "" {
					continue // whatever the lexicon says
				}
				if e := d.Entities[m.Entity]; e.Type != w.typ && !(w.typ == lexicon.Location && e.Type == lexicon.Country) || e.Name != w.ent {
					t.Errorf("%q [%d,%d): entity %s %q, want %s %q", w.text, sp.Start, sp.End, e.Type, e.Name, w.typ, w.ent)
				}
			}
			for _, s := range tc.not {
				sp := spanOf(t, tc.text, s, 0)
				if m := got[sp]; m != nil {
					t.Errorf("unwanted mention %q [%d,%d) %s", s, sp.Start, sp.End, m.Type)
				}
			}
		})
	}
}

func mentionList(d *Doc) []string {
	var out []string
	for _, m := range d.Mentions {
		out = append(out, string(m.Type)+":"+d.Slice(m.Span))
	}
	return out
}

// TestGroup checks grouping on hand-made mentions.
func TestGroup(t *testing.T) {
	type in struct {
		text string
		n    int
		typ  lexicon.Type
		name string // Mention.Name, "" for the text
	}
	tests := []struct {
		name  string
		text  string
		ments []in
		want  [][]string // entities in order: name, then mention texts with occurrence "text#n"
	}{
		{
			name: "surname after full name, with title",
			text: "Mark Milley est venu. Milley a parlé. M. Milley est reparti.",
			ments: []in{
				{"Mark Milley", 0, lexicon.Person, ""},
				{"Milley", 1, lexicon.Person, ""},
				{"Milley", 2, lexicon.Location, ""},
			},
			want: [][]string{{"Mark Milley", "Mark Milley#0", "Milley#1", "Milley#2"}},
		},
		{
			name: "full name later upgrades the surname before it",
			text: "Guérassimov n'a rien dit. Le général Sergueï Guérassimov est parti.",
			ments: []in{
				{"Guérassimov", 0, lexicon.Person, ""},
				{"Sergueï Guérassimov", 0, lexicon.Person, ""},
			},
			want: [][]string{{"Sergueï Guérassimov", "Guérassimov#0", "Sergueï Guérassimov#0"}},
		},
		{
			name: "nearest full name before wins",
			text: "Paul Martin parle. Martin rit. Anne Martin arrive. Martin sourit.",
			ments: []in{
				{"Paul Martin", 0, lexicon.Person, ""},
				{"Martin", 1, lexicon.Person, ""},
				{"Anne Martin", 0, lexicon.Person, ""},
				{"Martin", 3, lexicon.Person, ""},
			},
			// both surname mentions share one group, joined to the full name nearest before the first
			want: [][]string{{"Paul Martin", "Paul Martin#0", "Martin#1", "Martin#3"}, {"Anne Martin", "Anne Martin#0"}},
		},
		{
			name: "acronym from initials",
			text: "L'Organisation des Nations unies siège à New York. L'ONU a voté.",
			ments: []in{
				{"Organisation des Nations unies", 0, lexicon.Organization, ""},
				{"New York", 0, lexicon.Location, ""},
				{"ONU", 0, lexicon.Organization, ""},
			},
			want: [][]string{{"Organisation des Nations unies", "Organisation des Nations unies#0", "ONU#0"}, {"New York", "New York#0"}},
		},
		{
			name: "acronym defined in parentheses carries the long name",
			text: "Le Wall Street Journal (WSJ) affirme. Selon le WSJ, non.",
			ments: []in{
				{"Wall Street Journal", 0, lexicon.Organization, ""},
				{"WSJ", 0, lexicon.Organization, "Wall Street Journal"},
				{"WSJ", 1, lexicon.Organization, "Wall Street Journal"},
			},
			want: [][]string{{"Wall Street Journal", "Wall Street Journal#0", "WSJ#0", "WSJ#1"}},
		},
		{
			name: "case and accent variants",
			text: "Teria News publie. TERIA NEWS confirme. Teria Néws aussi.",
			ments: []in{
				{"Teria News", 0, lexicon.Organization, ""},
				{"TERIA NEWS", 0, lexicon.Organization, ""},
				{"Teria Néws", 0, lexicon.Organization, ""},
			},
			want: [][]string{{"Teria News", "Teria News#0", "TERIA NEWS#0", "Teria Néws#0"}},
		},
		{
			name: "overlapping mentions: the earlier, longer one stays",
			text: "La Banque centrale européenne à Francfort.",
			ments: []in{
				{"européenne", 0, lexicon.Location, ""},
				{"Banque centrale européenne", 0, lexicon.Organization, ""},
				{"Francfort", 0, lexicon.Location, ""},
			},
			want: [][]string{{"Banque centrale européenne", "Banque centrale européenne#0"}, {"Francfort", "Francfort#0"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &Doc{Text: tc.text}
			for _, m := range tc.ments {
				sp := spanOf(t, tc.text, m.text, m.n)
				name := m.name
				if name == "" {
					name = m.text
				}
				d.Mentions = append(d.Mentions, Mention{Span: sp, Type: m.typ, Via: ViaPattern, Entity: -1, Name: name})
			}
			NewGrouper().Group(d)
			if len(d.Entities) != len(tc.want) {
				t.Fatalf("%d entities, want %d: %+v", len(d.Entities), len(tc.want), d.Entities)
			}
			for i, w := range tc.want {
				e := d.Entities[i]
				if e.Name != w[0] {
					t.Errorf("entity %d named %q, want %q", i, e.Name, w[0])
				}
				if len(e.Mentions) != len(w)-1 {
					t.Errorf("entity %q has %d mentions, want %d", e.Name, len(e.Mentions), len(w)-1)
					continue
				}
				for j, mi := range e.Mentions {
					m := d.Mentions[mi]
					k := strings.LastIndexByte(w[j+1], '#')
					n := int(w[j+1][k+1] - '0')
					if want := spanOf(t, tc.text, w[j+1][:k], n); m.Span != want {
						t.Errorf("entity %q mention %d at [%d,%d), want [%d,%d)", e.Name, j, m.Start, m.End, want.Start, want.End)
					}
					if m.Entity != i || m.Type != e.Type {
						t.Errorf("mention %q: entity %d type %s, want %d %s", d.Slice(m.Span), m.Entity, m.Type, i, e.Type)
					}
				}
			}
		})
	}
}

func TestInitialsMatch(t *testing.T) {
	tests := []struct {
		name, acr string
		want      bool
	}{
		{"Wall Street Journal", "WSJ", true},
		{"Organisation mondiale de la santé", "OMS", true},
		{"Agence internationale de l'énergie atomique", "AIEA", true},
		{"Wall Street Journal", "NYT", false},
		{"Conseil de sécurité", "SC", false},
	}
	for _, tc := range tests {
		if got := initialsMatch(tc.name, tc.acr); got != tc.want {
			t.Errorf("initialsMatch(%q, %q) = %v, want %v", tc.name, tc.acr, got, tc.want)
		}
	}
}

func TestModelRoundTrip(t *testing.T) {
	feats := []uint32{3, 17, 1 << 31}
	w := [][nTags]int16{{1, -2}, {0, 0, 5}, {-32000}}
	m, err := decodeModel(encodeModel(feats, w, []uint32{42}, []uint32{7, 9}))
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range feats {
		r := m.row(h)
		if r == nil || r[0] != w[i][0] || r[2] != w[i][2] {
			t.Errorf("row(%d) = %v, want %v", h, r, w[i])
		}
	}
	if m.row(4) != nil {
		t.Error("row(4) found, want nil")
	}
	if !m.lowVoc.has(42) || m.lowVoc.has(7) || !m.lowHead.has(9) {
		t.Error("word sets not restored")
	}
	for _, bad := range [][]byte{nil, []byte("QNER1\n\xff\xff\xff\xff"), []byte("garbage")} {
		if _, err := decodeModel(bad); err == nil {
			t.Errorf("decodeModel(%q): no error", bad)
		}
	}
}

// BenchmarkRecognize measures the recogniser alone on the reference article.
func BenchmarkRecognize(b *testing.B) {
	lex, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	x, _ := New(lex)
	text := strings.Repeat("Le président Emmanuel Macron a reçu à Paris le chef de l'Organisation mondiale de la santé (OMS), qui a rencontré le ministre. ", 40)
	d, _ := x.Extract("b", text)
	base := append([]Mention(nil), d.Mentions...)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		d.Mentions = d.Mentions[:0]
		for _, m := range base {
			if m.Via != ViaPattern && m.Via != ViaCoref {
				d.Mentions = append(d.Mentions, m)
			}
		}
		x.recognizer.Recognize(d)
	}
}

// BenchmarkRecognizeWiNER measures the recogniser alone on WiNER-fr 2017
// (skipped when the shared data is absent): bytes are the documents' text.
func BenchmarkRecognizeWiNER(b *testing.B) {
	f, err := os.Open("../../shared/data/winer-fr/winer-fr.2017.jsonl")
	if err != nil {
		b.Skip(err)
	}
	defer f.Close()
	lex, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	x, _ := New(lex)
	var docs []*Doc
	var lexMentions [][]Mention
	size := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var r struct{ ID, Text string }
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		d := &Doc{ID: r.ID, Text: r.Text}
		x.segmenter.Segment(d)
		x.tokenizer.Tokenize(d)
		x.matcher.Match(d)
		docs = append(docs, d)
		lexMentions = append(lexMentions, append([]Mention(nil), d.Mentions...))
		size += len(r.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range docs {
			d.Mentions = append(d.Mentions[:0], lexMentions[i]...)
			x.recognizer.Recognize(d)
		}
	}
}

// TestRecognizeOddInputs checks that odd texts give valid, sorted,
// non-overlapping mentions and never panic.
func TestRecognizeOddInputs(t *testing.T) {
	x := newTestExtractor(t)
	for _, text := range []string{
		"", "(", "Paris (", "Organisation mondiale de la santé (OMS", "(OMS)", "M.", "M. Jean", "Le Drian",
		"De Gaulle de de de", "Jean-Yves Le Drian Le Drian Le Drian", "A-B-C-D (ABCD) ABCD", "« Quand »",
		strings.Repeat("Très ", 50) + "Grand", "ÉTATS-UNIS (EU) EU", "Biden-Poutine-Biden",
	} {
		d, err := x.Extract("odd", text)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		end := 0
		for _, m := range d.Mentions {
			if m.Start < end || m.End <= m.Start || m.End > len(text) || m.Entity < 0 || m.Entity >= len(d.Entities) {
				t.Errorf("%q: bad mention %q [%d,%d) entity %d", text, d.Slice(m.Span), m.Start, m.End, m.Entity)
			}
			end = m.End
		}
	}
}

// TestRepairOrgs sets the tagger's output by hand and checks the names the
// repair rules, splitNames and nameEnd leave, with their offsets.
func TestRepairOrgs(t *testing.T) {
	x := newTestExtractor(t)
	type tagged struct {
		text string // words tagged B then I, in order of appearance
		tag  uint8  // B tag
	}
	type want struct {
		text string
		n    int
		tag  uint8
	}
	tests := []struct {
		name string
		text string
		in   []tagged
		want []want
	}{
		{"capitalised word before an organisation", "Il dirige le Jet Propulsion Laboratory depuis mai.",
			[]tagged{{"Propulsion Laboratory", tagBPer}}, []want{{"Jet Propulsion Laboratory", 0, tagBOrg}}},
		{"English organisation word retypes a person", "Elle parle de la National Science Foundation hier.",
			[]tagged{{"Science Foundation", tagBPer}}, []want{{"National Science Foundation", 0, tagBOrg}}},
		{"airline typed as a person", "Un avion de Turkish Airlines a atterri.",
			[]tagged{{"Turkish Airlines", tagBPer}}, []want{{"Turkish Airlines", 0, tagBOrg}}},
		{"no extension of a person", "Le journaliste Pierre Dupont est venu.",
			[]tagged{{"Dupont", tagBPer}}, []want{{"Dupont", 0, tagBPer}}},
		{"not over a sentence start", "Hier. Orchestre de Paris joue.",
			[]tagged{{"Orchestre", tagBOrg}}, []want{{"Orchestre de Paris", 0, tagBOrg}}},
		{"head takes adjective and complement", "Il joue avec l'Orchestre symphonique de Vienne ce soir.",
			[]tagged{{"Orchestre", tagBOrg}, {"Vienne", tagBLoc}}, []want{{"Orchestre symphonique de Vienne", 0, tagBOrg}}},
		{"head without a capitalised complement", "Le Conseil de sécurité se réunit.",
			[]tagged{{"Conseil", tagBOrg}}, []want{{"Conseil", 0, tagBOrg}}},
		{"year cut from the end", "La CFDT de 2002 avait signé.",
			[]tagged{{"CFDT de 2002", tagBOrg}}, []want{{"CFDT", 0, tagBOrg}}},
		{"a name ends before a speech verb", "Selon l'Insee indique une hausse.",
			[]tagged{{"Insee indique", tagBOrg}}, []want{{"Insee", 0, tagBOrg}}},
		{"a name ends before an adverb", "Une voix au Parlement cependant s'élève.",
			[]tagged{{"Parlement cependant", tagBOrg}}, []want{{"Parlement", 0, tagBOrg}}},
		{"what is left is a lone lower-case word", "L'université ne suit pas.",
			[]tagged{{"université ne", tagBOrg}}, nil},
		{"a person's name starts on a capital or a particle", "L'affaire Fillon et le général de Gaulle.",
			[]tagged{{"affaire Fillon", tagBPer}, {"de Gaulle", tagBPer}}, []want{{"Fillon", 0, tagBPer}, {"de Gaulle", 0, tagBPer}}},
		{"a military operation is no name", "Les soldats de l'Opération Sentinelle et de l'opération Foco.",
			[]tagged{{"Opération Sentinelle", tagBOrg}, {"Foco", tagBPer}}, nil},
		{"no person after a plural article", "Le domicile des Troadec et les Dupont.",
			[]tagged{{"Troadec", tagBPer}, {"Dupont", tagBPer}}, nil},
		{"a street with its head", "Il habite rue de Lorraine, près de la gare du Raincy.",
			[]tagged{{"Lorraine", tagBLoc}, {"Raincy", tagBOrg}}, []want{{"rue de Lorraine", 0, tagBLoc}, {"gare du Raincy", 0, tagBLoc}}},
		{"instead of a person is no square", "Il parle à la place de Jean Dupont.",
			[]tagged{{"Jean Dupont", tagBPer}}, []want{{"Jean Dupont", 0, tagBPer}}},
		{"roads", "Un accident sur l'autoroute A7 puis sur l'A86 et sur la RN 79 hier.",
			nil, []want{{"autoroute A7", 0, tagBLoc}, {"A86", 0, tagBLoc}, {"RN 79", 0, tagBLoc}}},
		{"an aircraft is no road", "Un Airbus A320 et la D1 reprennent.", nil, nil},
		{"a lone lower-case word is no name", "Le gouvernement a décidé.",
			[]tagged{{"gouvernement", tagBOrg}}, nil},
		{"organisation then a person", "Le ministre de l'Intérieur Bruno Le Roux a parlé.",
			[]tagged{{"Intérieur Bruno Le Roux", tagBOrg}}, []want{{"Intérieur", 0, tagBOrg}, {"Bruno Le Roux", 0, tagBPer}}},
		{"place then a person", "Le maire de Montréal Denis Coderre a parlé.",
			[]tagged{{"Montréal Denis Coderre", tagBLoc}}, []want{{"Montréal", 0, tagBLoc}, {"Denis Coderre", 0, tagBPer}}},
		{"person then a person", "Les ministres de François Hollande Arnaud Montebourg et Manuel Valls.",
			[]tagged{{"François Hollande Arnaud Montebourg", tagBPer}}, []want{{"François Hollande", 0, tagBPer}, {"Arnaud Montebourg", 0, tagBPer}}},
		{"a person with two first names", "Le député Jean Pierre Dupont a parlé.",
			[]tagged{{"Jean Pierre Dupont", tagBPer}}, []want{{"Jean Pierre Dupont", 0, tagBPer}}},
		{"person named after by a head", "Il étudie au Lycée Victor Hugo de Paris.",
			[]tagged{{"Lycée Victor Hugo", tagBOrg}}, []want{{"Lycée Victor Hugo", 0, tagBOrg}}},
		{"ministry named after its portfolio", "Selon le ministère de la Justice, rien.",
			[]tagged{{"Justice", tagBOrg}}, []want{{"ministère de la Justice", 0, tagBOrg}}},
		{"ministry with a demonym", "Le ministère des Affaires étrangères chinois dément.",
			nil, []want{{"ministère des Affaires étrangères chinois", 0, tagBOrg}}},
		{"ministry of a country", "Le ministère de la Défense de Russie dément.",
			[]tagged{{"de Russie", tagBPer}}, []want{{"ministère de la Défense de Russie", 0, tagBOrg}}},
		{"lower-case head with its complement", "Il enseigne à l'université de Lille depuis mai.",
			[]tagged{{"Lille", tagBLoc}}, []want{{"université de Lille", 0, tagBOrg}}},
		{"lower-case head not in the list", "Il est soigné à l'hôpital de Royan depuis mai.",
			[]tagged{{"Royan", tagBLoc}}, []want{{"Royan", 0, tagBLoc}}},
		{"long form of an acronym", "La Confédération française démocratique du travail (CFDT) a signé.",
			[]tagged{{"Confédération française", tagBOrg}}, []want{{"Confédération française démocratique du travail", 0, tagBOrg}}},
		{"lower-case long form headed by an organisation word", "La régie autonome des transports parisiens (RATP) recrute.",
			nil, []want{{"régie autonome des transports parisiens", 0, tagBOrg}}},
		{"long form after the acronym", "Le PCC (Premier commando de la capitale) attaque.",
			nil, []want{{"Premier commando de la capitale", 0, tagBOrg}}},
		{"long form of a thing", "Le produit intérieur brut (PIB) baisse.", nil, nil},
		{"initials that do not match", "La Banque mondiale (FMI) prête.",
			[]tagged{{"Banque mondiale", tagBOrg}}, []want{{"Banque mondiale", 0, tagBOrg}}},
		{"ministry without a portfolio", "Le ministère de tutelle dément.", nil, nil},
		{"first name that is a place", "Il dirige Business France Export depuis mai.",
			[]tagged{{"Business France Export", tagBOrg}}, []want{{"Business France Export", 0, tagBOrg}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &Doc{Text: tc.text}
			x.segmenter.Segment(d)
			x.tokenizer.Tokenize(d)
			x.matcher.Match(d)
			s := new(nerScratch)
			s.prepare(d, x.matcher, x.recognizer.keys)
			for _, tg := range tc.in {
				sp := spanOf(t, tc.text, tg.text, 0)
				for i, tok := range d.Tokens {
					if tok.Start >= sp.Start && tok.End <= sp.End {
						if tok.Start == sp.Start {
							s.tags[i] = tg.tag
						} else {
							s.tags[i] = tg.tag + 1
						}
					}
				}
			}
			repairOrgs(d, s)
			ministries(d, s)
			x.recognizer.streets(d, s)
			roads(d, s)
			x.recognizer.splitNames(d, s)
			longForms(d, s)
			type got struct {
				sp  Span
				tag uint8
			}
			var names []got
			for i := 0; i < len(s.tags); {
				tg := s.tags[i]
				if tg == tagO || isInside(tg) {
					i++
					continue
				}
				j := s.runEnd(i, tg)
				e := nameEnd(d, s, i, j)
				names = append(names, got{Span{d.Tokens[i].Start, d.Tokens[e-1].End}, tg})
				i = j
			}
			if len(names) != len(tc.want) {
				t.Fatalf("got %d names %v, want %d", len(names), names, len(tc.want))
			}
			for k, w := range tc.want {
				ws := spanOf(t, tc.text, w.text, w.n)
				if names[k].sp != ws || names[k].tag != w.tag {
					t.Errorf("name %d: got %v tag %d (%q), want %v tag %d (%q)", k, names[k].sp, names[k].tag,
						tc.text[names[k].sp.Start:names[k].sp.End], ws, w.tag, w.text)
				}
			}
		})
	}
}

// TestOrgFeatures checks where the organisation cue and tail features fire:
// the distance of the cue before the token (articles and elisions not
// counted) and of the organisation word after it.
func TestOrgFeatures(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name string
		text string
		word string // the token scored (first occurrence)
		cue  int    // distance of the cue feature, -1 for none
		tail int    // distance of the tail feature, -1 for none
	}{
		{"cue right before", "Le PDG de la compagnie Flydubai a parlé.", "Flydubai", 0, -1},
		{"cue before an elision", "Il est employé de l'entreprise Arlux-Visotec depuis mai.", "Arlux-Visotec", 0, -1},
		{"cue two words back", "Le quotidien allemand Bild affirme que non.", "Bild", 1, -1},
		{"cue too far", "Le quotidien très souvent cité Bild affirme.", "Bild", -1, -1},
		{"no cue", "Il vit à Paris depuis mai.", "Paris", -1, -1},
		{"tail after the word", "Le vol de Turkish Airlines est parti.", "Turkish", -1, 1},
		{"tail after et", "La banque Oddo et Cie a payé.", "Oddo", 0, 2},
		{"tail not past a lower-case word", "Turkish est bien, Airlines aussi.", "Turkish", -1, -1},
		{"tail not in the next sentence", "Il parle de Turkish. Airlines vole.", "Turkish", -1, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &Doc{Text: tc.text}
			x.segmenter.Segment(d)
			x.tokenizer.Tokenize(d)
			x.matcher.Match(d)
			s := new(nerScratch)
			s.prepare(d, x.matcher, x.recognizer.keys)
			sp := spanOf(t, tc.text, tc.word, 0)
			i := -1
			for k, tok := range d.Tokens {
				if tok.Span == sp {
					i = k
				}
			}
			if i < 0 {
				t.Fatalf("no token at [%d,%d) %q", sp.Start, sp.End, tc.word)
			}
			feats := map[uint32]bool{}
			for _, h := range s.features(d, x.matcher, x.recognizer.model, i, tagO, tagO, nil) {
				feats[h] = true
			}
			cue, tail := -1, -1
			for k := 0; k < 4; k++ {
				if feats[mix(fOrgCue, uint64(k), uint64(s.shape[i]))] {
					cue = k
				}
				if feats[mix(fOrgTail, uint64(k), 0)] {
					tail = k
				}
			}
			if cue != tc.cue || tail != tc.tail {
				t.Errorf("%q at [%d,%d): cue %d tail %d, want cue %d tail %d", tc.word, sp.Start, sp.End, cue, tail, tc.cue, tc.tail)
			}
		})
	}
}

// TestOfOwnCountry checks which names made of a lexicon organisation, de and
// a country keep the organisation's lexicon entry.
func TestOfOwnCountry(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		text, name string // name: tokens [a, b) as written
		want       string // entry id, "" for none
	}{
		{"Le vote de l'Assemblée nationale de France est serré.", "Assemblée nationale de France", "assemblee-nationale"},
		{"Elle cite le Conseil de sécurité nationale des États-Unis hier.", "Conseil de sécurité nationale des États-Unis", "conseil-securite-nationale-us"},
		{"Le vote de l'Assemblée nationale du Québec est serré.", "Assemblée nationale du Québec", ""},   // not a country
		{"Le vote de l'Assemblée nationale de Russie est serré.", "Assemblée nationale de Russie", ""},   // another country
		{"Le vote de l'Assemblée nationale française est serré.", "Assemblée nationale française", ""},   // a demonym, no de
		{"Un porte-parole de l'Assemblée nationale de France parle.", "porte-parole de l'Assemblée", ""}, // no organisation first
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &Doc{Text: tc.text}
			x.segmenter.Segment(d)
			x.tokenizer.Tokenize(d)
			x.matcher.Match(d)
			start := strings.Index(tc.text, tc.name)
			a, b := -1, -1
			for i, tok := range d.Tokens {
				if tok.Start == start {
					a = i
				}
				if tok.End == start+len(tc.name) {
					b = i + 1
				}
			}
			if a < 0 || b < 0 {
				t.Fatalf("%q is not a token run of %q", tc.name, tc.text)
			}
			got := ""
			if e := ofOwnCountry(d, a, b); e != nil {
				got = e.ID
			}
			if got != tc.want {
				t.Errorf("ofOwnCountry(%q) = %q, want %q", tc.name, got, tc.want)
			}
		})
	}
}

// TestIsLowerLatin checks the quick test of prepare against shapeOf: every
// word it accepts is one shapeOf calls shLower.
func TestIsLowerLatin(t *testing.T) {
	for _, c := range []struct {
		w    string
		want bool
	}{
		{"maison", true}, {"été", true}, {"cœur", true}, {"straße", true}, {"garçon", true}, {"ÿ", true},
		{"", false}, {"Été", false}, {"À", false}, {"ŒUVRE", false}, {"a-b", false}, {"a1", false},
		{"aujourd'hui", false}, {"x÷y", false}, {"Paris", false}, {"ç\xc3", false}, {"ł", false},
	} {
		if got := isLowerLatin(c.w); got != c.want {
			t.Errorf("isLowerLatin(%q) = %v, want %v", c.w, got, c.want)
		}
		if c.want {
			if sh := shapeOf(&Token{Kind: Word, Norm: c.w}); sh != shLower {
				t.Errorf("shapeOf(%q) = %d, isLowerLatin says shLower", c.w, sh)
			}
		}
	}
	// every two-byte sequence the quick test accepts is a lower-case letter
	for r := rune(0x80); r < 0x800; r++ {
		w := "a" + string(r)
		if isLowerLatin(w) && shapeOf(&Token{Kind: Word, Norm: w}) != shLower {
			t.Errorf("isLowerLatin(%q) but shapeOf is %d", w, shapeOf(&Token{Kind: Word, Norm: w}))
		}
	}
}

// TestHashAZ checks hashAZ against hashString and a loop over the bytes: the
// letters a to z and their neighbours in ASCII ('`', '{', 'A', 'Z'), other
// bytes, multi-byte letters and the empty key.
func TestHashAZ(t *testing.T) {
	words := []string{"", "a", "z", "maison", "abcdefghijklmnopqrstuvwxyz", "`", "{", "a`", "z{", "aZ", "Za", "a-b", "a1",
		"l'", "ete", "été", "cœur", "\xff", "a\x00", "aujourd'hui", "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmz"}
	for c := 0; c < 256; c++ {
		words = append(words, string([]byte{byte(c)}), "ab"+string([]byte{byte(c)}))
	}
	for _, w := range words {
		az := w != ""
		for i := 0; i < len(w); i++ {
			az = az && 'a' <= w[i] && w[i] <= 'z'
		}
		h, got := hashAZ(w)
		if h != hashString(w) || got != az {
			t.Errorf("hashAZ(%q) = %x, %v; want %x, %v", w, h, got, hashString(w), az)
		}
		if got && !isLowerLatin(w) {
			t.Errorf("hashAZ(%q) says a to z, isLowerLatin does not", w)
		}
	}
}

// TestDemonymCached checks that demonym, which keeps its answers, answers
// every word as the matcher's look-up does, asked once and again.
func TestDemonymCached(t *testing.T) {
	x := newTestExtractor(t)
	r := x.recognizer
	words := []string{"américaine", "américain", "britannique", "allemand", "de", "groupe", "basée", "français", "Français", "", "zorglubien"}
	for round := 0; round < 2; round++ {
		for _, w := range words {
			want := false
			for _, c := range r.m.Lookup(w, false) {
				want = want || c.Via == lexicon.ViaDemonym
			}
			if got := r.demonym(w); got != want {
				t.Errorf("round %d: demonym(%q) = %v, want %v", round, w, got, want)
			}
		}
	}
	if !r.demonym("américaine") || r.demonym("groupe") {
		t.Error("demonym: américaine should be one, groupe not")
	}
}

// TestKindShapes checks the table of the shapes of the kinds other than
// Word against shapeOf, whatever the token's text.
func TestKindShapes(t *testing.T) {
	for k := TokenKind(0); k <= Hashtag+1; k++ {
		if k == Word {
			continue
		}
		for _, norm := range []string{"", "a", "Paris", "17", ",", "«", "l'"} {
			if got, want := kindShapes[k], shapeOf(&Token{Kind: k, Norm: norm}); got != want {
				t.Errorf("kind %d %q: kindShapes %d, shapeOf %d", k, norm, got, want)
			}
		}
	}
}

// TestPatternNames checks the names of pattern mentions whose text is not
// normal: add takes a one-token name from Token.Norm, a longer one from
// Normalize, and both must give the composed, normalised form.
func TestPatternNames(t *testing.T) {
	x := newTestExtractor(t)
	cases := []struct {
		text       string
		start, end int // the mention's span
		name       string
	}{
		{"Selon Ame\u0301lie Durand, la société Ble\u0301dina a gagné.", 6, 21, "Amélie Durand"},
		{"Selon Ame\u0301lie Durand, la société Ble\u0301dina a gagné.", 36, 45, "Blédina"},
		{"Hier, Ce\u0301lestin a répondu à Zoe\u0301.", 6, 16, "Célestin"},
		{"Hier, Ce\u0301lestin a répondu à Zoe\u0301.", 31, 36, "Zoé"},
		{"Ils ont vu Œrtel et Vortexa à Paris.", 11, 17, "Oertel"},
		{"Ils ont vu Œrtel et Vortexa à Paris.", 21, 28, "Vortexa"},
	}
	for _, tc := range cases {
		d, err := x.Extract("", tc.text)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range d.Mentions {
			if m.Start != tc.start || m.End != tc.end {
				continue
			}
			found = true
			if m.Via != ViaPattern || m.Name != tc.name || m.Name != Normalize(d.Slice(m.Span)) {
				t.Errorf("%q [%d,%d): via %v name %q, want pattern %q", tc.text, m.Start, m.End, m.Via, m.Name, tc.name)
			}
		}
		if !found {
			t.Errorf("%q: no mention at [%d,%d)", tc.text, tc.start, tc.end)
		}
	}
}

// TestAddMeetsLexicon checks that a name the tagger finds where the lexicon
// has one adds no second mention, when every lexicon mention spans whole
// tokens (add reads the mentions only for covered tokens) and when one is a
// part of a hyphenated token (add reads them all).
func TestAddMeetsLexicon(t *testing.T) {
	x := newTestExtractor(t)
	type want struct {
		start, end int
		via        Via
	}
	cases := []struct {
		text string
		want []want
	}{
		{"Le président Emmanuel Macron a parlé à Paris avec Angela Merkel.",
			[]want{{14, 29, ViaLexicon}, {42, 47, ViaLexicon}, {53, 66, ViaLexicon}}},
		{"Selon le ministre de la Défense, la France de Macron reste forte.",
			[]want{{24, 32, ViaPattern}, {37, 43, ViaLexicon}, {47, 53, ViaAlias}}},
		{"La rencontre Biden-Poutine a eu lieu à Genève avec Emmanuel Macron.",
			[]want{{13, 18, ViaAlias}, {19, 26, ViaAlias}, {40, 47, ViaLexicon}, {53, 68, ViaLexicon}}},
	}
	for _, tc := range cases {
		d, err := x.Extract("", tc.text)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Mentions) != len(tc.want) {
			t.Errorf("%q: %d mentions, want %d", tc.text, len(d.Mentions), len(tc.want))
			continue
		}
		for k, w := range tc.want {
			if m := d.Mentions[k]; m.Start != w.start || m.End != w.end || m.Via != w.via {
				t.Errorf("%q mention %d: [%d,%d) via %v, want [%d,%d) via %v", tc.text, k, m.Start, m.End, m.Via, w.start, w.end, w.via)
			}
		}
	}
}

// TestNormalTokens checks normalTokens against Normalize on every run of up
// to four tokens of texts with decomposed accents, ligatures, typographic
// apostrophes, no-break spaces and combining marks after a space or a word,
// and its answer on some runs.
func TestNormalTokens(t *testing.T) {
	x := newTestExtractor(t)
	texts := []string{
		"Jean Dupont et Zoé Lefèvre-Ébrard à Saint-Étienne.",
		"Ame\u0301lie Durand, Œrtel et l’Élysée\u00a0: M. Ko\u0308nig (ONU).",
		"Un e\u0301 et x \u0301 puis Zoe\u0301\u0301 ou a\u0301b ; fin\u2019.",
		"Cœur  Ville\u202fNeuve\tSud",
	}
	cases := []struct {
		text  string
		first string // the text of the first token of the run
		n     int    // tokens in the run
		want  bool
	}{
		{texts[0], "Jean", 2, true},
		{texts[0], "Zoé", 2, true},
		{texts[0], "Lefèvre-Ébrard", 3, true},
		{texts[1], "Ame\u0301lie", 2, false},
		{texts[1], "Durand", 1, true},
		{texts[3], "Ville", 2, false}, // a no-break space between them
		{texts[3], "Neuve", 2, false}, // a tab
	}
	for _, tc := range cases {
		d, err := x.Extract("", tc.text)
		if err != nil {
			t.Fatal(err)
		}
		a := -1
		for i, tok := range d.Tokens {
			if d.Slice(tok.Span) == tc.first {
				a = i
				break
			}
		}
		if a < 0 || a+tc.n > len(d.Tokens) {
			t.Fatalf("%q: no token %q", tc.text, tc.first)
		}
		if got := normalTokens(d, a, a+tc.n); got != tc.want {
			t.Errorf("%q: normalTokens of %d tokens from %q [%d) = %v, want %v", tc.text, tc.n, tc.first, d.Tokens[a].Start, got, tc.want)
		}
	}
	for _, text := range texts {
		d, err := x.Extract("", text)
		if err != nil {
			t.Fatal(err)
		}
		for a := range d.Tokens {
			for b := a + 1; b <= min(a+4, len(d.Tokens)); b++ {
				s := d.Text[d.Tokens[a].Start:d.Tokens[b-1].End]
				if normalTokens(d, a, b) && Normalize(s) != s {
					t.Errorf("normalTokens(%q) is true, but Normalize gives %q", s, Normalize(s))
				}
			}
		}
	}
}

package extract_test

import (
	"os"
	"strings"
	"testing"

	"github.com/quidit/quidit/extract"
)

type span struct {
	start, end int
	text       string
}

// segmentCases are the traps of French news text for the segmenter, offsets
// included.
var segmentCases = []struct {
	name string
	in   string
	want []span
}{
	{"plain", "Il est parti. Elle est restée.", []span{{0, 13, "Il est parti."}, {14, 31, "Elle est restée."}}},
	{"honorific M.", "M. Dupont est arrivé. Il a parlé.", []span{{0, 22, "M. Dupont est arrivé."}, {23, 35, "Il a parlé."}}},
	{"honorifics", "MM. Dupont et Durand sont là. Mme Martin aussi. Le Dr. Martin, Mgr. Aupetit et Me. Dupond-Moretti aussi.", []span{{0, 30, "MM. Dupont et Durand sont là."}, {31, 48, "Mme Martin aussi."}, {49, 105, "Le Dr. Martin, Mgr. Aupetit et Me. Dupond-Moretti aussi."}}},
	{"initials", "J.-P. Sartre est né en 1905. J. Biden aussi.", []span{{0, 29, "J.-P. Sartre est né en 1905."}, {30, 45, "J. Biden aussi."}}},
	{"etc inside", "Des chats, des chiens, etc. et des oiseaux.", []span{{0, 43, "Des chats, des chiens, etc. et des oiseaux."}}},
	{"etc final", "Des chats, des chiens, etc. Le reste est parti.", []span{{0, 27, "Des chats, des chiens, etc."}, {28, 47, "Le reste est parti."}}},
	{"acronym", "Les U.S. Marines sont arrivés à l'O.N.U. Ils sont partis.", []span{{0, 42, "Les U.S. Marines sont arrivés à l'O.N.U."}, {43, 59, "Ils sont partis."}}},
	{"initial before Le", "Le livre de J. Le Goff est paru.", []span{{0, 32, "Le livre de J. Le Goff est paru."}}},
	{"av. J.-C.", "Rome fut fondée en 753 av. J.-C. La ville grandit.", []span{{0, 33, "Rome fut fondée en 753 av. J.-C."}, {34, 51, "La ville grandit."}}},
	{"J.-C. initials", "J.-C. Decaux a parlé. Il est parti.", []span{{0, 22, "J.-C. Decaux a parlé."}, {23, 36, "Il est parti."}}},
	{"p. ex.", "Des animaux, p. ex. les chats. Les chiens aussi.", []span{{0, 30, "Des animaux, p. ex. les chats."}, {31, 48, "Les chiens aussi."}}},
	{"number", "Le n° 3 est parti. Il avait 3.5 points et l'art. 49 s'applique.", []span{{0, 19, "Le n° 3 est parti."}, {20, 64, "Il avait 3.5 points et l'art. 49 s'applique."}}},
	{"date then number", "Le 22 septembre 2021. 300 personnes sont venues.", []span{{0, 21, "Le 22 septembre 2021."}, {22, 48, "300 personnes sont venues."}}},
	{"heading", "Un jeu trouble en Asie centrale\nSi évoqué, ce partenariat contredit les positions.", []span{{0, 31, "Un jeu trouble en Asie centrale"}, {32, 84, "Si évoqué, ce partenariat contredit les positions."}}},
	{"signature", "Il est parti.\nTeria News", []span{{0, 13, "Il est parti."}, {14, 24, "Teria News"}}},
	{"quote then newline", "« Quand les leaders communiquent, le monde devient un endroit plus sûr. »\nMark Milley", []span{{0, 76, "« Quand les leaders communiquent, le monde devient un endroit plus sûr. »"}, {77, 88, "Mark Milley"}}},
	{"question in quote", "« Pourquoi ? » a-t-il demandé. Personne ne sait.", []span{{0, 33, "« Pourquoi ? » a-t-il demandé."}, {34, 51, "Personne ne sait."}}},
	{"exclamation in quote", "Il a dit\u00a0: «\u00a0Non\u00a0!\u00a0» Puis il est parti.", []span{{0, 26, "Il a dit\u00a0: «\u00a0Non\u00a0!\u00a0»"}, {27, 45, "Puis il est parti."}}},
	{"closing quote then period", "Il a qualifié la rencontre de « productive ». Le général a souri.", []span{{0, 48, "Il a qualifié la rencontre de « productive »."}, {49, 70, "Le général a souri."}}},
	{"question quote period", "Il a demandé « pourquoi ? ». Personne.", []span{{0, 31, "Il a demandé « pourquoi ? »."}, {32, 41, "Personne."}}},
	{"ellipsis lower", "Il hésite… puis repart. Ensuite il rentre.", []span{{0, 26, "Il hésite… puis repart."}, {27, 45, "Ensuite il rentre."}}},
	{"ellipsis upper", "Il hésite... Puis il repart.", []span{{0, 13, "Il hésite..."}, {14, 29, "Puis il repart."}}},
	{"ellipsis cut", "« Nous avons (…) Décidé de partir », dit-il.", []span{{0, 50, "« Nous avons (…) Décidé de partir », dit-il."}}},
	{"mixed", "Vraiment ?! Oui.", []span{{0, 11, "Vraiment ?!"}, {12, 16, "Oui."}}},
	{"paragraphs", "Premier paragraphe\n\nDeuxième paragraphe.", []span{{0, 18, "Premier paragraphe"}, {20, 41, "Deuxième paragraphe."}}},
	{"glued", "dans la nuit de mercredi à jeudi.Le gouvernement avait annoncé.", []span{{0, 34, "dans la nuit de mercredi à jeudi."}, {34, 65, "Le gouvernement avait annoncé."}}},
	{"domain", "Le site lemonde.fr a publié. Voir www.lemonde.fr. Il faut lire.", []span{{0, 29, "Le site lemonde.fr a publié."}, {30, 50, "Voir www.lemonde.fr."}, {51, 64, "Il faut lire."}}},
	{"closing straight quote", "Il a dit \"c'est fini.\" Puis il est parti.", []span{{0, 22, "Il a dit \"c'est fini.\""}, {23, 41, "Puis il est parti."}}},
	{"lower after period", "Il est parti. et puis voilà.", []span{{0, 29, "Il est parti. et puis voilà."}}},
	{"blank", " \n\u00a0 \n", []span{}},
	{"crlf", "Un.\r\nDeux.\r\n", []span{{0, 3, "Un."}, {5, 10, "Deux."}}},
	{"glued quote", "pas envisageable en l'état\".\"Malgré l'annonce, rien.", []span{{0, 29, "pas envisageable en l'état\"."}, {29, 54, "\"Malgré l'annonce, rien."}}},
	{"line separator", "Un\u2028Deux", []span{{0, 2, "Un"}, {5, 9, "Deux"}}},
	{"nbsp trimmed", "\u00a0\u202fIl est là.\u00a0\n", []span{{5, 16, "Il est là."}}},
	{"url question", "Voir https://x.fr/?a=B. Le site", []span{{0, 23, "Voir https://x.fr/?a=B."}, {24, 31, "Le site"}}},
	{"final closing parenthesis", "(Il est parti.) Elle reste.", []span{{0, 15, "(Il est parti.)"}, {16, 27, "Elle reste."}}},
	{"Dr before name", "Le Dr Martin et St. Louis. Fin", []span{{0, 26, "Le Dr Martin et St. Louis."}, {27, 30, "Fin"}}},
	{"quote dialogue", "Il a dit. « Je pars. » Elle a souri.", []span{{0, 9, "Il a dit."}, {10, 24, "« Je pars. »"}, {25, 38, "Elle a souri."}}},
	// OrangeSum lost its paragraph breaks: glued sentences and "- heading -" lines.
	{"glued elision", "dans un spectacle.L'avocat est mis en examen.", []span{{0, 18, "dans un spectacle."}, {18, 45, "L'avocat est mis en examen."}}},
	{"glued capital A", "voire de racisme\".A la suite des violences, rien.", []span{{0, 18, "voire de racisme\"."}, {18, 49, "A la suite des violences, rien."}}},
	{"glued dash heading", "depuis décembre.- \"Le réinitialiser\" -A l'issue des investigations, rien.", []span{{0, 17, "depuis décembre."}, {17, 40, "- \"Le réinitialiser\" -"}, {40, 75, "A l'issue des investigations, rien."}}},
	{"dash heading", "Ils ont incendié des véhicules. - 4 gardes à vue prolongées -Ces violences ont fait suite.", []span{{0, 33, "Ils ont incendié des véhicules."}, {34, 65, "- 4 gardes à vue prolongées -"}, {65, 94, "Ces violences ont fait suite."}}},
	{"dialogue dash", "-Tu viens ? -Non.", []span{{0, 11, "-Tu viens ?"}, {12, 17, "-Non."}}},
	// The word fast path of the scanner skips bytes: letters beyond U+00FF
	// and bytes that are not UTF-8 are skipped as runes would be.
	{"two-byte letters", "Ελλάδα ήταν-εδώ. Ωραία ß. Ǆemal ici.", []span{{0, 29, "Ελλάδα ήταν-εδώ."}, {30, 44, "Ωραία ß."}, {45, 56, "Ǆemal ici."}}},
	{"invalid UTF-8", "a\xc3.B c\xdf\xff. D e\xc3", []span{{0, 9, "a\xc3.B c\xdf\xff."}, {10, 14, "D e\xc3"}}},
	{"chunks across spaces", "Rome fut fondée en 753 av.  J.-C. La ville grandit. Vers 200 apr. J.-C. Elle décline, etc. et  Il", []span{{0, 34, "Rome fut fondée en 753 av.  J.-C."}, {35, 52, "La ville grandit."}, {53, 72, "Vers 200 apr. J.-C."}, {73, 99, "Elle décline, etc. et  Il"}}},
	{"chunks after a heading", "fin. - Titre -Le texte  suit. Voilà", []span{{0, 4, "fin."}, {5, 14, "- Titre -"}, {14, 29, "Le texte  suit."}, {30, 36, "Voilà"}}},
	// A '-' inside a word does not stop the scan for a heading; final
	// punctuation glued to a byte that starts no capitalised word goes on.
	{"dashes inside words", "Jean-Pierre est là-bas.- Titre -Le texte-ci suit. Fin", []span{{0, 24, "Jean-Pierre est là-bas."}, {24, 33, "- Titre -"}, {33, 50, "Le texte-ci suit."}, {51, 54, "Fin"}}},
	{"glued goes on", "Il avait 3.5 points.Le site x.fr.Le reste, a.b et c.(d) suit.", []span{{0, 20, "Il avait 3.5 points."}, {20, 61, "Le site x.fr.Le reste, a.b et c.(d) suit."}}},
	{"words and spaces", "Un  mot\u00a0de plus\t! Fin", []span{{0, 18, "Un  mot\u00a0de plus\t!"}, {19, 22, "Fin"}}},
}

func TestSegment(t *testing.T) {
	seg := extract.NewSegmenter()
	for _, c := range segmentCases {
		t.Run(c.name, func(t *testing.T) {
			d := &extract.Doc{Text: c.in}
			seg.Segment(d)
			for i := 0; i < len(d.Sentences) || i < len(c.want); i++ {
				switch {
				case i >= len(d.Sentences):
					t.Errorf("sentence %d: missing, want %q", i, c.want[i].text)
				case i >= len(c.want):
					t.Errorf("sentence %d: extra %q", i, d.Slice(d.Sentences[i]))
				default:
					checkSpan(t, "sentence", c.in, d.Sentences[i], c.want[i].start, c.want[i].end, c.want[i].text)
				}
			}
		})
	}
}

// TestSegmentReuse: Segment replaces the sentences of a Doc segmented
// before.
func TestSegmentReuse(t *testing.T) {
	d := &extract.Doc{Text: "Un. Deux. Trois."}
	seg := extract.NewSegmenter()
	seg.Segment(d)
	d.Text = "Un seul."
	seg.Segment(d)
	if len(d.Sentences) != 1 {
		t.Fatalf("%d sentences, want 1", len(d.Sentences))
	}
	checkSpan(t, "sentence", d.Text, d.Sentences[0], 0, 8, "Un seul.")
}

// TestSegmentReferenceArticle segments the reference article: every line is
// at least one sentence; the name and the signature alone on their lines are
// sentences; the quote keeps its closing ».
func TestSegmentReferenceArticle(t *testing.T) {
	b, err := os.ReadFile("../testdata/russie-etats-unis-bases.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	d := &extract.Doc{Text: text}
	extract.NewSegmenter().Segment(d)
	if len(d.Sentences) != 26 {
		for i, s := range d.Sentences {
			t.Logf("%d %q", i, d.Slice(s))
		}
		t.Fatalf("%d sentences, want 26", len(d.Sentences))
	}
	want := []struct {
		i    int
		text string
	}{
		{0, "Vers un partenariat militaire Russie / États-Unis ?"},
		{5, "La proposition est-elle réelle ?"},
		{12, "Mark Milley a toutefois qualifié la rencontre de « productive »."},
		{13, "« Quand les leaders militaires de deux puissances communiquent, le monde devient un endroit plus sûr. »"},
		{14, "Mark Milley"},
		{17, "Un jeu trouble en Asie centrale"},
		{23, "À cet égard, la lutte contre le terrorisme, comme souvent, pourrait n’être qu’un prétexte, ici utilisé pour limiter les ambitions chinoises, la Chine étant résolument la nouvelle obsession des États-Unis."},
		{25, "Teria News"},
	}
	for _, w := range want {
		start := strings.Index(text, w.text+"\n")
		if start < 0 {
			start = strings.Index(text, w.text)
		}
		checkSpan(t, "sentence", text, d.Sentences[w.i], start, start+len(w.text), w.text)
	}
	// every line of the article starts a sentence and no sentence crosses a line
	for i, s := range d.Sentences {
		if strings.Contains(d.Slice(s), "\n") {
			t.Errorf("sentence %d crosses a line: %q", i, d.Slice(s))
		}
	}
}

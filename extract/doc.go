// Package extract finds who is mentioned and who said what in French news text.
//
// A Doc owns the input text; every layer the pipeline adds (sentences, tokens,
// mentions, entities, quotes) is a list of half-open byte offsets into it. Byte
// offsets become Unicode code-point offsets once, when the document is written
// as JSON (see WriteJSON).
package extract

import "github.com/quidit/quidit/lexicon"

// Span is a half-open range [Start, End) of byte offsets into Doc.Text.
type Span struct {
	Start, End int // byte offsets
}

// Len returns the length of s in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Valid reports whether s is a non-negative range.
func (s Span) Valid() bool { return s.Start >= 0 && s.End >= s.Start }

// NoSpan is the span of something absent (no speaker, no cue).
var NoSpan = Span{-1, -1}

// Doc is one document and every layer of analysis added to it.
type Doc struct {
	ID   string
	Text string // the input exactly as given (valid UTF-8)

	Sentences []Span
	Tokens    []Token
	Stems     []string  // snowball French stem of each token ("" unless a Word); nil unless the Stems option is on
	Mentions  []Mention // in text order once grouping is done
	Entities  []Entity  // in order of first mention
	Quotes    []Quote   // in text order

	keys  []byte   // the bytes of the token keys that are not substrings of Text (Tokenize)
	ids   []int32  // vocabulary ids of the token keys (Matcher.keyIDs)
	idsOf *Matcher // whose vocabulary ids are
	valid bool     // Text is valid UTF-8: Extract checked it
}

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds.
const (
	Word       TokenKind = iota // letters, possibly with inner hyphens or apostrophes
	Elision                     // l’ d’ qu’ … split off the next word
	Number                      // 17 000, 3,5, 22
	Punct                       // . , ; : ! ? … ( ) and dashes
	OpenQuote                   // « “ ‹ and opening "
	CloseQuote                  // » ” › and closing "
	URL                         // http://…, www.…
	Email                       // a@b.fr
	Symbol                      // % € $ / and anything else
	Handle                      // @handle
	Hashtag                     // #hashtag
)

var kindNames = [...]string{"Word", "Elision", "Number", "Punct", "OpenQuote", "CloseQuote", "URL", "Email", "Symbol", "Handle", "Hashtag"}

func (k TokenKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "TokenKind(?)"
}

// Token is a token of Doc.Text.
type Token struct {
	Span
	Kind     TokenKind
	Sentence int    // index into Doc.Sentences
	Norm     string // normalised form: apostrophes ', spaces ' ', œ → oe, NFC; case kept
	Key      string // matching key: lexicon.Fold of the text (lower case, no accents)
}

// Cap reports whether the token starts with an upper-case letter.
func (t *Token) Cap() bool { return lexicon.IsCapitalized(t.Norm) }

// EntityType is the type of an entity in the output.
type EntityType = lexicon.Type

// Via says how a mention was found.
type Via string

// Ways a mention is found.
const (
	ViaLexicon Via = "lexicon" // the canonical name of a lexicon entry
	ViaAlias   Via = "alias"   // another name of a lexicon entry
	ViaDemonym Via = "demonym" // russe → Russie
	ViaMetonym Via = "metonym" // le Kremlin → Russie
	ViaPattern Via = "pattern" // recognised from capitalisation and context
	ViaCoref   Via = "coref"   // a short form of a name seen elsewhere in the document
)

// Mention is a span of text that names an entity.
type Mention struct {
	Span
	Type     EntityType
	Via      Via
	Entry    *lexicon.Entry // the lexicon entry, or nil
	Sentence int
	Tok      int    // first token
	TokEnd   int    // one past the last token
	Entity   int    // index into Doc.Entities, -1 until grouped
	Gender   byte   // 'm', 'f' or 0 when unknown
	Name     string // canonical name proposed for the entity
}

// Entity is a group of mentions of the same thing in one document.
type Entity struct {
	Type     EntityType
	Name     string         // canonical name
	Ref      string         // lexicon id, or ""
	Entry    *lexicon.Entry // the lexicon entry, or nil
	Gender   byte           // 'm', 'f' or 0
	Mentions []int          // indexes into Doc.Mentions, in text order
}

// QuoteKind is the kind of a quote.
type QuoteKind string

// Quote kinds.
const (
	Direct      QuoteKind = "direct"       // a whole statement in quotation marks
	Partial     QuoteKind = "partial"      // a few words in quotation marks inside the writer's sentence
	Indirect    QuoteKind = "indirect"     // reported speech: X affirme que …
	AccordingTo QuoteKind = "according_to" // selon X, …
)

// Quote is something said or written, with its speaker when the text says who.
type Quote struct {
	Span              // the quoted text, inside the quotation marks
	Kind    QuoteKind //
	Speaker int       // index into Doc.Entities, or -1
	Who     Span      // the words naming the speaker, or NoSpan
	Cue     Span      // the speech verb or marker, or NoSpan
}

// Slice returns the text of s.
func (d *Doc) Slice(s Span) string { return d.Text[s.Start:s.End] }

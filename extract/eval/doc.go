// Package eval scores quidit's output against annotated data: named entities
// against WiNER-fr, quotes and speakers against winer-fr-quotes labels and
// fr-litbank.
//
// Both sides are read in the form quidit writes and the gold files use:
// Unicode code-point offsets into each article's text. Predictions are
// documents in the output contract (see Pred and FromDoc), so the scores of
// `quidit eval` and of the independent scorers in ../shared/tools (score_ner.py,
// score_quotes.py, litbank2labels.py) are computed on the same numbers; the
// figures those scripts print are reproduced exactly, and the others (overlap
// match for entities, 80% overlap and cue accuracy for quotes) extend them.
//
// # Entities
//
// Gold types are Person, Location and Organization; Date, Hour, Event and
// Product are ignored. Predicted types map as PERSON → Person, ORGANIZATION →
// Organization, COUNTRY, LOCATION and BASE → Location. Every mention of every
// predicted entity is a prediction; identical (start, end, type) triples count
// once on each side. Gold entities nest ("Banque de France" holds "France"):
// recall counts the outermost gold spans only (spans not strictly inside a
// longer gold span), and a prediction equal to a nested gold span, type
// included, counts neither right nor wrong.
//
// Exact match needs the same start, end and type. Overlap match needs the same
// type and at least one shared code point: a gold span is found when a
// prediction overlaps it, a prediction is right when it overlaps a gold span,
// and a prediction that overlaps only nested gold spans of its type is not
// counted.
//
// # Quotes
//
// Labels are « » spans (guillemets included), each marked quote or not. Only
// predicted quotes of kind direct or partial are scored. A gold quote is found
// when a predicted quote overlaps it by at least the threshold share (30% or
// 80%) of its length without the two guillemets; precision counts every
// predicted quote that found a gold quote as right, and every other predicted
// quote that overlaps a labelled span (quote or not) as wrong; predicted
// quotes outside the labelled spans are not counted. The speaker of a found
// quote whose gold speaker is a named person, organisation or place is right
// when a mention of the predicted speaker overlaps the gold speaker's span
// (where the label gives it), or when the gold name and one of the speaker's
// names (entity name, mention texts, speaker text), folded (see Fold), are
// equal, one is a word of the other, or one longer than three letters is a
// substring of the other. The cue of a found quote whose label has one is
// right when the folded cues are equal or one is a run of whole words of the
// other.
package eval

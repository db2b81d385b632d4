package extract

import "strings"

var normReplacer = strings.NewReplacer("’", "'", "ʼ", "'", "‘", "'", "\u00a0", " ", "\u202f", " ", "œ", "oe", "Œ", "Oe")

// Normalize returns the normalised form of a token's text. It never changes
// the document: it fills Token.Norm.
func Normalize(s string) string { return normReplacer.Replace(s) }

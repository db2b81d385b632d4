package main

import (
	"fmt"
	"io"
)

// runLexicon runs `quidit lexicon ...` (args after "lexicon"). Placeholder
// until the lexicon subcommand lands.
func runLexicon(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "quidit lexicon: not built yet")
	return 2
}

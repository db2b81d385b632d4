package main

import (
	"fmt"
	"io"
)

// runEval runs `quidit eval ...` (args after "eval"). Placeholder until the
// eval subcommand lands.
func runEval(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "quidit eval: not built yet")
	return 2
}

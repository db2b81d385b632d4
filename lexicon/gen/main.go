// Command gen rebuilds quidit's embedded lexicon (lexicon/data/*.tsv) from the
// raw gazetteer sources and the hand-curated TSVs in lexicon/curated. It is
// what `make lexicon` runs, from the repository root:
//
//	go run ./lexicon/gen [-sources DIR] [-curated DIR] [-out DIR]
//
// The output is deterministic: the same inputs give the same bytes.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/quidit/quidit/lexicon/gen/build"
)

func main() {
	cfg := build.DefaultConfig()
	flag.StringVar(&cfg.Sources, "sources", cfg.Sources, "directory of the raw sources (env QUIDIT_SOURCES)")
	flag.StringVar(&cfg.Curated, "curated", cfg.Curated, "directory of the hand-curated TSVs")
	flag.StringVar(&cfg.Out, "out", cfg.Out, "directory the lexicon TSVs are written to")
	flag.Parse()
	stats, err := build.Run(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	for _, s := range stats {
		fmt.Fprintln(os.Stderr, s)
	}
}

# quidit — see README.md
GO ?= go

.PHONY: all build test vet fmt bench fuzz lexicon train ci clean

all: build

build:
	$(GO) build ./...

vet:
	$(GO) vet ./...

fmt:
	gofmt -l . | (! grep .) || (echo "gofmt needed on the files above"; exit 1)

# The test command CI runs (README quick start).
test: fmt vet
	$(GO) test ./...

# Benchmarks (BENCH selects them); the full-pipeline ones need ../shared.
BENCH ?= .
bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem ./...

# Runs each fuzz target of the module for FUZZTIME, one after the other.
FUZZTIME ?= 30s
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "fuzz: $$pkg $$f ($(FUZZTIME))"; \
			$(GO) test -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done

lexicon:
	$(GO) run ./lexicon/gen

# Train the name recogniser on WiNER-fr 2016 only (deterministic) and write the
# model embedded in the binary, and the matcher's list of frequent short keys
# of the same text (extract/model/hotkeys.txt); rerun after changing the
# lexicon or tokenizer.
WINER_TRAIN ?= ../shared/data/winer-fr/winer-fr.2016.jsonl
train:
	$(GO) run ./extract/model/train -data $(WINER_TRAIN) -out extract/model/ner.bin
	$(GO) test ./extract -run '^TestHotKeys$$' -count=1 -update

ci:
	bash .ci/run

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

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

fuzz:
	@echo "fuzz targets: see README (make fuzz runs each for FUZZTIME)"

lexicon:
	$(GO) run ./lexicon/gen

# Train the name recogniser on WiNER-fr 2016 only (deterministic) and write the
# model embedded in the binary; rerun after changing the lexicon or tokenizer.
WINER_TRAIN ?= ../shared/data/winer-fr/winer-fr.2016.jsonl
train:
	$(GO) run ./extract/model/train -data $(WINER_TRAIN) -out extract/model/ner.bin

ci:
	bash .ci/run

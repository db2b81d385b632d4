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

ci:
	bash .ci/run

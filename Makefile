# One build-tag set for every build, vet and test.
TAGS := duckdb_arrow
GO   := go
GOFLAGS_ALL := -tags $(TAGS)
FUZZTIME ?= 10s

.PHONY: run build test bench fuzz lint clean

build:
	$(GO) build $(GOFLAGS_ALL) -o obs ./cmd/obs

# The main job on the bundled sample.
run: build
	./obs build --db out/obs.duckdb --out out

test:
	$(GO) test $(GOFLAGS_ALL) -count=1 -timeout 40m ./...

bench: build
	$(GO) test $(GOFLAGS_ALL) -run '^$$' -bench . -benchtime 1x -timeout 60m ./...
	./.ci/bench.sh

# A short pass of every fuzz test; .ci/fuzz.sh says how a pass is judged.
fuzz:
	FUZZTIME=$(FUZZTIME) GO=$(GO) TAGS=$(TAGS) ./.ci/fuzz.sh

lint:
	$(GO) vet $(GOFLAGS_ALL) ./...
	@test -z "$$(gofmt -l cmd pipeline schemas queries notebooks data 2>/dev/null)" || (gofmt -l cmd pipeline schemas queries notebooks data; echo "gofmt needed"; exit 1)

clean:
	rm -rf obs out

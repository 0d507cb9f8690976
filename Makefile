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

# Minimising an input that finds new code is bounded (1 s): a slow target
# such as a whole project's parse otherwise spends the pass minimising, and
# the pass ends in "context deadline exceeded".
fuzz:
	@for f in $$(grep -rl --include='*_test.go' '^func Fuzz' pipeline); do \
		pkg=./$$(dirname $$f); \
		for fn in $$(grep -o '^func Fuzz[A-Za-z0-9_]*' $$f | cut -d' ' -f2); do \
			echo "fuzz $$pkg $$fn ($(FUZZTIME))"; \
			$(GO) test $(GOFLAGS_ALL) -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 1s $$pkg || exit 1; \
		done; \
	done

lint:
	$(GO) vet $(GOFLAGS_ALL) ./...
	@test -z "$$(gofmt -l cmd pipeline schemas queries notebooks data 2>/dev/null)" || (gofmt -l cmd pipeline schemas queries notebooks data; echo "gofmt needed"; exit 1)

clean:
	rm -rf obs out

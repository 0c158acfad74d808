# geokg: the two commands of the quick start are `make run` and `make test`.
.PHONY: run test build generate check-generated vet fuzz ui-test bench

GO ?= go

# Starts the local Neo4j unless NEO4J_URI is set, loads testdata/, and serves
# the API and playground on GEOKG_ADDR (default localhost:8080).
run:
	$(GO) run ./cmd/geokg serve --load testdata/articles

# The whole test suite against a throwaway Neo4j on a free port, the
# dashboard's browser test, then each fuzz target for a short while.
test: check-generated vet
	./neo4jlocal/with-neo4j.sh $(GO) test -p 1 -count=1 ./...
	$(MAKE) ui-test
	$(MAKE) fuzz

# The dashboard (/ui) in a real browser: installs Debian's chromium and the
# npm package playwright-core when they are missing (ui/test/setup.sh), then
# serves testdata/ against a throwaway Neo4j and drives headless Chromium
# through filters, paging, the timeline and the network. Screenshots go to
# ui/test/out/.
ui-test:
	./ui/test/setup.sh
	GO=$(GO) ./neo4jlocal/with-neo4j.sh node ui/test/browser.test.mjs

# The benchmark of BENCHMARKS.md: extraction, loading 10k and 100k
# generated articles, and five queries on geokg, hand-written Cypher and
# the Neo4j GraphQL Library, on a Neo4j of its own (bench/run.sh). It takes
# about half an hour and is not part of `make test`.
bench:
	./bench/run.sh

# Each fuzz target for a number of inputs (a few seconds each here), or for
# FUZZTIME when it is set (longer: make fuzz FUZZTIME=10m). Counts, not
# seconds, by default: go1.26's fuzzer can fail a run that ends on a
# deadline while a starved worker is mid-input ("context deadline exceeded",
# golang/go#75804), which a loaded CI machine triggers; a count has no
# deadline. Inputs that fail are saved under the package's testdata/fuzz
# and replayed by every later `go test`.
FUZZTIME ?=
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseJSON$$' -fuzztime $(or $(FUZZTIME),100000x) ./loader/article
	$(GO) test -run '^$$' -fuzz '^FuzzTokenize$$' -fuzztime $(or $(FUZZTIME),20000x) ./loader/text
	$(GO) test -run '^$$' -fuzz '^FuzzExtract$$' -fuzztime $(or $(FUZZTIME),20000x) ./loader/extract

build:
	$(GO) build -o bin/geokg ./cmd/geokg

generate:
	$(GO) generate ./...

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { gofmt -l .; echo "gofmt: files above need formatting"; exit 1; }
	$(GO) vet ./...

# Fails when the committed generated code differs from what `go generate`
# makes of schema.graphqls and gqlgen.yml.
check-generated:
	@before="$$(cat graph/generated.go graph/model/models_gen.go graph/*.resolvers.go | sha256sum)"; \
	$(GO) generate ./... && \
	after="$$(cat graph/generated.go graph/model/models_gen.go graph/*.resolvers.go | sha256sum)"; \
	if [ "$$before" != "$$after" ]; then echo "generated code was stale: run 'go generate ./...' and commit the result"; exit 1; fi

package graph

// gqlgen resolves the paths of gqlgen.yml from the module root; the
// generator runs gqlgen and then lets lists of plain objects marshal in
// order (graph/internal/generate).
//go:generate go -C .. run ./graph/internal/generate

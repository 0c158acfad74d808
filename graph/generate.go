package graph

// gqlgen resolves the paths of gqlgen.yml from the module root.
//go:generate go -C .. tool gqlgen generate

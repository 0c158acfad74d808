package graph

// PlainScalars is plainScalars, for the tests of package graph_test, which
// check it beside the answers it changes.
var PlainScalars = plainScalars

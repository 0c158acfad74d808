package server

import (
	"net/http"
	"net/http/pprof"
)

// DebugHandler serves Go's runtime profiles (net/http/pprof) under
// /debug/pprof/. It is meant for a listener of its own on a private
// address: profiles show the code's internals and a CPU profile costs
// the server while it runs.
func DebugHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

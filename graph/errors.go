package graph

import (
	"context"
	"errors"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/geokg/geokg/store"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Error codes set in extensions.code.
const (
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeNotFound        = "NOT_FOUND"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeUnavailable     = "UNAVAILABLE"
	CodeInternal        = "INTERNAL"
)

// Domain errors resolvers return; the presenter maps them to codes.
var (
	ErrBadInput = errors.New("bad input")
	ErrNotFound = errors.New("not found")
)

// ErrorPresenter gives every error an extensions.code. Errors of our own
// domain keep their message (it tells the user what to fix); unexpected
// errors are logged and reported as INTERNAL without details, which may
// hold query text or server internals.
func ErrorPresenter(ctx context.Context, err error) *gqlerror.Error {
	gerr := graphql.DefaultErrorPresenter(ctx, err)
	if gerr.Extensions == nil {
		gerr.Extensions = map[string]any{}
	}
	if _, ok := gerr.Extensions["code"]; ok {
		return gerr // parser and validation errors carry their own code
	}
	switch {
	case errors.Is(err, ErrBadInput):
		gerr.Extensions["code"] = CodeBadUserInput
	case errors.Is(err, ErrNotFound):
		gerr.Extensions["code"] = CodeNotFound
	case errors.Is(err, store.ErrUnavailable):
		gerr.Extensions["code"] = CodeUnavailable
		gerr.Message = "the database is unavailable; try again shortly"
	default:
		slog.ErrorContext(ctx, "graphql: internal error", "err", err, "path", gerr.Path.String())
		gerr.Extensions["code"] = CodeInternal
		gerr.Message = "internal error"
	}
	return gerr
}

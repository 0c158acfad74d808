package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	inarticle "github.com/geokg/geokg/loader/article"
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
	ErrBadInput        = errors.New("bad input")
	ErrNotFound        = errors.New("not found")
	ErrUnauthenticated = errors.New("unauthenticated")
	ErrForbidden       = errors.New("forbidden")
)

// complexityLimitCode is what gqlgen's complexity limit sets; the
// presenter turns it into BAD_USER_INPUT, as the depth limit does.
const complexityLimitCode = "COMPLEXITY_LIMIT_EXCEEDED"

// ErrorPresenter gives every error an extensions.code. Errors of our own
// domain keep their message (it tells the user what to fix); unexpected
// errors are logged and reported as INTERNAL without details, which may
// hold query text or server internals. GraphQL's own request errors keep
// their standard codes (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED,
// PERSISTED_QUERY_NOT_FOUND), which clients act on.
func ErrorPresenter(ctx context.Context, err error) *gqlerror.Error {
	gerr := graphql.DefaultErrorPresenter(ctx, err)
	if gerr.Extensions == nil {
		gerr.Extensions = map[string]any{}
	}
	if code, ok := gerr.Extensions["code"]; ok {
		if code == complexityLimitCode {
			gerr.Extensions["code"] = CodeBadUserInput
			gerr.Message += "; ask for fewer items (smaller first) or fewer nested fields"
		}
		return gerr
	}
	switch {
	case gerr.Err == nil:
		// gqlgen's own request errors without a code ("unsupported APQ
		// version"): the request is at fault, and the message says how.
		gerr.Extensions["code"] = CodeBadUserInput
	case errors.Is(err, ErrBadInput), errors.Is(err, store.ErrInvalid), errors.Is(err, inarticle.ErrInvalid):
		gerr.Extensions["code"] = CodeBadUserInput
	case errors.Is(err, ErrNotFound):
		gerr.Extensions["code"] = CodeNotFound
	case errors.Is(err, ErrUnauthenticated):
		gerr.Extensions["code"] = CodeUnauthenticated
	case errors.Is(err, ErrForbidden):
		gerr.Extensions["code"] = CodeForbidden
	case gerr.Err.Error() == "introspection disabled":
		// gqlgen's own error when introspection is switched off.
		gerr.Extensions["code"] = CodeForbidden
		gerr.Message = "introspection is disabled on this server"
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads this, and it is no bug.
		gerr.Extensions["code"] = CodeUnavailable
		gerr.Message = "the request was cancelled"
	case errors.Is(err, store.ErrTooLarge):
		gerr.Extensions["code"] = CodeBadUserInput
		gerr.Message = "the request needs more memory than the database allows; ask for less (smaller first, a narrower where, a smaller depth or limit)"
	case errors.Is(err, store.ErrTimeout):
		gerr.Extensions["code"] = CodeUnavailable
		gerr.Message = "the request did not finish in time; ask for less (smaller first, a narrower where) or try again"
	case errors.Is(err, store.ErrUnavailable):
		gerr.Extensions["code"] = CodeUnavailable
		gerr.Message = "the database is unavailable; try again shortly"
	case errors.Is(err, store.ErrContention):
		gerr.Extensions["code"] = CodeUnavailable
		gerr.Message = "the database is busy; try again shortly"
	default:
		slog.ErrorContext(ctx, "graphql: internal error", "err", err, "path", gerr.Path.String())
		gerr.Extensions["code"] = CodeInternal
		gerr.Message = "internal error"
	}
	return gerr
}

// Recover turns a panic in a resolver into an error the presenter reports
// as INTERNAL, after logging it with its stack.
func Recover(ctx context.Context, v any) error {
	slog.ErrorContext(ctx, "graphql: panic", "panic", v, "stack", string(debug.Stack()))
	return fmt.Errorf("panic: %v", v)
}

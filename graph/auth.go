package graph

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
)

type bearerKey struct{}

// WithBearer wraps a handler so that resolvers see the request's bearer
// token (Authorization: Bearer …), for the @authenticated directive.
func WithBearer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		if scheme, tok, ok := strings.Cut(h, " "); ok && strings.EqualFold(scheme, "Bearer") {
			r = r.WithContext(context.WithValue(r.Context(), bearerKey{}, strings.TrimSpace(tok)))
		}
		next.ServeHTTP(w, r)
	})
}

// authenticated is the @authenticated directive: with no token configured
// the API is read-only (FORBIDDEN); otherwise the request must carry the
// token (UNAUTHENTICATED).
func (r *Resolver) authenticated(ctx context.Context, _ any, next graphql.Resolver) (any, error) {
	if r.APIToken == "" {
		return nil, fmt.Errorf("%w: this server is read-only; set GEOKG_API_TOKEN to enable writes", ErrForbidden)
	}
	tok, _ := ctx.Value(bearerKey{}).(string)
	if tok == "" {
		return nil, fmt.Errorf("%w: writes need the header Authorization: Bearer <GEOKG_API_TOKEN>", ErrUnauthenticated)
	}
	if !sameToken(tok, r.APIToken) {
		return nil, fmt.Errorf("%w: the bearer token is not the server's GEOKG_API_TOKEN", ErrUnauthenticated)
	}
	return next(ctx)
}

// sameToken compares in constant time; hashing first hides the length.
func sameToken(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

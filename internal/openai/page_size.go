package openai

import (
	"errors"
	"net/http"
	"strings"
	"sync"
)

// pageSizes remembers, per endpoint key, a page size the server accepted
// after refusing the one asked for. The Compliance API gives gpts, projects
// and GPT configs a default of 20 and no stated maximum; the client asks for
// 100 to save round trips under the 50 requests/minute limit, and if a 400
// names `limit` it falls back to 20 for that endpoint for the rest of the
// client's life (one provider run), so the refusal costs one request, not one
// per page or per GPT.
type pageSizes struct {
	mu    sync.Mutex
	sizes map[string]string
}

func (p *pageSizes) get(key string) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	v, ok := p.sizes[key]
	return v, ok
}

func (p *pageSizes) set(key, limit string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.sizes == nil {
		p.sizes = map[string]string{}
	}
	p.sizes[key] = limit
}

// refusesLimit reports whether err is a 400 that blames the page size: the
// error names `limit` as its param, or its message mentions a limit.
func refusesLimit(err error) bool {
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusBadRequest {
		return false
	}
	return ae.Param == "limit" || strings.Contains(strings.ToLower(ae.Message), "limit")
}

package web

import (
	"html/template"
	"strconv"
	"sync"
)

// pageCache keeps the rendered content of pages that depend only on the
// database (overview, compare, area, returns, notebooks), keyed by path and
// query. Server.changed clears it on every upload and recompute. The
// layout around the content (banner, CSRF tokens, the state of the
// analyses) is rendered on every request, so nothing per-session is cached.
type pageCache struct {
	mu       sync.RWMutex
	max      int
	pages    map[string]cachedPage
	building map[string]chan struct{}
}

type cachedPage struct {
	gen     int64
	title   string
	content template.HTML
}

func newPageCache(max int) *pageCache {
	return &pageCache{max: max, pages: map[string]cachedPage{}, building: map[string]chan struct{}{}}
}

// begin claims the building of key. When another request is building it,
// begin waits for it and returns nil; else it returns the func that
// releases the claim, to call once the page is in the cache (or failed).
func (c *pageCache) begin(key string, gen int64) func() {
	bkey := key + "#" + strconv.FormatInt(gen, 10)
	c.mu.Lock()
	if ch, ok := c.building[bkey]; ok {
		c.mu.Unlock()
		<-ch
		return nil
	}
	ch := make(chan struct{})
	c.building[bkey] = ch
	c.mu.Unlock()
	return func() {
		c.mu.Lock()
		delete(c.building, bkey)
		c.mu.Unlock()
		close(ch)
	}
}

func (c *pageCache) get(key string, gen int64) (cachedPage, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	p, ok := c.pages[key]
	return p, ok && p.gen == gen
}

func (c *pageCache) put(key string, p cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.pages) >= c.max {
		// Crude but enough for a few hundred pages: start again.
		c.pages = map[string]cachedPage{}
	}
	c.pages[key] = p
}

func (c *pageCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages = map[string]cachedPage{}
}

package web

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"context"
	"html/template"
	"io"
	"strconv"
	"sync"
)

// lru keeps up to max entries and maxBytes bytes, each made for one version
// (gen) of the database; when full it drops the least recently used entry,
// one at a time, so a server browsed over every area keeps what it can
// rather than starting again.
type lru[V any] struct {
	mu       sync.Mutex
	max      int
	maxBytes int
	bytes    int
	order    *list.List // front: the most recently used
	items    map[string]*list.Element
	size     func(V) int
}

type lruEntry[V any] struct {
	key  string
	gen  int64
	v    V
	size int
}

func newLRU[V any](max, maxBytes int, size func(V) int) *lru[V] {
	return &lru[V]{max: max, maxBytes: maxBytes, order: list.New(), items: map[string]*list.Element{}, size: size}
}

// get returns key's value when it was made for gen.
func (c *lru[V]) get(key string, gen int64) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var zero V
	el, ok := c.items[key]
	if !ok {
		return zero, false
	}
	e := el.Value.(*lruEntry[V])
	if e.gen != gen {
		c.remove(el)
		return zero, false
	}
	c.order.MoveToFront(el)
	return e.v, true
}

// put keeps v as key's value for gen, dropping the least recently used
// entries while there are too many or they take too much memory. A value
// larger than the whole budget is not kept.
func (c *lru[V]) put(key string, gen int64, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.size(v)
	if n > c.maxBytes {
		return
	}
	if el, ok := c.items[key]; ok {
		c.remove(el)
	}
	c.items[key] = c.order.PushFront(&lruEntry[V]{key: key, gen: gen, v: v, size: n})
	c.bytes += n
	for len(c.items) > c.max || c.bytes > c.maxBytes {
		c.remove(c.order.Back())
	}
}

func (c *lru[V]) remove(el *list.Element) {
	e := c.order.Remove(el).(*lruEntry[V])
	delete(c.items, e.key)
	c.bytes -= e.size
}

// resize sets the most entries kept, dropping the least recently used
// beyond it.
func (c *lru[V]) resize(max int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.max = max
	for len(c.items) > c.max {
		c.remove(c.order.Back())
	}
}

func (c *lru[V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

func (c *lru[V]) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.order.Init()
	c.items = map[string]*list.Element{}
	c.bytes = 0
}

// The caches' budgets. Entries are sized to the database (sizeCaches): a
// page and a pack for every area and period, and some to spare; memory is
// capped whatever the count.
const (
	pageBytes   = 128 << 20
	docBytes    = 256 << 20
	spareStart  = 256 // entries before the database is read, and beyond areas × periods
	docsPerArea = 2   // a pack in HTML (shown in the area page too) and in XLSX
)

// pageCache keeps the rendered content of pages that depend only on the
// database (overview, compare, area, returns, notebooks), keyed by path and
// query. Server.changed clears it on every upload and recompute. The
// layout around the content (banner, CSRF tokens, the state of the
// analyses) is rendered on every request, so nothing per-session is cached.
type pageCache struct {
	*lru[cachedPage]
	bmu      sync.Mutex
	building map[string]chan struct{}
}

type cachedPage struct {
	title   string
	content template.HTML
}

func newPageCache(max int) *pageCache {
	size := func(p cachedPage) int { return len(p.title) + len(p.content) }
	return &pageCache{lru: newLRU(max, pageBytes, size), building: map[string]chan struct{}{}}
}

// begin claims the building of key. When another request is building it,
// begin waits for it and returns nil; else it returns the func that
// releases the claim, to call once the page is in the cache (or failed).
func (c *pageCache) begin(key string, gen int64) func() {
	bkey := key + "#" + strconv.FormatInt(gen, 10)
	c.bmu.Lock()
	if ch, ok := c.building[bkey]; ok {
		c.bmu.Unlock()
		<-ch
		return nil
	}
	ch := make(chan struct{})
	c.building[bkey] = ch
	c.bmu.Unlock()
	return func() {
		c.bmu.Lock()
		delete(c.building, bkey)
		c.bmu.Unlock()
		close(ch)
	}
}

// docCache keeps rendered documents (packs, notebooks) for the current
// version of the database. HTML is kept compressed, a sixth of its size, so
// that every area's pack in every period fits.
type docCache = lru[cachedDoc]

type cachedDoc struct {
	b      []byte
	zipped bool
}

func newDocCache(max int) *docCache {
	return newLRU(max, docBytes, func(d cachedDoc) int { return len(d.b) })
}

// render renders (or fetches) one document.
func (s *Server) render(ctx context.Context, key string, cache bool, fn func(*bytes.Buffer) error) ([]byte, error) {
	gen := s.gen.Load()
	if cache {
		if d, ok := s.docs.get(key, gen); ok {
			return d.bytes()
		}
	}
	var buf bytes.Buffer
	if err := fn(&buf); err != nil {
		return nil, err
	}
	if cache {
		s.docs.put(key, gen, packDoc(buf.Bytes()))
	}
	return buf.Bytes(), nil
}

// packDoc compresses a document for the cache when that saves at least half.
func packDoc(b []byte) cachedDoc {
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestSpeed)
	w.Write(b)
	if w.Close() != nil || z.Len() > len(b)/2 {
		return cachedDoc{b: b}
	}
	return cachedDoc{b: z.Bytes(), zipped: true}
}

func (d cachedDoc) bytes() ([]byte, error) {
	if !d.zipped {
		return d.b, nil
	}
	r, err := gzip.NewReader(bytes.NewReader(d.b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// sizeCaches sizes the caches to the database: room for every area's page
// and pack in every period, and some to spare for the other pages.
func (s *Server) sizeCaches(ctx context.Context) {
	as, err := s.areas(ctx)
	if err != nil {
		return
	}
	ps, err := s.periods(ctx)
	if err != nil {
		return
	}
	n := len(as) * (len(ps) + 1) // a period each, and the latest (no period given)
	s.pages.resize(n + spareStart)
	s.docs.resize(n*docsPerArea + spareStart)
}

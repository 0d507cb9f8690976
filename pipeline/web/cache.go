package web

import (
	"bytes"
	"container/list"
	"context"
	"net/http"
	"strconv"
	"strings"
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

// perGen keeps one value read from the database for as long as the
// database is at the version (gen) it was read at.
type perGen[T any] struct {
	mu    sync.Mutex
	gen   int64
	known bool
	value T
}

// get returns the value for gen, reading it with read when it was read at
// another version or not yet; an error is not kept. Requests that ask
// together wait for one read.
func (m *perGen[T]) get(gen int64, read func() (T, error)) (T, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.known && m.gen == gen {
		return m.value, nil
	}
	v, err := read()
	if err != nil {
		return v, err
	}
	m.gen, m.known, m.value = gen, true, v
	return v, nil
}

// The caches' budgets. Entries are sized to the database (sizeCaches): a
// page and a pack for every area and period, and some to spare; memory is
// capped whatever the count. Pages and HTML documents are kept compressed
// (a seventh of their size: an area page of 160 KB at 150 areas × 10
// periods takes 23 KB, its pack of 300 KB 43 KB), so every area's page and
// pack in every period fits: 1,650 pages in 38 MB, 3,300 documents in 75 MB.
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

func newPageCache(max int) *pageCache {
	return &pageCache{lru: newLRU(max, pageBytes, cachedPage.size), building: map[string]chan struct{}{}}
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
// version of the database. HTML is kept compressed, and sent so to the
// browsers that accept it (all do), so that every area's pack in every
// period fits and a pack once made costs nothing to send again.
type docCache = lru[cachedDoc]

// cachedDoc is a document, gzipped when that saves at least half.
type cachedDoc struct {
	b      []byte
	zipped bool
}

func newDocCache(max int) *docCache {
	return newLRU(max, docBytes, func(d cachedDoc) int { return len(d.b) })
}

// render renders (or fetches) one document.
func (s *Server) render(ctx context.Context, key string, cache bool, fn func(*bytes.Buffer) error) (cachedDoc, error) {
	gen := s.gen.Load()
	if cache {
		if d, ok := s.docs.get(key, gen); ok {
			return d, nil
		}
	}
	var buf bytes.Buffer
	if err := fn(&buf); err != nil {
		return cachedDoc{}, err
	}
	if !cache {
		return cachedDoc{b: buf.Bytes()}, nil
	}
	d := packDoc(buf.Bytes())
	s.docs.put(key, gen, d)
	return d, nil
}

// packDoc compresses a document for the cache when that saves at least half.
func packDoc(b []byte) cachedDoc {
	if z := compress(b); len(z) <= len(b)/2 {
		return cachedDoc{b: z, zipped: true}
	}
	return cachedDoc{b: b}
}

// send writes a document: as it is kept to a client that accepts gzip,
// else uncompressed.
func (d cachedDoc) send(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	b := d.b
	if d.zipped {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			h.Set("Content-Encoding", "gzip")
		} else if u, err := uncompress(d.b); err == nil {
			b = u
		} else {
			http.Error(w, "The document could not be read from the cache; load the page again.", http.StatusInternalServerError)
			return
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}

// acceptsGzip says whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		q, ok := strings.CutPrefix(strings.TrimSpace(params), "q=")
		if !ok {
			return true
		}
		v, err := strconv.ParseFloat(q, 64)
		return err == nil && v > 0
	}
	return false
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

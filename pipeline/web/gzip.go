package web

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"html/template"
	"io"
	"strings"
	"sync"
)

// Pages and documents are kept compressed in the caches and sent so to the
// browsers that accept gzip: a page once drawn is never compressed or
// unpacked again on the server.

// cachedPage is a page's title and its content, compressed: the content is
// cut at each CSRF slot, each part a raw DEFLATE stream flushed to a byte
// boundary, so that a page is sent gzipped by joining its parts with the
// layout and the CSRF token, the only parts compressed for the request.
type cachedPage struct {
	title string
	parts []keptPart
}

type keptPart struct {
	z   []byte // raw DEFLATE, flushed, with no final block
	n   int    // bytes it unpacks to
	crc uint32 // their CRC-32
}

// keep compresses a page's content for the cache.
func keep(title string, content template.HTML) cachedPage {
	p := cachedPage{title: title}
	fw := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(fw)
	for _, part := range strings.Split(string(content), csrfSlot) {
		var z bytes.Buffer
		fw.Reset(&z)
		fw.Write([]byte(part)) // a bytes.Buffer does not fail
		fw.Flush()
		p.parts = append(p.parts, keptPart{z: z.Bytes(), n: len(part), crc: crc32.ChecksumIEEE([]byte(part))})
	}
	return p
}

func (p cachedPage) size() int {
	n := len(p.title)
	for _, k := range p.parts {
		n += len(k.z) + 32
	}
	return n
}

// content is the page's content as it was kept, CSRF slots and all (for a
// client that does not accept gzip).
func (p cachedPage) content() (template.HTML, error) {
	var b strings.Builder
	for i, k := range p.parts {
		if i > 0 {
			b.WriteString(csrfSlot)
		}
		b.Grow(k.n)
		r := flate.NewReader(io.MultiReader(bytes.NewReader(k.z), bytes.NewReader(finalBlock)))
		n, err := io.Copy(&b, r)
		if err == nil && n != int64(k.n) {
			err = fmt.Errorf("a page kept in the cache unpacked to %d bytes, not %d", n, k.n)
		}
		if err != nil {
			return "", err
		}
	}
	return template.HTML(b.String()), nil
}

// gzip writes the page to out as one gzip member: head, the content with
// csrf in each slot, and foot.
func (p cachedPage) gzip(out *bytes.Buffer, head []byte, csrf string, foot []byte) {
	out.Write(gzipHeader)
	fw := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(fw)
	var crc uint32
	n := 0
	compressed := func(b []byte) {
		fw.Reset(out)
		fw.Write(b)
		fw.Flush()
		crc = crc32.Update(crc, crc32.IEEETable, b)
		n += len(b)
	}
	compressed(head)
	for i, k := range p.parts {
		if i > 0 {
			compressed([]byte(csrf))
		}
		out.Write(k.z)
		crc = crc32Combine(crc, k.crc, int64(k.n))
		n += k.n
	}
	compressed(foot)
	out.Write(finalBlock)
	out.Write(binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(nil, crc), uint32(n)))
}

var (
	// gzipHeader starts a gzip member: DEFLATE, no name, no time, any OS.
	gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}
	// finalBlock ends a DEFLATE stream left at a byte boundary: an empty
	// final block with fixed Huffman codes.
	finalBlock = []byte{3, 0}

	flateWriters = sync.Pool{New: func() any { w, _ := flate.NewWriter(nil, flate.BestSpeed); return w }}
)

// crc32Combine is the CRC-32 (IEEE) of a followed by b, from a's CRC, b's
// CRC and b's length: zlib's crc32_combine, which appends len2 zero bytes
// to crc1 by squaring the matrix of one zero bit.
func crc32Combine(crc1, crc2 uint32, len2 int64) uint32 {
	if len2 <= 0 {
		return crc1
	}
	var even, odd [32]uint32
	odd[0] = crc32.IEEE
	row := uint32(1)
	for i := 1; i < 32; i++ {
		odd[i] = row
		row <<= 1
	}
	gf2Square(&even, &odd) // two zero bits
	gf2Square(&odd, &even) // four
	for {
		gf2Square(&even, &odd) // one zero byte, then 4, 16...
		if len2&1 != 0 {
			crc1 = gf2Times(&even, crc1)
		}
		if len2 >>= 1; len2 == 0 {
			break
		}
		gf2Square(&odd, &even)
		if len2&1 != 0 {
			crc1 = gf2Times(&odd, crc1)
		}
		if len2 >>= 1; len2 == 0 {
			break
		}
	}
	return crc1 ^ crc2
}

func gf2Times(mat *[32]uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func gf2Square(square, mat *[32]uint32) {
	for i := range mat {
		square[i] = gf2Times(mat, mat[i])
	}
}

// compress gzips b, fast: the cache's pages and documents compress to a
// sixth or seventh of their size at the fastest level.
func compress(b []byte) []byte {
	var z bytes.Buffer
	w := gzWriters.Get().(*gzip.Writer)
	defer gzWriters.Put(w)
	w.Reset(&z)
	w.Write(b) // a bytes.Buffer does not fail
	w.Close()
	return z.Bytes()
}

func uncompress(z []byte) ([]byte, error) {
	r, _ := gzReaders.Get().(*gzip.Reader)
	var err error
	if r == nil {
		r, err = gzip.NewReader(bytes.NewReader(z))
	} else {
		err = r.Reset(bytes.NewReader(z))
	}
	if err != nil {
		return nil, err
	}
	defer gzReaders.Put(r)
	// The ISIZE trailer holds the length (mod 2^32): one allocation.
	var n int
	if len(z) >= 4 {
		n = int(binary.LittleEndian.Uint32(z[len(z)-4:]))
	}
	out := bytes.NewBuffer(make([]byte, 0, n+bytes.MinRead))
	_, err = out.ReadFrom(r)
	return out.Bytes(), err
}

var (
	gzWriters = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }}
	gzReaders sync.Pool
)

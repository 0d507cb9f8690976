package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// Reasons a REFI-QDA file is refused whole, for errors.Is. (Zip bombs,
// empty and over-large files are ErrZipBomb, ErrEmptyFile and ErrTooLarge,
// as for workbooks.)
var (
	ErrNotQDPX       = errors.New("this is not a REFI-QDA project (.qdpx)")
	ErrNoProjectQDE  = errors.New("the project has no project.qde inside")
	ErrQDASchema     = errors.New("the file does not follow the REFI-QDA standard")
	ErrDuplicateGUID = errors.New("two things in the project have the same GUID")
)

// Kinds of fault in a coding of a REFI-QDA project (besides those of any row).
const (
	// UnknownCode is a coding pointing at a code the codebook does not have.
	UnknownCode ErrorType = "unknown-code"
	// NoExcerpt is not a fault: the coding was loaded, with its code and
	// reference, but its text could not be cut out (a PDF without a text
	// representation, a source whose text is not in the project). It is
	// listed in Result.Problems and not quarantined.
	NoExcerpt ErrorType = "no-excerpt"
)

// qdaErr is a reason to refuse a REFI-QDA file, worded for it, that still
// matches the general reason (ErrZipBomb...) with errors.Is.
type qdaErr struct {
	msg  string
	base error
}

func (e *qdaErr) Error() string { return e.msg }
func (e *qdaErr) Unwrap() error { return e.base }

func qdaErrorf(base error, format string, args ...any) error {
	return &qdaErr{msg: fmt.Sprintf(format, args...), base: base}
}

// qdaArchive is an opened .qdpx: its project.qde and its source texts.
type qdaArchive struct {
	f        *os.File
	zr       *zip.Reader
	qde      *zip.File
	files    map[string]*zip.File // lower-case path -> entry
	lim      Limits
	unpacked int64 // bytes of source text unpacked so far
}

// openQDPX checks the file against the limits (reusing the zip-bomb checks
// of workbooks) and finds its project.qde.
func openQDPX(p string, lim Limits) (*qdaArchive, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if st.Size() == 0 {
		return nil, qdaErrorf(ErrEmptyFile, "the file is empty (0 bytes); export the project again")
	}
	if st.Size() > lim.MaxFileBytes {
		return nil, qdaErrorf(ErrTooLarge, "the project is larger than obs accepts (%d MB; the limit is %d MB)", st.Size()>>20, lim.MaxFileBytes>>20)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	head := make([]byte, 4)
	n, _ := io.ReadFull(f, head)
	if !bytes.Equal(head[:n], zipMagic) {
		f.Close()
		return nil, qdaErrorf(ErrNotQDPX, "%v: it is not a zip archive, as every .qdpx is", ErrNotQDPX)
	}
	if err := checkZip(p, st.Size(), lim); err != nil {
		f.Close()
		var zf *zipFault
		switch {
		case !errors.As(err, &zf):
			return nil, err
		case zf.reason == ErrZipBomb:
			return nil, qdaErrorf(err, "the project would unpack to far more data than it holds (a zip bomb: %s); it is refused for safety", zf.detail)
		}
		return nil, qdaErrorf(err, "the project is damaged or incomplete (%s); export it again", zf.detail)
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		f.Close()
		return nil, qdaErrorf(ErrDamaged, "the project is damaged or incomplete (%v); export it again", err)
	}
	a := &qdaArchive{f: f, zr: zr, files: map[string]*zip.File{}, lim: lim}
	var qdes []*zip.File
	for _, e := range zr.File {
		name := strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(e.Name, `\`, "/")), "/")
		a.files[strings.ToLower(name)] = e
		if !strings.Contains(name, "/") && strings.EqualFold(path.Ext(name), ".qde") {
			qdes = append(qdes, e)
		}
	}
	a.qde = a.files["project.qde"]
	if a.qde == nil && len(qdes) == 1 { // some exports name it after the project
		a.qde = qdes[0]
	}
	if a.qde == nil {
		f.Close()
		return nil, qdaErrorf(ErrNoProjectQDE, "%v (the XML every .qdpx carries at its top level); export the project again from NVivo, ATLAS.ti, MAXQDA or QualCoder", ErrNoProjectQDE)
	}
	return a, nil
}

func (a *qdaArchive) Close() error { return a.f.Close() }

// openQDE opens the project's XML.
func (a *qdaArchive) openQDE() (io.ReadCloser, error) {
	r, err := a.qde.Open()
	if err != nil {
		return nil, qdaErrorf(ErrDamaged, "%s cannot be unpacked (%v); export the project again", a.qde.Name, err)
	}
	return r, nil
}

// maxQDAText is the largest source text obs reads (a transcript is far smaller).
const maxQDAText = 256 << 20

// read returns an internal file the project names: internal://NAME is
// sources/NAME ("Sources" in some exports); a bare path (qc writes
// plainTextPath="board_2017.txt") is looked for inside the archive, with or
// without sources/, in any case. why says, for an evaluator, why it could
// not be read.
func (a *qdaArchive) read(ref string) (text string, why string) {
	var e *zip.File
	switch {
	case strings.HasPrefix(ref, "internal://"):
		e = a.find(strings.TrimPrefix(ref, "internal://"))
	case strings.HasPrefix(ref, "relative://"), strings.HasPrefix(ref, "absolute://"), strings.Contains(ref, "://"):
		return "", fmt.Sprintf("its text is kept outside the project file (%s), which obs does not read; export the project with its sources embedded", ref)
	default:
		e = a.find(ref)
	}
	if e == nil {
		return "", fmt.Sprintf("the project names its text %q but the .qdpx holds no such file, in sources/ or elsewhere", ref)
	}
	name := e.Name
	if e.UncompressedSize64 > maxQDAText {
		return "", fmt.Sprintf("its text %s is larger than obs reads (%d MB)", name, e.UncompressedSize64>>20)
	}
	// Sources naming one text many times must not unpack it without end.
	if a.unpacked += int64(e.UncompressedSize64); a.unpacked > a.lim.MaxUnzippedBytes {
		return "", fmt.Sprintf("the project's sources name more text than it holds (%d MB unpacked so far); it looks like a zip bomb", a.unpacked>>20)
	}
	r, err := e.Open()
	if err != nil {
		return "", fmt.Sprintf("its text %s cannot be unpacked (%v)", name, err)
	}
	defer r.Close()
	var b strings.Builder
	b.Grow(int(e.UncompressedSize64))
	if _, err := io.Copy(&b, io.LimitReader(r, maxQDAText+1)); err != nil {
		return "", fmt.Sprintf("its text %s is damaged (%v)", name, err)
	}
	return b.String(), ""
}

// find is the file a source's text path names, leniently: the path as
// written or under sources/, without a leading ./ or /, in any case.
func (a *qdaArchive) find(p string) *zip.File {
	p = strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(strings.TrimSpace(p), `\`, "/")), "/")
	if p == "" || p == "." {
		return nil
	}
	low := strings.ToLower(p)
	for _, c := range []string{path.Join("sources", low), low, strings.TrimPrefix(low, "sources/")} {
		if e := a.files[c]; e != nil && c != "project.qde" {
			return e
		}
	}
	return nil
}

// openProject opens a project's XML, and says how to read the source texts
// it names: from the .qdpx, or, for a bare .qde (the XML without its zip),
// from nowhere, as they are not with it.
func openProject(p string, lim Limits) (io.ReadCloser, func(string) (string, string), error) {
	if !strings.EqualFold(path.Ext(p), ".qde") {
		a, err := openQDPX(p, lim)
		if err != nil {
			return nil, nil, err
		}
		r, err := a.openQDE()
		if err != nil {
			a.Close()
			return nil, nil, err
		}
		return bothClose{r, a}, a.read, nil
	}
	st, err := os.Stat(p)
	switch {
	case err != nil:
		return nil, nil, err
	case st.Size() == 0:
		return nil, nil, qdaErrorf(ErrEmptyFile, "the file is empty (0 bytes); export the project again")
	case st.Size() > lim.MaxFileBytes:
		return nil, nil, qdaErrorf(ErrTooLarge, "the project is larger than obs accepts (%d MB; the limit is %d MB)", st.Size()>>20, lim.MaxFileBytes>>20)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, nil, err
	}
	bare := func(ref string) (string, string) {
		return "", fmt.Sprintf("its text %q is not with a bare .qde (the project's XML alone); load the .qdpx the software exported, which holds its sources", ref)
	}
	return f, bare, nil
}

// bothClose closes the project's XML, then its archive.
type bothClose struct {
	io.ReadCloser
	a *qdaArchive
}

func (b bothClose) Close() error {
	b.ReadCloser.Close()
	return b.a.Close()
}

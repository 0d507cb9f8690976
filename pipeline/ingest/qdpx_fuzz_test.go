package ingest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// fuzzSink turns every source into rows, as a load does, without a database.
type fuzzSink struct {
	t    *testing.T
	b    *qdaRowBuilder
	rows int
}

func (s *fuzzSink) defs(p *qdaProject) error { s.b.p = p; return nil }

func (s *fuzzSink) source(p *qdaProject, src *qdaSource) error {
	for _, r := range s.b.rows(src) {
		if len(r.cells) != len(qdaCols) || r.num <= 0 {
			s.t.Fatalf("row %d has %d cells", r.num, len(r.cells))
		}
		for _, f := range r.faults {
			if f.err == nil || f.col >= len(qdaCols) {
				s.t.Fatalf("row %d: fault %+v", r.num, f)
			}
		}
		s.rows++
	}
	return nil
}

// readQDPXFile runs the reader on a file as a load does: the archive (or a
// bare .qde), the project's XML, every source's rows.
func readQDPXFile(t *testing.T, path string, spec areaSpec) {
	r, read, err := openProject(path, DefaultLimits)
	if err != nil {
		if _, ok := err.(*qdaErr); !ok {
			t.Fatalf("openProject: %T %v", err, err)
		}
		return
	}
	defer r.Close()
	sink := &fuzzSink{t: t, b: &qdaRowBuilder{spec: spec, read: read, redact: func(s string) string { return s },
		created: spec.mode == "case", period: "2021-22"}}
	if err := parseQDE(r, qdaSheet, sink); err != nil {
		if _, ok := err.(*qdaErr); !ok {
			t.Fatalf("parseQDE: %T %v", err, err)
		}
	}
}

// FuzzQDPX feeds the reader project.qde texts and source texts, packed into
// a .qdpx, and the same bytes as a whole .qdpx and as a .qdc: it must never
// panic or hang, and every fault must be a refusal it words.
func FuzzQDPX(f *testing.F) {
	qde, files := mainProject(f)
	f.Add([]byte(qde), []byte(files["sources/"+gid('s', 1)+".txt"]))
	f.Add([]byte(twoInterviews(true)), []byte("x"))
	g, gf := genProject(2, 6)
	f.Add([]byte(g), []byte(gf["sources/"+gid('s', 0)+".txt"]))
	f.Add([]byte(`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="`+gid('c', 1)+`" name="A" isCodable="true"><Code guid="`+gid('c', 2)+`" name="B" isCodable="false"/></Code></Codes></CodeBook>`), []byte{})
	f.Add(qdpxZip(f, project("x"), nil), []byte("\ufeffa\r\nb"))
	f.Add([]byte(project("ATLAS.ti", `<Sources><TextSource guid="`+gid('s', 1)+`" plainTextPath="internal://`+gid('s', 1)+`.txt">`+
		textSel(gid('p', 1), 2, 1, coding(gid('g', 1), gid('c', 1), "", ""))+`</TextSource></Sources>`)), []byte("caf\xe9 \r\n🙂"))
	qc, qcFiles := qcBoard("Board_2017.TXT") // one line, a bare text path
	f.Add([]byte(qc), []byte(qcFiles["sources/board_2017.txt"]))
	at, atFiles := atlasProject() // one line, doubled PDF quotations, flat code names
	f.Add([]byte(at), []byte(atFiles["sources/"+gid('r', 1)+".txt"]))
	specs := []string{"variable:area", "case", `source:(\w+)`}
	f.Fuzz(func(t *testing.T, qde, text []byte) {
		dir := t.TempDir()
		spec, err := parseAreaFrom(specs[len(text)%len(specs)])
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "p.qdpx")
		if err := os.WriteFile(p, qdpxZip(t, string(qde), map[string]string{
			fmt.Sprintf("sources/%s.txt", gid('s', 1)): string(text),
			fmt.Sprintf("sources/%s.txt", gid('s', 0)): string(text),
			"sources/board_2017.txt":                   string(text),
			fmt.Sprintf("sources/%s.txt", gid('r', 1)): string(text),
		}), 0o644); err != nil {
			t.Fatal(err)
		}
		readQDPXFile(t, p, spec)
		raw := filepath.Join(dir, "raw.qdpx")
		if err := os.WriteFile(raw, qde, 0o644); err != nil {
			t.Fatal(err)
		}
		readQDPXFile(t, raw, spec)
		bare := filepath.Join(dir, "project.qde")
		if err := os.WriteFile(bare, qde, 0o644); err != nil {
			t.Fatal(err)
		}
		readQDPXFile(t, bare, spec)
		sink := &fuzzSink{t: t, b: &qdaRowBuilder{spec: spec, redact: func(s string) string { return s }}}
		if err := parseQDC(bytes.NewReader(qde), "c.qdc", sink); err != nil {
			if _, ok := err.(*qdaErr); !ok {
				t.Fatalf("parseQDC: %T %v", err, err)
			}
		}
		for st := int64(-1); st <= int64(len(text))+1; st += int64(len(text)/4 + 1) {
			newQDAText(string(text), len(text)%2 == 0).cut(st, st+int64(len(text)/3))
		}
	})
}

// BenchmarkQDPX reads a project of 500 interviews and 50,000 codings: parse
// is the reader alone, load the whole obs ingest of it into a new database.
// The target is under 5 s for load.
func BenchmarkQDPX(b *testing.B) {
	qde, files := genProject(500, 50000)
	dir := b.TempDir()
	path := writeQDPX(b, filepath.Join(dir, "big.qdpx"), qde, files)
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			a, err := openQDPX(path, DefaultLimits)
			if err != nil {
				b.Fatal(err)
			}
			r, err := a.openQDE()
			if err != nil {
				b.Fatal(err)
			}
			sink := &benchSink{b: &qdaRowBuilder{spec: areaSpec{mode: "variable", name: "area"}, read: a.read, redact: func(s string) string { return s }}}
			if err := parseQDE(r, qdaSheet, sink); err != nil {
				b.Fatal(err)
			}
			r.Close()
			a.Close()
			if sink.rows != 50000 {
				b.Fatalf("%d rows", sink.rows)
			}
		}
	})
	b.Run("load", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			e := newEnv(b)
			e.opt.PeriodFrom = "created" // the generated sources are dated when added
			b.StartTimer()
			r, err := File(context.Background(), e.st, path, e.opt)
			if err != nil {
				b.Fatal(err)
			}
			if r.Refused != nil || r.Loaded != 50000 {
				b.Fatalf("%v loaded %d %v", r.Refused, r.Loaded, r.Problems[:min(3, len(r.Problems))])
			}
		}
	})
}

type benchSink struct {
	b    *qdaRowBuilder
	rows int
}

func (s *benchSink) defs(p *qdaProject) error { s.b.p = p; return nil }
func (s *benchSink) source(p *qdaProject, src *qdaSource) error {
	s.rows += len(s.b.rows(src))
	return nil
}

package web

import (
	"io"
	"mime/multipart"
	"strings"
)

// project is what the upload form may say of the REFI-QDA projects sent
// with it (.qdpx, .qde), as 'obs ingest --area' and '--period' do: the area
// every coding belongs to, and the reporting year of the codings whose date
// the project does not give. ingest checks them, with the same messages as
// the flags'; other files do not use them.
type project struct {
	Area, Period string
}

// field reads a form field of the upload other than a file: area and
// period are kept, the rest read past.
func (p *project) field(part *multipart.Part) {
	b, _ := io.ReadAll(io.LimitReader(part, 1<<10))
	io.Copy(io.Discard, io.LimitReader(part, 1<<16))
	switch part.FormName() {
	case "area":
		p.Area = strings.TrimSpace(string(b))
	case "period":
		p.Period = strings.TrimSpace(string(b))
	}
}

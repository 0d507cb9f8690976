package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every file in a folder is either loaded or listed with the reason it is
// not; .qde and .qdc files are loaded.
func TestExpandAccountsForEveryFile(t *testing.T) {
	dir := t.TempDir()
	names := []string{"events.xlsx", "vol.csv", "project.qde", "codebook.qdc", "interviews.qdpx", "grants-2019.xls",
		"minutes.docx", "report.pdf", "~$events.xlsx", ".DS_Store", "notes", "sub/more.csv", ".git/config"}
	for _, n := range names {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, n)), 0o755)
		writeFile(t, filepath.Join(dir, n), []byte("x"))
	}
	files, skipped, err := ExpandAll([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, "load "+strings.TrimPrefix(f, dir+"/"))
	}
	for _, s := range skipped {
		got = append(got, s.Group()+" "+strings.TrimPrefix(s.Path, dir+"/")+": "+strings.SplitN(s.Reason, ":", 2)[0])
	}
	want := []string{
		"load events.xlsx", "load sub/more.csv", "load vol.csv", "load codebook.qdc", "load interviews.qdpx", "load project.qde",
		"hidden file or folder .DS_Store: ignored", "hidden file or folder .git: ignored", "old .xls grants-2019.xls: skipped",
		".docx minutes.docx: skipped", "file without an extension notes: skipped", ".pdf report.pdf: skipped",
		"Excel lock file ~$events.xlsx: ignored",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if why, _ := whySkipped("grants-2019.xls"); !strings.Contains(why, "save it as .xlsx") {
		t.Errorf(".xls: %q", why)
	}
}

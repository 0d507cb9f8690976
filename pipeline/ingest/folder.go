package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Accepted names the kinds of file obs loads, for messages.
const Accepted = ".xlsx, .csv, .qdpx, .qde and .qdc"

// SkippedFile is a file in a folder that is not loaded, and why.
type SkippedFile struct {
	Path   string
	Reason string // what it is and what to do, for the evaluator
	// Ignored: a file no one meant as a return (an Excel lock file, a
	// hidden file), noted but not counted as skipped.
	Ignored bool
}

// Group is how the end-of-run total counts the file: "old .xls", ".pdf".
func (s SkippedFile) Group() string {
	switch {
	case strings.HasPrefix(filepath.Base(s.Path), "~$"):
		return "Excel lock file"
	case s.Ignored:
		return "hidden file or folder"
	case strings.EqualFold(filepath.Ext(s.Path), ".xls"):
		return "old .xls"
	case filepath.Ext(s.Path) == "":
		return "file without an extension"
	}
	return strings.ToLower(filepath.Ext(s.Path))
}

// returnExt says whether a file of that extension is loaded.
func returnExt(ext string) bool {
	switch strings.ToLower(ext) {
	case ".xlsx", ".xlsm", ".csv", ".qdpx", ".qde", ".qdc":
		return true
	}
	return false
}

// whySkipped says why a file in a folder is not loaded; "" when it is.
func whySkipped(name string) (reason string, ignored bool) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case strings.HasPrefix(name, "~$"):
		return "ignored: Excel's lock file, there while the workbook is open in Excel (the workbook itself is read; close it in Excel if this keeps appearing)", true
	case strings.HasPrefix(name, "."):
		return "ignored: a hidden file", true
	case returnExt(ext):
		return "", false
	case ext == ".xls":
		return "skipped: an old-style Excel workbook (.xls), which obs does not read; open it in Excel, save it as .xlsx (Excel Workbook) and load that", false
	case ext == ".docx" || ext == ".doc" || ext == ".odt" || ext == ".rtf":
		return "skipped: a document, not a return; put its figures in a return (.xlsx or .csv), or code it in a qualitative tool and export the project (.qdpx)", false
	case ext == ".pdf":
		return "skipped: a PDF, which obs does not read; ask for the return as .xlsx or .csv", false
	case ext == ".ods" || ext == ".numbers":
		return "skipped: a spreadsheet in another program's format; save it as .xlsx and load that", false
	case ext == ".txt" || ext == ".tsv":
		return "skipped: a text file; if it holds a return, save it as .csv and load that", false
	}
	return "skipped: not a kind of file obs loads (it reads " + Accepted + ")", false
}

// ExpandAll turns files and folders into the list of returns to load,
// sorted, and lists every other file found in the folders with the reason
// it is not loaded. A file named on its own is always tried.
func ExpandAll(paths []string) ([]string, []SkippedFile, error) {
	var out []string
	var skipped []SkippedFile
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: no such file or folder", p)
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var in []string
		err = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					skipped = append(skipped, SkippedFile{Path: path, Reason: "ignored: a hidden folder (not read)", Ignored: true})
					return filepath.SkipDir // .git and the like
				}
				return nil
			}
			if why, ignored := whySkipped(d.Name()); why != "" {
				skipped = append(skipped, SkippedFile{Path: path, Reason: why, Ignored: ignored})
				return nil
			}
			in = append(in, path)
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
		sort.Strings(in)
		out = append(out, in...)
	}
	sort.SliceStable(skipped, func(i, j int) bool { return skipped[i].Path < skipped[j].Path })
	return Order(out), skipped, nil
}

// Expand is ExpandAll without the files it does not load.
func Expand(paths []string) ([]string, error) {
	files, _, err := ExpandAll(paths)
	return files, err
}

package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// TestCLI runs the cases in testdata/cli, one folder each (as sqlc's
// end-to-end tests do). A case's cmd file says what to run, one step a line,
// in order, in a fresh temporary folder that holds a copy of the case's other
// files and is the working directory (so the database is obs.duckdb there,
// and $OBS_KEY is the key file "key" there, never the user's own; it holds
// testKey, so pseudonyms are the same every run, unless the case has a file
// "key" of its own):
//
//	# a comment
//	obs ingest vol.xlsx          an obs command line, run in-process
//	obs query - < query.sql      ... with a file of the case as its stdin (> /dev/null: no output kept)
//	seed $REPO/pipeline/query/testdata/seed.sql
//	                             runs SQL on a new database before the commands
//	sample-db                    starts from the bundled sample, ingested
//	env OBS_CHROMIUM=nowhere     sets an environment variable
//
// Words are split at spaces; 'single' or "double" quotes keep spaces in one.
// $TMP is the temporary folder, $REPO the module's root (the bundled sample
// is $REPO/data/sample). What the obs commands print is compared exactly with
// the files stdout and stderr (a missing file is empty), and their exit
// statuses, one a line, with exit; no line of the file absent, if there is
// one, may appear in it (in any case). In a case of more than one command, each
// command's output is headed by its line of cmd. What varies from run to run
// is replaced first (see normalise). 'go test -run TestCLI -update' rewrites
// the expected files: read the diff before committing it.
func TestCLI(t *testing.T) {
	cases, err := filepath.Glob("testdata/cli/*/cmd")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases in testdata/cli: %v", err)
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		dir, err := filepath.Abs(filepath.Dir(c))
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(dir), func(t *testing.T) { runCase(t, dir, repo) })
	}
}

var update = flag.Bool("update", false, "rewrite the expected outputs of the CLI cases in testdata/cli")

// expected are the files of a case that hold what it should print.
var expected = map[string]bool{"cmd": true, "stdout": true, "stderr": true, "exit": true, "absent": true}

func runCase(t *testing.T, dir, repo string) {
	script, err := os.ReadFile(filepath.Join(dir, "cmd"))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	if err := copyInputs(dir, tmp); err != nil {
		t.Fatal(err)
	}
	t.Chdir(tmp)
	if err := writeTestKey(filepath.Join(tmp, "key")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("OBS_DB", "")
	t.Setenv("OBS_KEY", filepath.Join(tmp, "key"))
	t.Setenv("OBS_TOKEN", "")
	t.Setenv("OBS_CHROMIUM", "")
	expand := strings.NewReplacer("$TMP", tmp, "$REPO", repo).Replace

	var steps []string
	for _, line := range strings.Split(string(script), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			steps = append(steps, line)
		}
	}
	var commands int
	for _, s := range steps {
		if strings.HasPrefix(s, "obs ") || s == "obs" {
			commands++
		}
	}
	var stdout, stderr, exits strings.Builder
	for _, line := range steps {
		words, err := splitWords(line)
		if err != nil {
			t.Fatalf("cmd: %s: %v", line, err)
		}
		for i := range words {
			words[i] = expand(words[i])
		}
		switch words[0] {
		case "obs":
			var stdin io.Reader = strings.NewReader("")
			if n := len(words); n >= 3 && words[n-2] == "<" {
				b, err := os.ReadFile(words[n-1])
				if err != nil {
					t.Fatalf("cmd: %s: %v", line, err)
				}
				stdin, words = bytes.NewReader(b), words[:n-2]
			}
			var out, errb bytes.Buffer
			var to, toErr io.Writer = &out, &errb
			if n := len(words); n >= 3 && words[n-2] == ">" && words[n-1] == "/dev/null" {
				to, toErr, words = io.Discard, io.Discard, words[:n-2]
			}
			// A command that should stop but serves instead is stopped.
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			code := Run(ctx, words[1:], stdin, to, toErr)
			cancel()
			for _, o := range []struct {
				to   *strings.Builder
				text string
			}{{&stdout, out.String()}, {&stderr, errb.String()}} {
				if commands > 1 && o.text != "" {
					o.to.WriteString("$ " + line + "\n")
				}
				o.to.WriteString(o.text)
			}
			fmt.Fprintln(&exits, code)
		case "seed":
			seed(t, words[1:])
		case "sample-db":
			copySampleDB(t, repo)
		case "env":
			name, value, ok := strings.Cut(strings.Join(words[1:], " "), "=")
			if !ok {
				t.Fatalf("cmd: %s: write env NAME=VALUE", line)
			}
			t.Setenv(name, value)
		default:
			t.Fatalf("cmd: %s: a step is obs, seed, sample-db or env", line)
		}
	}
	r := normaliser(tmp, repo)
	compare(t, dir, "stdout", normalise(r, stdout.String()))
	compare(t, dir, "stderr", normalise(r, stderr.String()))
	compare(t, dir, "exit", exits.String())
	checkAbsent(t, dir, stdout.String()+stderr.String())
}

// checkAbsent checks that no line of the case's file absent (names that
// must never be shown, say) is in the output.
func checkAbsent(t *testing.T, dir, output string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "absent"))
	if os.IsNotExist(err) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if s != "" && strings.Contains(strings.ToLower(output), strings.ToLower(s)) {
			t.Errorf("the output shows %q, which the case's file absent says it must not", s)
		}
	}
}

// normaliser replaces the temporary folder and the module's root, however
// they are spelt, with $TMP and $REPO.
func normaliser(tmp, repo string) *strings.Replacer {
	var pairs []string
	for _, p := range [][2]string{{tmp, "$TMP"}, {repo, "$REPO"}} {
		pairs = append(pairs, p[0], p[1])
		if real, err := filepath.EvalSymlinks(p[0]); err == nil && real != p[0] {
			pairs = append(pairs, real, p[1])
		}
	}
	return strings.NewReplacer(pairs...)
}

// varying are the parts of the output that differ from run to run, and what
// stands for them in the expected files.
var varying = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`(took:\s+)[0-9.]+ s\b`), "${1}<time>"},
	{regexp.MustCompile(`\b20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC\b`), "<when>"}, // a version of the method saved
}

func normalise(paths *strings.Replacer, s string) string {
	s = paths.Replace(s)
	for _, v := range varying {
		s = v.re.ReplaceAllString(s, v.with)
	}
	return s
}

// compare checks the output against the case's file name (missing means
// empty), or rewrites the file with -update.
func compare(t *testing.T, dir, name, got string) {
	t.Helper()
	path := filepath.Join(dir, name)
	if *update {
		var err error
		if got == "" {
			err = os.Remove(path)
			if os.IsNotExist(err) {
				err = nil
			}
		} else {
			err = os.WriteFile(path, []byte(got), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -tags duckdb_arrow -run 'TestCLI/%s$' -update rewrites it):\n%s",
			name, filepath.Base(dir), lineDiff(string(want), got))
	}
}

// lineDiff shows the lines from the first that differs.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	end := func(l []string) []string { return l[i:min(len(l), i+8)] }
	return fmt.Sprintf("from line %d\n--- want\n%s\n--- got\n%s", i+1,
		strings.Join(end(w), "\n"), strings.Join(end(g), "\n"))
}

// splitWords splits a line of cmd at spaces, keeping quoted text together.
func splitWords(line string) ([]string, error) {
	var words []string
	var word strings.Builder
	inWord := false
	var quote rune
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			word.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("a quote is not closed")
	}
	if inWord {
		words = append(words, word.String())
	}
	return words, nil
}

// copyInputs copies a case's input files into the folder it runs in.
func copyInputs(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if expected[rel] {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
}

// seed makes the database obs.duckdb and runs the SQL files on it.
func seed(t *testing.T, files []string) {
	t.Helper()
	s, err := store.Open(context.Background(), "obs.duckdb")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, f := range files {
		sql, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB.Exec(string(sql)); err != nil {
			t.Fatalf("seed %s: %v", f, err)
		}
	}
}

// testKey is the pseudonym key of the cases.
const testKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

// writeTestKey writes testKey to path, unless a key is there already.
func writeTestKey(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if os.IsExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteString(testKey); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var bundled struct {
	once sync.Once
	db   []byte
	err  error
}

// copySampleDB makes obs.duckdb a copy of a database with the bundled
// sample ingested (ingested once for all the cases).
func copySampleDB(t *testing.T, repo string) {
	t.Helper()
	copyBundled(t, repo, "obs.duckdb")
}

// sampleDatabase returns a new copy of the database with the bundled sample
// ingested, and the path of the pseudonym key (testKey) it was made with.
func sampleDatabase(t *testing.T) (db, key string) {
	t.Helper()
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db, key = filepath.Join(dir, "obs.duckdb"), filepath.Join(dir, "key")
	copyBundled(t, repo, db)
	if err := writeTestKey(key); err != nil {
		t.Fatal(err)
	}
	return db, key
}

func copyBundled(t *testing.T, repo, to string) {
	t.Helper()
	bundled.once.Do(func() {
		dir, err := os.MkdirTemp("", "obs-cli-sample-")
		if err != nil {
			bundled.err = err
			return
		}
		defer os.RemoveAll(dir)
		db := filepath.Join(dir, "obs.duckdb")
		key := filepath.Join(dir, "key")
		if bundled.err = writeTestKey(key); bundled.err != nil {
			return
		}
		var out bytes.Buffer
		args := []string{"ingest", "--db", db, "--key", key, filepath.Join(repo, "data", "sample")}
		if code := Run(context.Background(), args, strings.NewReader(""), &out, &out); code != ExitOK && code != ExitQuarantined {
			bundled.err = fmt.Errorf("ingesting the sample: exit %d\n%s", code, out.String())
			return
		}
		bundled.db, bundled.err = os.ReadFile(db)
	})
	if bundled.err != nil {
		t.Fatal(bundled.err)
	}
	if err := os.WriteFile(to, bundled.db, 0o644); err != nil {
		t.Fatal(err)
	}
}

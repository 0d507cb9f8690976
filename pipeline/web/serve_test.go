package web_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/cli"
	"github.com/ourbiggerstory/obs/pipeline/web"
)

// TestServeRefusesOpenAddressWithoutToken: 'obs serve' beyond loopback
// without a token stops before it opens anything.
func TestServeRefusesOpenAddressWithoutToken(t *testing.T) {
	t.Setenv("OBS_TOKEN", "")
	db := filepath.Join(t.TempDir(), "obs.duckdb")
	for _, addr := range []string{"0.0.0.0:0", ":8080", "192.0.2.7:80"} {
		var out, errb bytes.Buffer
		code := cli.Run(context.Background(), []string{"serve", "--db", db, "--addr", addr}, nil, &out, &errb)
		if code != cli.ExitUsage {
			t.Errorf("%s: exit %d, want %d", addr, code, cli.ExitUsage)
		}
		if !strings.Contains(errb.String(), "--token") {
			t.Errorf("%s: message does not say to give --token: %q", addr, errb.String())
		}
	}
	if matches, _ := filepath.Glob(db + "*"); len(matches) > 0 {
		t.Errorf("the database was created: %v", matches)
	}
}

// TestServeAddUser: 'obs serve --users FILE --add-user NAME' shows the new
// token once and the file then lets that person in.
func TestServeAddUser(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users")
	var out, errb bytes.Buffer
	code := cli.Run(context.Background(), []string{"serve", "--db", filepath.Join(t.TempDir(), "obs.duckdb"), "--users", path, "--add-user", "Evaluator Gamma"}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(out.String(), "\n")
	if len(lines) < 2 {
		t.Fatalf("output: %q", out.String())
	}
	token := strings.TrimSpace(lines[1])
	u, err := web.ReadUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	if who, ok := u.Who(token); !ok || who != "Evaluator Gamma" {
		t.Errorf("the token shown (%q) is %q's in the file, want Evaluator Gamma's", token, who)
	}
	if code := cli.Run(context.Background(), []string{"serve", "--add-user", "Evaluator Delta"}, nil, &out, &errb); code != cli.ExitUsage || !strings.Contains(errb.String(), "--users") {
		t.Errorf("--add-user without --users: exit %d, %q", code, errb.String())
	}
}

package web_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/cli"
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

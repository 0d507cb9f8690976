// Command obs is the Our Bigger Story evaluation pipeline. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/ourbiggerstory/obs/pipeline/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Package notebooks holds the notebooks the project ships, as Markdown with
// SQL and chart cells (see pipeline/notebook). 'obs build' renders the ones in
// the notebooks/ folder when it runs from the repository, and these embedded
// copies anywhere else.
package notebooks

import "embed"

// Files are the shipped notebooks, *.md.
//
//go:embed *.md
var Files embed.FS

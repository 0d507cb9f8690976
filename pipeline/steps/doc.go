// Package steps is every step obs takes that has effects: load returns,
// recompute the analyses, write evidence packs (HTML, XLSX, PDF) and run
// notebooks. The command line (package cli) and the web interface (package
// web) both call it, so a step behaves the same from either door: cli keeps
// flags and printing, web keeps HTTP, pages and access.
//
// It sits at the top of the flow beside them: it may import every stage
// (ingest, store, analysis, report, notebook) and none of them imports it.
package steps

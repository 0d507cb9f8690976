// Package web is the obs web interface ('obs serve'): server-rendered pages
// for evaluators to load returns and see at once what was quarantined,
// compare the areas on every definition of resident-led, read each area's
// evidence pack, run the saved queries and a read-only SQL console, and read
// the rendered notebooks. It owns the pages, their charts (inline SVG drawn
// here), access control (loopback by default, a token otherwise, CSRF on
// every POST, capped uploads) and the console's sandbox. It sits at the top
// of the flow: the read-write store, ingest and, through Hooks, the
// analyses, packs, query library and notebooks are given to it.
package web

// Package web is the obs web interface ('obs serve'): server-rendered pages
// for evaluators to load returns and see at once what was quarantined,
// compare the areas on every definition of resident-led, read each area's
// evidence pack, run the saved queries and a read-only SQL console, and read
// the rendered notebooks. It owns the pages, their charts (inline SVG drawn
// here), access control (loopback by default, a token otherwise, CSRF on
// every POST, capped uploads) and the console's sandbox. Every step with
// effects (loading returns, recomputing, packs, notebooks) is package
// steps's, as for the command line: web keeps HTTP, pages and access.
package web

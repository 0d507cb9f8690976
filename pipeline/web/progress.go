package web

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"sync"
	"time"
)

// Long work besides the recompute, that a page follows through /state.json:
// returns being loaded (rows read so far, per file) and an evidence pack
// being printed to PDF. A page names its own work with an id it makes and
// sends with the request (?progress=ID); work sent without one is listed
// all the same, under an id of the server's.

// workList is the work under way.
type workList struct {
	mu   sync.Mutex
	next int
	jobs map[string]*job
	// hook, when set (by tests), is told of each start and each file's
	// rows read, once the list has them, from the goroutine doing the work.
	hook func(jobView)
}

// job is one piece of work: what it is, the step it is at, and, for a
// load, its files in the order they are read.
type job struct {
	id, what, step string
	files          []fileRows
	since          time.Time
}

// fileRows is how far the reading of one file has come.
type fileRows struct {
	Name string `json:"name"`
	Rows int    `json:"rows"`
	// State is "waiting", "reading" or "read".
	State string `json:"state"`
}

// jobView is a job as /state.json gives it.
type jobView struct {
	ID      string     `json:"id"`
	What    string     `json:"what"`
	Step    string     `json:"step,omitempty"`
	Files   []fileRows `json:"files,omitempty"`
	Seconds int        `json:"seconds"`
}

func (j *job) view() jobView {
	return jobView{ID: j.id, What: j.what, Step: j.step, Files: append([]fileRows(nil), j.files...), Seconds: int(time.Since(j.since).Seconds())}
}

var progressID = regexp.MustCompile(`^[A-Za-z0-9_-]{8,64}$`)

// start records new work and returns its id: the one the page sent when it
// is well formed, else one of the server's. files are the names of the
// files a load reads, in the order it reads them; step what it waits for
// before it begins, if anything.
func (l *workList) start(r *http.Request, what, step string, files []string) string {
	l.mu.Lock()
	id := r.URL.Query().Get("progress")
	if _, taken := l.jobs[id]; !progressID.MatchString(id) || taken {
		l.next++
		id = fmt.Sprintf("server-%d", l.next)
	}
	if l.jobs == nil {
		l.jobs = map[string]*job{}
	}
	j := &job{id: id, what: what, step: step, since: time.Now()}
	for _, f := range files {
		j.files = append(j.files, fileRows{Name: f, State: "waiting"})
	}
	l.jobs[id] = j
	l.told(j)
	return id
}

// told unlocks the list and tells the hook of j.
func (l *workList) told(j *job) {
	v, hook := j.view(), l.hook
	l.mu.Unlock()
	if hook != nil {
		hook(v)
	}
}

// end forgets the work: it is done.
func (l *workList) end(id string) {
	l.mu.Lock()
	delete(l.jobs, id)
	l.mu.Unlock()
}

// reading says the load has begun: its first file is being read.
func (l *workList) reading(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if j := l.jobs[id]; j != nil && len(j.files) > 0 {
		j.step, j.files[0].State = "", "reading"
	}
}

// read records the rows read so far of the file being read, the first not
// read yet; done says it has been read to the end, and the next is being
// read. name is the file as the load names it.
func (l *workList) read(id, name string, rows int, done bool) {
	l.mu.Lock()
	j := l.jobs[id]
	if j == nil {
		l.mu.Unlock()
		return
	}
	for i := range j.files {
		f := &j.files[i]
		if f.State == "read" {
			continue
		}
		f.Name, f.Rows, f.State = name, rows, "reading"
		if done {
			f.State = "read"
			if i+1 < len(j.files) {
				j.files[i+1].State = "reading"
			}
		}
		break
	}
	l.told(j)
}

// list is the work under way, oldest first.
func (l *workList) list() []jobView {
	l.mu.Lock()
	defer l.mu.Unlock()
	jobs := make([]*job, 0, len(l.jobs))
	for _, j := range l.jobs {
		jobs = append(jobs, j)
	}
	sort.Slice(jobs, func(a, b int) bool { return jobs[a].since.Before(jobs[b].since) })
	out := make([]jobView, len(jobs))
	for i, j := range jobs {
		out[i] = j.view()
	}
	return out
}

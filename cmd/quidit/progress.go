package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"
)

// progress counts documents and shows a progress line on stderr (when on),
// redrawn a few times a second; messages printed through it clear the line
// first. Its counters are updated by the goroutine writing the output.
type progress struct {
	w     io.Writer
	show  bool
	total int64        // bytes of input as stored, or -1 when unknown
	read  atomic.Int64 // bytes of input read so far, as stored
	start time.Time

	mu        sync.Mutex
	docs      int   // records written
	failed    int   // records that failed
	textBytes int64 // bytes of text analysed
	drawn     bool  // a progress line is on screen
	stop      chan struct{}
	done      chan struct{}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newProgress starts counting; with show it draws the line until finish.
func newProgress(w io.Writer, show bool, total int64) *progress {
	p := &progress{w: w, show: show, total: total, start: time.Now()}
	if show {
		p.stop, p.done = make(chan struct{}), make(chan struct{})
		go p.loop()
	}
	return p
}

func (p *progress) loop() {
	defer close(p.done)
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			p.draw()
			p.mu.Unlock()
		}
	}
}

// add counts one record written: textBytes of text, failed or not.
func (p *progress) add(textBytes int, failed bool) {
	p.mu.Lock()
	p.docs++
	p.textBytes += int64(textBytes)
	if failed {
		p.failed++
	}
	p.mu.Unlock()
}

// printf prints a message line on stderr, below the progress line.
func (p *progress) printf(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	fmt.Fprintf(p.w, format, args...)
}

func (p *progress) clear() {
	if p.drawn {
		io.WriteString(p.w, "\r\033[K")
		p.drawn = false
	}
}

const mb = 1e6

func (p *progress) draw() {
	el := time.Since(p.start).Seconds()
	line := fmt.Sprintf("\r\033[K%d docs  %.1f MB  %.1f MB/s  %d errors", p.docs, float64(p.textBytes)/mb, float64(p.textBytes)/mb/max(el, 1e-3), p.failed)
	if read := p.read.Load(); p.total > 0 && read > 0 {
		frac := min(float64(read)/float64(p.total), 1)
		eta := time.Duration(el * (1 - frac) / frac * float64(time.Second)).Round(time.Second)
		line += fmt.Sprintf("  %3.0f%%  ETA %s", 100*frac, eta)
	}
	io.WriteString(p.w, line)
	p.drawn = true
}

// finish stops the progress line and, unless quiet, prints the summary.
func (p *progress) finish(quiet bool) {
	if p.show {
		close(p.stop)
		<-p.done
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	if quiet {
		return
	}
	el := time.Since(p.start).Seconds()
	fmt.Fprintf(p.w, "quidit: %d documents, %d failed, %.1f MB in %.1f s (%.1f MB/s)\n",
		p.docs, p.failed, float64(p.textBytes)/mb, el, float64(p.textBytes)/mb/max(el, 1e-3))
}

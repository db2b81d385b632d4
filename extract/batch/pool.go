package batch

import (
	"iter"
	"runtime"
	"sync"
)

// Ordered calls work on each value of in, on workers goroutines, and calls
// emit with the results in the order of in, from the calling goroutine. At
// most window+2 values are in flight (read from in but not yet emitted): a
// slow value holds up reading rather than letting the queue grow. workers and
// window below 1 count as 1.
//
// When emit returns an error, Ordered stops reading in and returns the error
// at once, without waiting for the work in flight to finish. Otherwise it
// returns nil once every value has been emitted.
//
// The calling goroutine is one of the workers: between two emits it works on
// values too, and with one worker it does all the work itself, while another
// goroutine reads in ahead. Workers take one value at a time, and a goroutine
// is woken only when it waits for one: on a machine where waking a thread is
// dear, handing values over costs little.
func Ordered[In, Out any](in iter.Seq[In], workers, window int, work func(In) Out, emit func(Out) error) error {
	workers = max(workers, 1)
	window = max(window, 1)
	p := &pool[In, Out]{slots: make([]slot[In, Out], window+1), workers: workers}
	p.readable.L, p.workable.L, p.emittable.L = &p.mu, &p.mu, &p.mu
	go p.feed(in)
	for range workers - 1 {
		go p.help(work)
	}
	return p.lead(work, emit)
}

// pool is the state Ordered's goroutines share, under mu. The values read
// and not yet emitted are in slots, a ring: value number k is in slot
// k % len(slots), and read - emitted <= len(slots). The value being read, not
// yet stored, is the last one in flight (window+2 in all).
type pool[In, Out any] struct {
	mu    sync.Mutex
	slots []slot[In, Out]
	// read values were stored, taken of them were taken by a worker,
	// emitted of them were emitted, done of them (from emitted on, in
	// order) are done.
	read, taken, emitted int
	eof, stop            bool // in is all read; Ordered returned
	workers              int

	readable  sync.Cond // signalled when the feeder may store a value
	workable  sync.Cond // signalled when a helper may take values, or should end
	emittable sync.Cond // signalled when the leader may take values or emit
	// waiting goroutines of each kind: signals go only to those who wait
	feedWaits, helpWaits, leadWaits int
}

type slot[In, Out any] struct {
	in   In
	out  Out
	done bool
}

// feed reads in into the slots.
func (p *pool[In, Out]) feed(in iter.Seq[In]) {
	for v := range in {
		// The lock is not held while in yields the next value: it may take
		// long (a pipe).
		p.mu.Lock()
		for p.read-p.emitted == len(p.slots) && !p.stop {
			p.feedWaits++
			p.readable.Wait()
			p.feedWaits--
		}
		if p.stop {
			p.mu.Unlock()
			return
		}
		p.slots[p.read%len(p.slots)].in = v
		p.read++
		// Wake a worker only when one waits: one that is working takes the
		// value when it is done with its own.
		if p.leadWaits > 0 {
			p.emittable.Signal()
		} else if p.helpWaits > 0 {
			p.workable.Signal()
		}
		p.mu.Unlock()
	}
	p.mu.Lock()
	p.eof = true
	p.emittable.Broadcast()
	p.workable.Broadcast()
	p.mu.Unlock()
}

// next marks the oldest value waiting taken and returns its number, or
// false when none waits. Values are taken one at a time and each is marked
// done as soon as it is: the leader never waits for the rest of a batch to
// emit in order (which, with a window of a few values, idled the other
// workers).
func (p *pool[In, Out]) next() (int, bool) {
	if p.read == p.taken {
		return 0, false
	}
	p.taken++
	return p.taken - 1, true
}

// Window returns the window Ordered is given by the command line and the
// benchmarks for workers workers: records in flight enough that a long
// document does not leave the other workers idle (16 a worker: two workers
// on two cores run 1.9-2x one, against 1.6-1.7x with 4 a worker), and that
// the feeder is seldom woken (32 at least: with one worker and 16, waking
// it took 2% of the worker's time), while memory stays bounded.
func Window(workers int) int { return max(32, 16*workers) }

// run works on value k (taken, in its slot), with the lock released
// meanwhile, and marks it done.
func (p *pool[In, Out]) run(k int, work func(In) Out) {
	s := &p.slots[k%len(p.slots)]
	v := s.in
	var zero In
	s.in = zero
	var out Out
	p.unlocked(func() { out = work(v) })
	s = &p.slots[k%len(p.slots)]
	s.out, s.done = out, true
}

// unlocked calls f with p.mu released, and takes it again, even when f
// panics.
func (p *pool[In, Out]) unlocked(f func()) {
	p.mu.Unlock()
	defer p.mu.Lock()
	f()
}

// end stops the pool: the feeder and the helpers return.
func (p *pool[In, Out]) end() {
	p.stop = true
	p.readable.Broadcast()
	p.workable.Broadcast()
}

// help is a worker goroutine beside the leader.
func (p *pool[In, Out]) help(work func(In) Out) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for !p.stop {
		k, ok := p.next()
		if !ok {
			if p.eof {
				return
			}
			p.helpWaits++
			p.workable.Wait()
			p.helpWaits--
			continue
		}
		p.run(k, work)
		if p.leadWaits > 0 && p.slots[p.emitted%len(p.slots)].done {
			p.emittable.Signal()
		}
	}
}

// lead is the calling goroutine: it emits the values done, in order, and
// works on values while none is.
func (p *pool[In, Out]) lead(work func(In) Out, emit func(Out) error) (err error) {
	var outs []Out
	p.mu.Lock()
	defer p.mu.Unlock()
	defer p.end() // also when work or emit panics
	for {
		// Emit the values done, in order, the lock released meanwhile.
		n := 0
		for p.emitted+n < p.taken && p.slots[(p.emitted+n)%len(p.slots)].done {
			n++
		}
		if n > 0 {
			outs = outs[:0]
			for k := p.emitted; k < p.emitted+n; k++ {
				s := &p.slots[k%len(p.slots)]
				outs = append(outs, s.out)
				var zero Out
				s.out, s.done = zero, false
			}
			p.unlocked(func() {
				for i := range outs {
					if err = emit(outs[i]); err != nil {
						return
					}
					var zero Out
					outs[i] = zero
				}
			})
			if err != nil {
				return err
			}
			p.emitted += n
			// Wake the feeder once three quarters of the slots are free, not
			// for each: waking a thread is dear (a futex call, 2-3% of one
			// worker's time when woken at half), and reading the next
			// values takes much less time than working on the few left.
			if p.feedWaits > 0 && p.read-p.emitted <= len(p.slots)/4 {
				p.readable.Signal()
				// With a worker on every P, the feeder, now ready, would
				// wait in this P's queue until the leader blocks, that is
				// until the workers have drained the window, and then
				// fill it while they idle: two workers ran 1.63-1.82x one.
				// Yielding lets it fill the window at once (it blocks
				// again when the window is full) while the other workers
				// go on: 1.90-2.1x.
				if p.workers > 1 {
					p.unlocked(runtime.Gosched)
				}
			}
			continue
		}
		if k, ok := p.next(); ok {
			p.run(k, work)
			continue
		}
		if p.eof && p.emitted == p.read {
			return nil
		}
		p.leadWaits++
		p.emittable.Wait()
		p.leadWaits--
	}
}

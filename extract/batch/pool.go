package batch

import (
	"iter"
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
func Ordered[In, Out any](in iter.Seq[In], workers, window int, work func(In) Out, emit func(Out) error) error {
	workers = max(workers, 1)
	window = max(window, 1)
	type job struct {
		in  In
		out chan Out // buffered: a worker never waits for emit
	}
	jobs := make(chan job, window)
	order := make(chan chan Out, window)
	stop := make(chan struct{})

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out <- work(j.in)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for v := range in {
			j := job{in: v, out: make(chan Out, 1)}
			select {
			case order <- j.out:
			case <-stop:
				return
			}
			jobs <- j // never blocks long: at most window+1 jobs are unfinished
		}
	}()

	for out := range order {
		if err := emit(<-out); err != nil {
			close(stop)
			return err
		}
	}
	wg.Wait()
	return nil
}

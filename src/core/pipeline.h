/*
 * pipeline.h - a run of jobs, each prepared, worked and consumed in turn,
 * whose work is done on other threads (PIPELINE_WORKERS of them) while
 * the calling thread prepares the jobs ahead and consumes those done: a
 * replay's reading and writing of the collection on one core, its
 * scheduling on the others.
 */
#ifndef REHEARSE_PIPELINE_H
#define REHEARSE_PIPELINE_H

#include <stddef.h>

struct pipeline_ops {
	/* On the calling thread, in the order of i: job i gets what its work
	 * needs.  At most `ahead` jobs are prepared and not consumed at a
	 * time, so a ring of `ahead` slots (slot i % ahead) can hold them.
	 * 0, or -1 with *errmsg: the run stops. */
	int (*prepare)(size_t i, void *ctx, char **errmsg);
	/* On worker number worker (0 to PIPELINE_WORKERS - 1; on the
	 * calling thread as worker 0, see pipeline_run): works job i out.
	 * Jobs are worked in no set order, two at a time: work must touch
	 * job i, what no other job's work touches (what is worker's own),
	 * and what nobody changes during the run; never what prepare and
	 * consume do.  It cannot fail: an outcome to report is job i's. */
	void (*work)(size_t i, unsigned worker, void *ctx);
	/* On the calling thread, in the order of i, after job i's work: 0,
	 * or -1 with *errmsg: the run stops. */
	int (*consume)(size_t i, void *ctx, char **errmsg);
};

/*
 * Runs jobs 0..n-1 through ops with ctx.  Fewer than PIPELINE_MIN_JOBS
 * jobs, or no thread to be had, run on the calling thread alone, each
 * prepared, worked and consumed before the next.  Returns 0, or -1 with
 * *errmsg from prepare or consume; the workers have ended either way.
 * Jobs prepared and not consumed when the run stops are the caller's to
 * release: they are the slots prepared last.
 */
#define PIPELINE_MIN_JOBS 256
#define PIPELINE_WORKERS 2
int pipeline_run(size_t n, size_t ahead, const struct pipeline_ops *ops,
    void *ctx, char **errmsg);

#endif

/* pipeline.c - jobs worked on other threads (pipeline.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "core/pipeline.h"
#include "core/util.h"

/* Jobs handed over together: a hand-over is a lock, and maybe a wake-up,
 * which costs as much as a small job. */
#define CHUNK 16

struct run {
	const struct pipeline_ops *ops;
	void *ctx;
	size_t n, ahead;
	pthread_mutex_t lock;
	pthread_cond_t more; /* prepared grew, or stop was set */
	pthread_cond_t done; /* worked grew */
	/* Under lock: jobs 0..prepared-1 are prepared, 0..claimed-1 taken
	 * by a worker, 0..worked-1 all worked; is_worked[i % ahead] says
	 * whether job i (worked <= i < claimed) is. */
	size_t prepared, claimed, worked;
	bool *is_worked;
	bool stop;
	int workers_wait;  /* workers waiting on more */
	bool caller_waits; /* on done */
};

struct worker_arg {
	struct run *r;
	unsigned id;
	pthread_t thread;
	bool started;
};

/* Marks jobs from..to-1 worked, and moves r->worked past every job
 * worked since. */
static void
tell_worked(struct run *r, size_t from, size_t to)
{
	pthread_mutex_lock(&r->lock);
	for (size_t i = from; i < to; i++)
		r->is_worked[i % r->ahead] = true;
	while (r->worked < r->claimed && r->is_worked[r->worked % r->ahead]) {
		r->is_worked[r->worked % r->ahead] = false;
		r->worked++;
	}
	if (r->caller_waits)
		pthread_cond_signal(&r->done);
	pthread_mutex_unlock(&r->lock);
}

static void *
worker(void *arg)
{
	struct worker_arg *w = arg;
	struct run *r = w->r;
	size_t from, to;

	for (;;) {
		pthread_mutex_lock(&r->lock);
		while (!r->stop && r->claimed == r->prepared && r->claimed < r->n) {
			r->workers_wait++;
			pthread_cond_wait(&r->more, &r->lock);
			r->workers_wait--;
		}
		if (r->stop || r->claimed == r->n) {
			pthread_mutex_unlock(&r->lock);
			return NULL;
		}
		from = r->claimed;
		to = r->prepared - from > CHUNK ? from + CHUNK : r->prepared;
		r->claimed = to;
		pthread_mutex_unlock(&r->lock);
		for (size_t i = from; i < to; i++)
			r->ops->work(i, w->id, r->ctx);
		tell_worked(r, from, to);
	}
}

static int
inline_run(size_t n, const struct pipeline_ops *ops, void *ctx,
    char **errmsg)
{
	for (size_t i = 0; i < n; i++) {
		if (ops->prepare(i, ctx, errmsg) < 0)
			return -1;
		ops->work(i, 0, ctx);
		if (ops->consume(i, ctx, errmsg) < 0)
			return -1;
	}
	return 0;
}

/* Prepares up to CHUNK jobs from *prepared while the ring has room. */
static int
prepare_some(struct run *r, size_t consumed, size_t *prepared, char **errmsg)
{
	size_t i = *prepared, end = *prepared + CHUNK;

	for (; i < end && i < r->n && i - consumed < r->ahead; i++)
		if (r->ops->prepare(i, r->ctx, errmsg) < 0)
			return -1;
	if (i == *prepared)
		return 0;
	*prepared = i;
	pthread_mutex_lock(&r->lock);
	r->prepared = i;
	if (r->workers_wait > 0)
		pthread_cond_broadcast(&r->more);
	pthread_mutex_unlock(&r->lock);
	return 0;
}

/* Prepares jobs ahead and consumes those worked, in turns, waiting for
 * the workers only when neither can go on. */
static int
drive(struct run *r, char **errmsg)
{
	size_t consumed = 0, prepared = 0, worked;

	while (consumed < r->n) {
		if (prepare_some(r, consumed, &prepared, errmsg) < 0)
			return -1;
		pthread_mutex_lock(&r->lock);
		while (r->worked == consumed &&
		       (prepared == r->n || prepared - consumed == r->ahead)) {
			r->caller_waits = true;
			pthread_cond_wait(&r->done, &r->lock);
			r->caller_waits = false;
		}
		worked = r->worked;
		pthread_mutex_unlock(&r->lock);
		for (; consumed < worked; consumed++)
			if (r->ops->consume(consumed, r->ctx, errmsg) < 0)
				return -1;
	}
	return 0;
}

/* Starts the workers and drives the run; -2 when no worker started. */
static int
threaded_run(struct run *r, char **errmsg)
{
	struct worker_arg w[PIPELINE_WORKERS];
	int rc = -2;

	for (unsigned i = 0; i < PIPELINE_WORKERS; i++) {
		w[i] = (struct worker_arg){ .r = r, .id = i };
		w[i].started = pthread_create(&w[i].thread, NULL, worker, &w[i]) == 0;
	}
	if (w[0].started)
		rc = drive(r, errmsg);
	pthread_mutex_lock(&r->lock);
	r->stop = true;
	pthread_cond_broadcast(&r->more);
	pthread_mutex_unlock(&r->lock);
	for (unsigned i = 0; i < PIPELINE_WORKERS; i++)
		if (w[i].started)
			pthread_join(w[i].thread, NULL);
	return rc;
}

int
pipeline_run(size_t n, size_t ahead, const struct pipeline_ops *ops,
    void *ctx, char **errmsg)
{
	struct run r = { .ops = ops, .ctx = ctx, .n = n, .ahead = ahead };
	int rc = -2;

	if (ahead == 0)
		die("pipeline_run: no room for a job ahead");
	if (n < PIPELINE_MIN_JOBS)
		return inline_run(n, ops, ctx, errmsg);
	r.is_worked = xcalloc(ahead, sizeof(*r.is_worked));
	if (pthread_mutex_init(&r.lock, NULL) == 0) {
		if (pthread_cond_init(&r.more, NULL) == 0) {
			if (pthread_cond_init(&r.done, NULL) == 0) {
				rc = threaded_run(&r, errmsg);
				pthread_cond_destroy(&r.done);
			}
			pthread_cond_destroy(&r.more);
		}
		pthread_mutex_destroy(&r.lock);
	}
	free(r.is_worked);
	/* no thread to be had: the run is the calling thread's alone */
	return rc == -2 ? inline_run(n, ops, ctx, errmsg) : rc;
}

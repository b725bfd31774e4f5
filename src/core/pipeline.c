/* pipeline.c - jobs worked on a second thread (pipeline.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <pthread.h>
#include <stdbool.h>

#include "core/pipeline.h"
#include "core/util.h"

struct run {
	const struct pipeline_ops *ops;
	void *ctx;
	size_t n;
	pthread_mutex_t lock;
	pthread_cond_t more;     /* prepared grew, or stop was set */
	pthread_cond_t done;     /* worked grew */
	size_t prepared, worked; /* jobs 0..prepared-1 and 0..worked-1 */
	bool stop;
};

static void *
worker(void *arg)
{
	struct run *r = arg;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&r->lock);
		while (!r->stop && r->worked == r->prepared)
			pthread_cond_wait(&r->more, &r->lock);
		i = r->worked;
		if (r->stop || i == r->n) {
			pthread_mutex_unlock(&r->lock);
			return NULL;
		}
		pthread_mutex_unlock(&r->lock);
		r->ops->work(i, r->ctx);
		pthread_mutex_lock(&r->lock);
		r->worked = i + 1;
		pthread_cond_signal(&r->done);
		pthread_mutex_unlock(&r->lock);
	}
}

static int
inline_run(size_t n, const struct pipeline_ops *ops, void *ctx,
    char **errmsg)
{
	for (size_t i = 0; i < n; i++) {
		if (ops->prepare(i, ctx, errmsg) < 0)
			return -1;
		ops->work(i, ctx);
		if (ops->consume(i, ctx, errmsg) < 0)
			return -1;
	}
	return 0;
}

/* Prepares jobs while the ring has room; then waits for job consumed's
 * work and consumes it. */
static int
drive(struct run *r, size_t ahead, char **errmsg)
{
	for (size_t consumed = 0; consumed < r->n; consumed++) {
		size_t prepared = r->prepared; /* only this thread moves it */

		for (; prepared < r->n && prepared - consumed < ahead; prepared++) {
			if (r->ops->prepare(prepared, r->ctx, errmsg) < 0)
				return -1;
			pthread_mutex_lock(&r->lock);
			r->prepared = prepared + 1;
			pthread_cond_signal(&r->more);
			pthread_mutex_unlock(&r->lock);
		}
		pthread_mutex_lock(&r->lock);
		while (r->worked <= consumed)
			pthread_cond_wait(&r->done, &r->lock);
		pthread_mutex_unlock(&r->lock);
		if (r->ops->consume(consumed, r->ctx, errmsg) < 0)
			return -1;
	}
	return 0;
}

int
pipeline_run(size_t n, size_t ahead, const struct pipeline_ops *ops,
    void *ctx, char **errmsg)
{
	struct run r = { .ops = ops, .ctx = ctx, .n = n };
	pthread_t thread;
	int rc;

	if (ahead == 0)
		die("pipeline_run: no room for a job ahead");
	if (n < PIPELINE_MIN_JOBS)
		return inline_run(n, ops, ctx, errmsg);
	if (pthread_mutex_init(&r.lock, NULL) != 0)
		return inline_run(n, ops, ctx, errmsg);
	if (pthread_cond_init(&r.more, NULL) != 0) {
		pthread_mutex_destroy(&r.lock);
		return inline_run(n, ops, ctx, errmsg);
	}
	if (pthread_cond_init(&r.done, NULL) != 0) {
		pthread_cond_destroy(&r.more);
		pthread_mutex_destroy(&r.lock);
		return inline_run(n, ops, ctx, errmsg);
	}
	if (pthread_create(&thread, NULL, worker, &r) != 0) {
		rc = inline_run(n, ops, ctx, errmsg);
	} else {
		rc = drive(&r, ahead, errmsg);
		pthread_mutex_lock(&r.lock);
		r.stop = true;
		pthread_cond_signal(&r.more);
		pthread_mutex_unlock(&r.lock);
		pthread_join(thread, NULL);
	}
	pthread_cond_destroy(&r.done);
	pthread_cond_destroy(&r.more);
	pthread_mutex_destroy(&r.lock);
	return rc;
}

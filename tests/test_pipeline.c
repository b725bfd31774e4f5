/*
 * test_pipeline.c - jobs worked on other threads (src/core/pipeline.c):
 * each prepared and consumed in order, no more than `ahead`
 * prepared and not consumed, the run stopped whole by a failure, and a
 * short run kept on the calling thread.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "core/pipeline.h"
#include "core/util.h"

#define AHEAD 8

struct jobs {
	size_t slot_job[AHEAD]; /* the job each slot holds */
	long input[AHEAD], output[AHEAD];
	size_t prepared, consumed, most_ahead;
	size_t fail_prepare, fail_consume; /* SIZE_MAX: never */
	bool out_of_order;
	/* each worker's own: some work ran on the calling thread, or on
	 * another one */
	bool on_caller[PIPELINE_WORKERS], elsewhere[PIPELINE_WORKERS];
	bool bad_worker;
	pthread_t caller;
};

static long
f(long x)
{
	return x * x + 7;
}

static int
prepare(size_t i, void *ctx, char **errmsg)
{
	struct jobs *j = ctx;

	if (i == j->fail_prepare)
		return set_error(errmsg, "prepare %zu failed", i);
	j->out_of_order |= i != j->prepared;
	j->slot_job[i % AHEAD] = i;
	j->input[i % AHEAD] = (long)i;
	j->prepared = i + 1;
	if (j->prepared - j->consumed > j->most_ahead)
		j->most_ahead = j->prepared - j->consumed;
	return 0;
}

static void
work(size_t i, unsigned worker, void *ctx)
{
	struct jobs *j = ctx;
	bool here = pthread_equal(pthread_self(), j->caller);

	j->output[i % AHEAD] = j->slot_job[i % AHEAD] == i
	                           ? f(j->input[i % AHEAD])
	                           : -1;
	if (worker >= PIPELINE_WORKERS) {
		j->bad_worker = true;
		return;
	}
	j->on_caller[worker] |= here;
	j->elsewhere[worker] |= !here;
}

static bool
any(const bool *v)
{
	for (int i = 0; i < PIPELINE_WORKERS; i++)
		if (v[i])
			return true;
	return false;
}

static int
consume(size_t i, void *ctx, char **errmsg)
{
	struct jobs *j = ctx;

	if (i == j->fail_consume)
		return set_error(errmsg, "consume %zu failed", i);
	j->out_of_order |= i != j->consumed || j->output[i % AHEAD] != f((long)i);
	j->consumed = i + 1;
	return 0;
}

static const struct pipeline_ops ops = { prepare, work, consume };

static struct jobs
jobs(void)
{
	return (struct jobs){ .fail_prepare = SIZE_MAX,
		.fail_consume = SIZE_MAX,
		.caller = pthread_self() };
}

Test(pipeline, every_job_in_order_on_a_second_thread)
{
	struct jobs j = jobs();

	cr_assert_eq(pipeline_run(5000, AHEAD, &ops, &j, NULL), 0);
	cr_expect_eq(j.consumed, 5000);
	cr_expect(!j.out_of_order);
	cr_expect_leq(j.most_ahead, AHEAD);
	cr_expect(any(j.elsewhere));
	cr_expect(!any(j.on_caller));
	cr_expect(!j.bad_worker);
}

Test(pipeline, a_short_run_stays_on_the_calling_thread)
{
	struct jobs j = jobs();

	cr_assert_eq(pipeline_run(PIPELINE_MIN_JOBS - 1, AHEAD, &ops, &j, NULL), 0);
	cr_expect_eq(j.consumed, PIPELINE_MIN_JOBS - 1);
	cr_expect(!j.out_of_order);
	cr_expect(j.on_caller[0]);
	cr_expect(!any(j.elsewhere));
	cr_expect(!j.bad_worker);
	cr_expect_eq(pipeline_run(0, AHEAD, &ops, &j, NULL), 0);
}

static void
stops_at(size_t fail_prepare, size_t fail_consume, const char *want)
{
	struct jobs j = jobs();
	char *msg = NULL;

	j.fail_prepare = fail_prepare;
	j.fail_consume = fail_consume;
	cr_assert_eq(pipeline_run(5000, AHEAD, &ops, &j, &msg), -1);
	cr_expect_str_eq(msg, want);
	free(msg);
	cr_expect(!j.out_of_order);
	cr_expect_leq(j.most_ahead, AHEAD);
	cr_expect_lt(j.consumed, 3000, "went on after the failure");
}

Test(pipeline, a_failed_consume_stops_the_run)
{
	stops_at(SIZE_MAX, 2500, "consume 2500 failed");
}

Test(pipeline, a_failed_prepare_stops_the_run)
{
	stops_at(2500, SIZE_MAX, "prepare 2500 failed");
}

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>

#include "core/json.h"
#include "core/stats_report.h"
#include "core/util.h"

/* The keys of the retention windows, in enum stats_window order. */
static const char *const window_keys[STATS_N_WINDOWS] = { "today",
	"yesterday", "week", "month", "year", "all" };

static void
json_today(struct strbuf *b, const struct stats *s)
{
	strbuf_addf(b, "\"today\":{\"cards\":%lld,\"answers\":%lld,\"again\":%lld,"
		       "\"seconds\":%lld}",
	    (long long)s->today_cards, (long long)s->today_answers,
	    (long long)s->today_again, (long long)((s->today_ms + 500) / 1000));
}

static void
json_forecast(struct strbuf *b, const struct stats *s)
{
	strbuf_adds(b, ",\"forecast\":[");
	for (int i = 0; i < s->forecast_days; i++)
		strbuf_addf(b, "%s{\"date\":\"%s\",\"due\":%lld}", i > 0 ? "," : "",
		    s->forecast_date[i], (long long)s->forecast[i]);
	strbuf_adds(b, "]");
}

static void
json_calendar(struct strbuf *b, const struct stats *s)
{
	bool first = true;

	strbuf_adds(b, ",\"calendar\":[");
	for (int i = 0; i < STATS_CALENDAR_DAYS; i++) {
		if (s->calendar[i] == 0)
			continue;
		strbuf_addf(b, "%s{\"date\":\"%s\",\"answers\":%lld}",
		    first ? "" : ",", s->calendar_date[i], (long long)s->calendar[i]);
		first = false;
	}
	strbuf_addf(b, "],\"streak\":{\"current\":%lld,\"longest\":%lld}",
	    (long long)s->streak_current, (long long)s->streak_longest);
}

static void
json_windows(struct strbuf *b, const struct stats_pass *p, bool counts)
{
	strbuf_addc(b, '{');
	for (int w = 0; w < STATS_N_WINDOWS; w++) {
		strbuf_addf(b, "%s\"%s\":", w > 0 ? "," : "", window_keys[w]);
		if (counts)
			strbuf_addf(b, "[%lld,%lld]", (long long)p[w].passed,
			    (long long)p[w].total);
		else
			json_add_ratio(b, stats_ratio(&p[w]));
	}
	strbuf_addc(b, '}');
}

static void
json_retention(struct strbuf *b, const struct stats *s)
{
	strbuf_adds(b, ",\"retention\":{\"young\":");
	json_windows(b, s->retention[0], false);
	strbuf_adds(b, ",\"mature\":");
	json_windows(b, s->retention[1], false);
	strbuf_adds(b, ",\"counts\":{\"young\":");
	json_windows(b, s->retention[0], true);
	strbuf_adds(b, ",\"mature\":");
	json_windows(b, s->retention[1], true);
	strbuf_adds(b, "}}");
}

static void
json_counts(struct strbuf *b, const struct stats *s)
{
	strbuf_addf(b, ",\"counts\":{\"new\":%lld,\"learning\":%lld,"
		       "\"relearning\":%lld,\"young\":%lld,\"mature\":%lld,"
		       "\"suspended\":%lld,\"buried\":%lld}",
	    (long long)s->n_new, (long long)s->n_learning,
	    (long long)s->n_relearning, (long long)s->n_young,
	    (long long)s->n_mature, (long long)s->n_suspended,
	    (long long)s->n_buried);
}

static void
json_buttons(struct strbuf *b, const struct stats *s)
{
	static const char *const kinds[STATS_N_KINDS] = { "learning", "young",
		"mature" };

	strbuf_adds(b, ",\"buttons\":{");
	for (int k = 0; k < STATS_N_KINDS; k++)
		strbuf_addf(b, "%s\"%s\":[%lld,%lld,%lld,%lld]", k > 0 ? "," : "",
		    kinds[k], (long long)s->buttons[k][0],
		    (long long)s->buttons[k][1], (long long)s->buttons[k][2],
		    (long long)s->buttons[k][3]);
	strbuf_adds(b, "},\"hours\":[");
	for (int h = 0; h < 24; h++) {
		strbuf_addf(b, "%s{\"hour\":%d,\"answers\":%lld,\"retention\":",
		    h > 0 ? "," : "", h, (long long)s->hours[h].answers);
		json_add_ratio(b, stats_ratio(&s->hours[h].review));
		strbuf_addc(b, '}');
	}
	strbuf_addc(b, ']');
}

static void
json_bins(struct strbuf *b, const char *key, const struct stats_bin *bins)
{
	strbuf_addf(b, ",\"%s\":[", key);
	for (int i = 0; i < STATS_BINS; i++) {
		strbuf_addf(b, "%s{\"min\":", i > 0 ? "," : "");
		json_add_fixed(b, bins[i].min, 2);
		strbuf_adds(b, ",\"max\":");
		json_add_fixed(b, isinf(bins[i].max) ? -1 : bins[i].max, 2);
		strbuf_addf(b, ",\"cards\":%lld}", (long long)bins[i].cards);
	}
	strbuf_addc(b, ']');
}

char *
stats_json(const struct stats *s, const char *deck)
{
	struct strbuf b = { 0 };

	strbuf_adds(&b, "{\"deck\":");
	json_add_string(&b, deck);
	strbuf_addc(&b, ',');
	json_today(&b, s);
	json_forecast(&b, s);
	json_calendar(&b, s);
	json_retention(&b, s);
	json_counts(&b, s);
	json_buttons(&b, s);
	json_bins(&b, "difficulty", s->difficulty);
	json_bins(&b, "stability", s->stability);
	json_bins(&b, "retrievability", s->retrievability);
	strbuf_adds(&b, ",\"average_retrievability\":");
	json_add_ratio(&b, s->average_retrievability);
	strbuf_adds(&b, "}\n");
	return strbuf_detach(&b);
}

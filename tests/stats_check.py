#!/usr/bin/env python3
"""stats_check.py - computes the statistics of a rehearse collection on its
own, from the raw SQLite tables, and compares them with `rehearse stats
--json`.

Usage: stats_check.py DB JSON NOW_MS DAY_STARTS_AT [DECK]

The time zone is the one in TZ (through zoneinfo), as rehearse's.  Study
days start at DAY_STARTS_AT o'clock on the local clock.  Prints one line per
difference and exits 1 when there is any, 0 otherwise.
"""
import datetime
import json
import os
import sqlite3
import sys
from zoneinfo import ZoneInfo

MATURE = 21
W20 = 0.1542  # FSRS-6's default w20 (the decay)


def study_date(ms, zone, dsa):
    local = datetime.datetime.fromtimestamp(ms / 1000, zone)
    if local.hour < dsa:
        local -= datetime.timedelta(days=1)
    return local.date()


def retrievability(stability, days):
    decay = -W20
    factor = 0.9 ** (1 / decay) - 1
    return round((1 + factor * days / stability) ** decay, 8)


def load(db, deck):
    con = sqlite3.connect(db)
    deck_id = None
    if deck is not None:
        deck_id = con.execute("SELECT id FROM decks WHERE name = ?",
                              (deck,)).fetchone()[0]
    cards = con.execute(
        "SELECT id, deck_id, state, due, last_review, stability, difficulty,"
        " scheduled_days, suspended, buried_until FROM cards").fetchall()
    if deck_id is not None:
        cards = [c for c in cards if c[1] == deck_id]
    ids = {c[0] for c in cards}
    reviews = [r for r in con.execute(
        "SELECT card_id, time, rating, state, duration, prev_scheduled_days"
        " FROM reviews ORDER BY time").fetchall() if r[0] in ids]
    return cards, reviews


def windows_of(ago):
    names = []
    if ago == 0:
        names.append("today")
    if ago == 1:
        names.append("yesterday")
    for name, span in (("week", 7), ("month", 30), ("year", 365)):
        if 0 <= ago < span:
            names.append(name)
    names.append("all")
    return names


def today_figures(reviews, today, zone, dsa):
    todays = [r for r in reviews if study_date(r[1], zone, dsa) == today]
    return {"cards": len({r[0] for r in todays}),
            "answers": len(todays),
            "again": sum(1 for r in todays if r[2] == 1),
            "seconds": (sum(r[4] for r in todays) + 500) // 1000}


def forecast(cards, today, zone, dsa):
    days = [0] * 30
    for c in cards:
        if c[8] or c[2] == 0:
            continue
        ahead = (study_date(c[3], zone, dsa) - today).days
        if ahead < 30:
            days[max(ahead, 0)] += 1
    return [{"date": (today + datetime.timedelta(days=i)).isoformat(),
             "due": n} for i, n in enumerate(days)]


def answers_figures(reviews, today, zone, dsa):
    windows = ("today", "yesterday", "week", "month", "year", "all")
    counts = {k: {w: [0, 0] for w in windows} for k in ("young", "mature")}
    buttons = {k: [0, 0, 0, 0] for k in ("learning", "young", "mature")}
    hours = [[0, 0, 0] for _ in range(24)]
    for r in reviews:
        ago = (today - study_date(r[1], zone, dsa)).days
        kind = ("learning" if r[3] != 2 else
                "young" if r[5] < MATURE else "mature")
        if r[3] == 2:
            for w in windows_of(ago):
                counts[kind][w][1] += 1
                counts[kind][w][0] += r[2] > 1
        if 0 <= ago < 30:
            buttons[kind][r[2] - 1] += 1
            h = datetime.datetime.fromtimestamp(r[1] / 1000, zone).hour
            hours[h][0] += 1
            if r[3] == 2:
                hours[h][1] += 1
                hours[h][2] += r[2] > 1
    retention = {
        k: {w: (round(p / t, 4) if t else None) for w, (p, t) in v.items()}
        for k, v in counts.items()}
    retention["counts"] = counts
    return {"retention": retention, "buttons": buttons,
            "hours": [{"hour": h, "answers": a,
                       "retention": round(p / t, 4) if t else None}
                      for h, (a, t, p) in enumerate(hours)]}


def streaks(per_day, today):
    days = sorted(d for d in per_day if d <= today)
    longest = run = 0
    prev = None
    for d in days:
        run = run + 1 if prev is not None and (d - prev).days == 1 else 1
        longest = max(longest, run)
        prev = d
    current = 0
    d = today if today in per_day else today - datetime.timedelta(days=1)
    while d in per_day:
        current += 1
        d -= datetime.timedelta(days=1)
    return {"current": current, "longest": longest}


def card_figures(cards, now):
    n = {k: 0 for k in ("new", "learning", "relearning", "young", "mature",
                        "suspended", "buried")}
    rs = []
    for c in cards:
        _, _, state, _, last, stab, _, ivl, susp, buried = c
        if susp:
            n["suspended"] += 1
        elif buried > now:
            n["buried"] += 1
        elif state == 2:
            n["young" if ivl < MATURE else "mature"] += 1
        else:
            n[{0: "new", 1: "learning", 3: "relearning"}[state]] += 1
        if state != 0 and not susp and stab > 0 and last > 0:
            rs.append(retrievability(stab, max(now - last, 0) / 86400000))
    avg = round(sum(rs) / len(rs), 4) if rs else None
    return {"counts": n, "average_retrievability": avg}


def compute(db, now, dsa, deck):
    zone = ZoneInfo(os.environ.get("TZ", "UTC"))
    cards, reviews = load(db, deck)
    today = study_date(now, zone, dsa)
    out = {"deck": deck,
           "today": today_figures(reviews, today, zone, dsa),
           "forecast": forecast(cards, today, zone, dsa)}
    per_day = {}
    for r in reviews:
        d = study_date(r[1], zone, dsa)
        per_day[d] = per_day.get(d, 0) + 1
    out["calendar"] = [{"date": d.isoformat(), "answers": n}
                       for d, n in sorted(per_day.items())
                       if 0 <= (today - d).days < 365]
    out["streak"] = streaks(per_day, today)
    out.update(answers_figures(reviews, today, zone, dsa))
    out.update(card_figures(cards, now))
    return out


def compare(want, got, path=""):
    diffs = []
    if isinstance(want, dict):
        for k, v in want.items():
            if k not in got:
                diffs.append(f"{path}.{k}: missing")
            else:
                diffs += compare(v, got[k], f"{path}.{k}")
    elif isinstance(want, list):
        if len(want) != len(got):
            diffs.append(f"{path}: {len(got)} entries, want {len(want)}")
        for i, (a, b) in enumerate(zip(want, got)):
            diffs += compare(a, b, f"{path}[{i}]")
    elif isinstance(want, float) and isinstance(got, (int, float)):
        if abs(want - got) > 1.5e-4:
            diffs.append(f"{path}: {got}, want {want}")
    elif want != got:
        diffs.append(f"{path}: {got!r}, want {want!r}")
    return diffs


def main():
    db, js = sys.argv[1], sys.argv[2]
    now, dsa = int(sys.argv[3]), int(sys.argv[4])
    deck = sys.argv[5] if len(sys.argv) > 5 else None
    with open(js, encoding="utf-8") as f:
        got = json.load(f)
    diffs = compare(compute(db, now, dsa, deck), got)
    for d in diffs[:40]:
        print(d)
    if len(diffs) > 40:
        print(f"... and {len(diffs) - 40} more")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())

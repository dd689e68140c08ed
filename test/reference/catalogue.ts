/**
 * The naive reference's catalogue: one entry per indicator id of the areas offerta, persone,
 * ingresso, uscita and follow_up, each a loop over the cohort of §3. Where the contract leaves a
 * choice open, the comment says which indicator file's decision it mirrors.
 */
import { dayNumber } from './random-network.js';
import { entryScore, exitScore, followupScore, addMonths, NOT_STATED, type FollowUp, type Path, type Stay } from './world.js';
import { AGE_BANDS, CLASS, PATH_BY, UNIT_BY, accepted, allUnits, availableNights, count, destinationClass, distinct, due, entering, entryKeys, exitKeys, exiting, inWin, kmMedian, mean, median, numOrNull, occupiedNights, pairedCell, positive, received, requestKeys, served, servedKeys, servedPaths, stayKeys, sum, text, waitingOn, yearOf, type Cell, type Indicator } from './cohorts.js';

export const INDICATORS: Indicator[] = [
  // offerta
  count('place_nights_available', UNIT_BY, allUnits, availableNights),
  count('place_nights_occupied', UNIT_BY, (c) => c.w.stays.map(stayKeys), occupiedNights),
  { id: 'occupancy_rate', kind: 'ratio', breakdowns: UNIT_BY, present: allUnits, cells: (c, m) => [{ numerator: occupiedNights(c, m), denominator: availableNights(c, m) }] },
  { id: 'places_available_avg', kind: 'ratio', breakdowns: UNIT_BY, present: allUnits, cells: (c, m) => [{ numerator: availableNights(c, m), denominator: c.win.days }] },
  count('places_at_end', UNIT_BY, allUnits, (c, m) => (c.win.days > 0 ? availableNights({ ...c, win: { from: c.win.end, end: c.win.end, days: 1 } }, m) : 0)),
  {
    id: 'turnover_per_place', kind: 'ratio', breakdowns: UNIT_BY, present: allUnits,
    cells: (c, m) => [{ numerator: c.w.stays.filter((s) => inWin(s.entry, c.win) && m(stayKeys(s))).length, denominator: c.win.days > 0 ? availableNights(c, m) / c.win.days : 0 }],
  },
  {
    id: 'vacancy_gap_days_median', kind: 'statistic', breakdowns: UNIT_BY, present: (c) => c.w.stays.map(stayKeys),
    cells: (c, m) => {
      const gaps: number[] = [];
      let open = 0;
      // As its file decides: a zero-night stay (same-day entry and exit) neither ends nor starts a vacancy.
      const zeroNight = (s: Stay) => s.exit === s.entry;
      for (const s of c.w.stays.filter((s) => inWin(s.exit, c.win) && !zeroNight(s) && m(stayKeys(s)))) {
        const next = c.w.stays.filter((o) => !zeroNight(o) && o.alloggio === s.alloggio && o.entry >= s.exit! && o.entry <= c.win.end).map((o) => o.entry);
        if (next.length) gaps.push(Math.min(...next) - s.exit!);
        else open++;
      }
      return [{ value: median(gaps), n: gaps.length, detail: { open_at_end: open } }];
    },
  },
  count('requests_received', ['ambito'], (c) => c.w.requests.map(requestKeys), (c, m) => received(c).filter((r) => m(requestKeys(r))).length),
  count('requests_accepted', ['ambito'], (c) => c.w.requests.map(requestKeys), (c, m) => accepted(c).filter((r) => m(requestKeys(r))).length,
    (c, m) => ({ undated: received(c).filter((r) => r.esito === 'accolta' && r.decided === null && m(requestKeys(r))).length })),
  count('requests_waiting_at_end', ['ambito'], (c) => c.w.requests.map(requestKeys), (c, m) =>
    c.win.days > 0 ? c.w.requests.filter((r) => r.received <= c.win.end && waitingOn(r, c.win.end) && m(requestKeys(r))).length : 0),
  {
    id: 'request_acceptance_rate', kind: 'proportion', breakdowns: ['ambito'], present: (c) => c.w.requests.map(requestKeys),
    cells: (c, m) => {
      const mine = received(c).filter((r) => m(requestKeys(r)));
      // As its file decides: a decision without a date counts as taken by the end.
      const decided = mine.filter((r) => (r.esito === 'accolta' || r.esito === 'non_accolta') && !waitingOn(r, c.win.end));
      return [{
        numerator: decided.filter((r) => r.esito === 'accolta').length,
        denominator: decided.length,
        detail: { waiting: mine.filter((r) => waitingOn(r, c.win.end)).length, withdrawn: mine.filter((r) => r.esito === 'ritirata' && !waitingOn(r, c.win.end)).length },
      }];
    },
  },
  {
    id: 'request_wait_days_median', kind: 'statistic', breakdowns: ['ambito'], present: (c) => c.w.requests.map(requestKeys),
    cells: (c, m) => {
      const waits = accepted(c).filter((r) => m(requestKeys(r))).map((r) => r.decided! - r.received);
      return [{ value: median(waits), n: waits.length }];
    },
  },
  {
    id: 'demand_per_place', kind: 'ratio', breakdowns: ['ambito'], present: (c) => [...c.w.requests.map(requestKeys), ...allUnits(c)],
    cells: (c, m) => [{ numerator: received(c).filter((r) => m(requestKeys(r))).length, denominator: c.win.days > 0 ? availableNights(c, m) / c.win.days : 0 }],
  },

  // persone
  // As their files decide: by unit a person (path) counts in every group where she spent a night
  // of the period; by target and cittadinanza the path's values are used.
  count('persons_served', PATH_BY, (c) => c.w.stays.map((s) => servedKeys(c, s)), (c, m) => distinct(served(c).filter((s) => m(servedKeys(c, s))).map((s) => s.persona))),
  count('children_served', PATH_BY, (c) => c.w.stays.map((s) => servedKeys(c, s)), (c, m) => sum(servedPaths(c, m).map((p) => numOrNull(p.first.row['figli']) ?? 0)),
    (c, m) => ({ missing: servedPaths(c, m).filter((p) => numOrNull(p.first.row['figli']) === null).length })),
  // The night of the end day: entry ≤ end < exit, unit available on end.
  count('persons_in_care_at_end', PATH_BY, (c) => c.w.stays.map((s) => servedKeys(c, s)), (c, m) =>
    c.win.days > 0 ? distinct(c.w.stays.filter((s) => s.nights.has(c.win.end) && m(servedKeys(c, s))).map((s) => s.persona)) : 0),

  // ingresso
  count('entries', PATH_BY, (c) => c.w.paths.map(entryKeys), (c, m) => entering(c).filter((p) => m(entryKeys(p))).length),
  count('persons_entered', PATH_BY, (c) => c.w.paths.map(entryKeys), (c, m) => distinct(entering(c).filter((p) => m(entryKeys(p))).map((p) => p.persona))),
  count('children_entered', PATH_BY, (c) => c.w.paths.map(entryKeys), (c, m) => sum(entering(c).filter((p) => m(entryKeys(p))).map((p) => numOrNull(p.first.row['figli']) ?? 0)),
    (c, m) => ({ missing: entering(c).filter((p) => m(entryKeys(p)) && numOrNull(p.first.row['figli']) === null).length })),
  {
    id: 'entry_profile', kind: 'proportion', breakdowns: UNIT_BY, present: (c) => c.w.paths.map(entryKeys),
    cells: (c, m) => {
      const paths = entering(c).filter((p) => m(entryKeys(p)));
      const field = (p: Path): Record<string, string> => {
        const born = numOrNull(p.first.row['anno_nascita']);
        return {
          target: text(p.first.row['target']),
          cittadinanza: text(p.first.row['cittadinanza']),
          ente_inviante: text(p.first.row['ente_inviante']),
          age_band: born === null ? NOT_STATED : AGE_BANDS(yearOf(p.entry) - born),
        };
      };
      const out: Cell[] = [];
      const categories: Record<string, Set<string>> = {
        target: new Set(['madre_con_figli', 'vittima_violenza', 'altro']),
        cittadinanza: new Set(['italiana', 'ue', 'extra_ue']),
        ente_inviante: new Set(),
        age_band: new Set(['<25', '25-34', '35-44', '45+']),
      };
      for (const p of c.w.paths) for (const [f, v] of Object.entries(field(p))) categories[f]!.add(v);
      for (const [f, values] of Object.entries(categories)) {
        for (const v of values) out.push({ group: { [f]: v }, numerator: paths.filter((p) => field(p)[f] === v).length, denominator: paths.length });
      }
      return out;
    },
  },
  {
    id: 'referral_wait_days_median', kind: 'statistic', breakdowns: PATH_BY, present: (c) => c.w.paths.map(entryKeys),
    cells: (c, m) => {
      const paths = entering(c).filter((p) => m(entryKeys(p)));
      const waits = paths.filter((p) => p.first.row['data_segnalazione']).map((p) => p.entry - dayNumber(String(p.first.row['data_segnalazione'])));
      return [{ value: median(waits), n: waits.length, detail: { missing: paths.length - waits.length } }];
    },
  },
  {
    id: 'entry_score_mean', kind: 'statistic', breakdowns: PATH_BY, present: (c) => c.w.paths.map(entryKeys),
    cells: (c, m) => {
      const paths = entering(c).filter((p) => m(entryKeys(p)));
      return c.dimensions.map((dim) => {
        const scores = paths.map((p) => entryScore(c.w, p, dim)).filter((s): s is number => s !== null);
        return { group: { dimension: dim }, value: mean(scores), n: scores.length, detail: { missing: paths.length - scores.length } };
      });
    },
  },

  // uscita
  count('exits', PATH_BY, (c) => c.w.paths.map(exitKeys), (c, m) => exiting(c).filter((p) => m(exitKeys(p))).length),
  ...(['length_of_stay_median', 'length_of_stay_mean'] as const).map((id): Indicator => ({
    id, kind: 'statistic', breakdowns: PATH_BY, present: (c) => c.w.paths.map(exitKeys),
    cells: (c, m) => {
      const days = exiting(c).filter((p) => m(exitKeys(p))).map((p) => p.exit! - p.entry);
      return [{ value: id === 'length_of_stay_median' ? median(days) : mean(days), n: days.length }];
    },
  })),
  {
    // As its file decides: broken down by the last stay (for an open path, the current one).
    id: 'length_of_stay_km_median', kind: 'statistic', breakdowns: PATH_BY, present: (c) => c.w.paths.map(exitKeys),
    cells: (c, m) => {
      const items = entering(c).filter((p) => m(exitKeys(p))).map((p) => ({ time: (p.exit ?? c.w.asOf) - p.entry, event: p.exit !== null }));
      const events = items.filter((i) => i.event).length;
      return [{ value: items.length ? kmMedian(items) : null, n: items.length, detail: { events, censored: items.length - events } }];
    },
  },
  ...(['positiva', 'negativa'] as const).map((cls): Indicator => ({
    id: cls === 'positiva' ? 'positive_exit_rate' : 'negative_exit_rate', kind: 'proportion', breakdowns: PATH_BY, present: (c) => c.w.paths.map(exitKeys),
    cells: (c, m) => {
      const exits = exiting(c).filter((p) => m(exitKeys(p)));
      const classes = exits.map((p) => destinationClass(p.last.row['destinazione_uscita']) ?? 'ignota');
      return [{ numerator: classes.filter((k) => k === cls).length, denominator: exits.length, detail: { missing: classes.filter((k) => k === 'ignota').length } }];
    },
  })),
  {
    id: 'exits_by_destination', kind: 'count', breakdowns: PATH_BY, present: (c) => c.w.paths.map(exitKeys),
    cells: (c, m) => {
      const exits = exiting(c).filter((p) => m(exitKeys(p)));
      const codes = new Set([...Object.keys(CLASS), ...c.w.paths.map((p) => text(p.last.row['destinazione_uscita']))]);
      // As its file decides: no destination is non_indicato, and it and non_classificato are class ignota.
      return [...codes].map((code) => ({ group: { destination: code }, numerator: exits.filter((p) => text(p.last.row['destinazione_uscita']) === code).length, detail: { class: destinationClass(code) ?? 'ignota' } }));
    },
  },
  {
    id: 'planned_exit_rate', kind: 'proportion', breakdowns: PATH_BY, present: (c) => c.w.paths.map(exitKeys),
    cells: (c, m) => {
      const exits = exiting(c).filter((p) => m(exitKeys(p)));
      return [{ numerator: exits.filter((p) => p.last.row['motivo_uscita'] === 'conclusione_progetto').length, denominator: exits.length, detail: { missing: exits.filter((p) => !p.last.row['motivo_uscita']).length } }];
    },
  },
  {
    id: 'score_change_exit', kind: 'statistic', breakdowns: PATH_BY, present: (c) => c.w.paths.map(exitKeys),
    cells: (c, m) => {
      const exits = exiting(c).filter((p) => m(exitKeys(p)));
      return c.dimensions.map((dim) => {
        const diffs: number[] = [];
        for (const p of exits) {
          const a = entryScore(c.w, p, dim);
          const b = exitScore(c.w, p, dim);
          if (a !== null && b !== null) diffs.push(b - a);
        }
        return { group: { dimension: dim }, ...pairedCell(diffs, exits.length) };
      });
    },
  },
  {
    id: 'income_change_exit', kind: 'statistic', breakdowns: PATH_BY, present: (c) => c.w.paths.map(exitKeys),
    cells: (c, m) => {
      const exits = exiting(c).filter((p) => m(exitKeys(p)));
      const changes: number[] = [];
      for (const p of exits) {
        const a = numOrNull(p.first.row['reddito_ingresso']);
        const b = numOrNull(p.last.row['reddito_uscita']);
        if (a !== null && b !== null) changes.push(b - a);
      }
      return [{ value: median(changes), n: changes.length, detail: { increased: changes.length ? changes.filter((x) => x > 0).length / changes.length : null, missing: exits.length - changes.length } }];
    },
  },

  // follow_up
  count('followup_due', PATH_BY, (c) => c.fus.map((f) => exitKeys(f.path)), (c, m) => due(c).filter((f) => m(exitKeys(f.path))).length),
  count('followup_pending', PATH_BY, (c) => c.fus.map((f) => exitKeys(f.path)), (c, m) => due(c).filter((f) => !f.assessable && m(exitKeys(f.path))).length),
  {
    id: 'followup_completion_rate', kind: 'proportion', breakdowns: PATH_BY, present: (c) => c.fus.map((f) => exitKeys(f.path)),
    cells: (c, m) => {
      const assessable = due(c).filter((f) => f.assessable && m(exitKeys(f.path)));
      const done = assessable.filter((f) => f.completed).length;
      return [{ numerator: done, denominator: assessable.length, detail: { missing: assessable.length - done } }];
    },
  },
  ...(['housing_sustained_6m', 'housing_sustained_6m_lower'] as const).map((id): Indicator => ({
    id, kind: 'proportion', breakdowns: PATH_BY, present: (c) => c.fus.map((f) => exitKeys(f.path)),
    cells: (c, m) => {
      const base = due(c).filter((f) => f.assessable && positive(f.path) && m(exitKeys(f.path)));
      const completed = base.filter((f) => f.completed);
      const sustained = completed.filter((f) => destinationClass(f.situazione) === 'positiva').length;
      const notReached = base.length - completed.length;
      const unknown = completed.filter((f) => (destinationClass(f.situazione) ?? 'ignota') === 'ignota').length;
      return [{ numerator: sustained, denominator: id === 'housing_sustained_6m' ? completed.length : base.length, detail: { missing: notReached + unknown, not_reached: notReached, situation_unknown: unknown } }];
    },
  })),
  {
    id: 'returns_6m_rate', kind: 'proportion', breakdowns: PATH_BY, present: (c) => c.fus.map((f) => exitKeys(f.path)),
    cells: (c, m) => {
      // One per person, the earliest, chosen before any breakdown (as its file decides).
      const candidates = due(c).filter((f) => positive(f.path) && f.target <= c.w.asOf);
      const earliest = new Map<string, FollowUp>();
      for (const f of candidates.sort((a, b) => a.path.exit! - b.path.exit!)) if (!earliest.has(f.path.persona)) earliest.set(f.path.persona, f);
      const chosen = [...earliest.values()].filter((f) => m(exitKeys(f.path)));
      const returned = chosen.filter((f) => c.w.paths.some((q) => q.persona === f.path.persona && q.entry > f.path.exit! && q.entry <= addMonths(f.path.exit!, c.w.settings.followupMonths)));
      return [{ numerator: returned.length, denominator: chosen.length, detail: { missing: 0 } }];
    },
  },
  {
    id: 'score_change_followup', kind: 'statistic', breakdowns: PATH_BY, present: (c) => c.fus.map((f) => exitKeys(f.path)),
    cells: (c, m) => {
      // As its file decides: the cohort is every follow-up due, pending ones included.
      const cohort = due(c).filter((f) => m(exitKeys(f.path)));
      return c.dimensions.map((dim) => {
        const diffs: number[] = [];
        for (const f of cohort) {
          const a = exitScore(c.w, f.path, dim);
          const b = followupScore(c.w, f, dim);
          if (a !== null && b !== null) diffs.push(b - a);
        }
        return { group: { dimension: dim }, ...pairedCell(diffs, cohort.length) };
      });
    },
  },
];


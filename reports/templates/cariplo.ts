/**
 * `cariplo`: the funder report (§5). The project and its period, a few headline cards, the
 * logical framework (objectives → indicators with baseline, target, value, status, change and the
 * evaluator's comments), short summaries of offer, stays, follow-up and network, data quality in
 * one paragraph, method and provenance.
 *
 * Confidentiality: suppression is on (the config's `suppression.cariplo`, 5 by default;
 * --suppress overrides) and nothing is broken down finer than ambito — no unit, municipality,
 * case, person, nor any value or name of a single organisation. The catalogue is computed by
 * ambito only, so a finer value does not even exist in the report's data.
 */
import type { ReportTemplate } from '../../src/report/index.js';
import {
  CARIPLO_FOLLOWUP_BY_AMBITO, CARIPLO_FOLLOWUP_IDS, CARIPLO_NETWORK_IDS, CARIPLO_OFFER_BY_AMBITO, CARIPLO_OFFER_IDS, CARIPLO_PATH_BY_AMBITO, CARIPLO_PATH_IDS, CARIPLO_SERIES_IDS,
  followUpCariplo, offertaCariplo, percorsiCariplo, reteCariplo,
} from '../sections/cariplo-attivita.js';
import { metodoCariplo } from '../sections/cariplo-metodo.js';
import { CARIPLO_HEADLINES, progettoSection } from '../sections/cariplo-progetto.js';
import { frameworkIds, quadroSection } from '../sections/cariplo-quadro.js';
import { qualitaCariplo } from '../sections/cariplo-qualita.js';
import { provenienzaSection } from '../sections/provenienza.js';

/** Section ids in page order. */
export const CARIPLO_SECTIONS = ['progetto', 'quadro-logico', 'offerta', 'percorsi', 'follow-up', 'rete', 'qualita-dati', 'metodo', 'provenienza'] as const;

export const cariplo: ReportTemplate = {
  id: 'cariplo',
  title: (t) => t('doc.cariplo'),
  // The config's `suppression.cariplo`, which defaults to 5.
  defaultSuppress: (project) => project.config.suppression.cariplo,
  by: 'ambito',
  needs: { series: { ids: CARIPLO_SERIES_IDS }, checks: true, byIds: [...CARIPLO_OFFER_BY_AMBITO, ...CARIPLO_PATH_BY_AMBITO, ...CARIPLO_FOLLOWUP_BY_AMBITO] },
  async sections(ctx) {
    const shown = [...new Set([...frameworkIds(ctx), ...CARIPLO_HEADLINES, ...CARIPLO_OFFER_IDS, ...CARIPLO_PATH_IDS, ...CARIPLO_FOLLOWUP_IDS, ...CARIPLO_NETWORK_IDS, 'collaboration_factor_score'])];
    return [
      progettoSection(ctx),
      await quadroSection(ctx),
      await offertaCariplo(ctx),
      await percorsiCariplo(ctx),
      followUpCariplo(ctx),
      await reteCariplo(ctx),
      await qualitaCariplo(ctx),
      metodoCariplo(ctx, shown),
      provenienzaSection(ctx, { rowCounts: false }),
    ];
  },
};

/**
 * `valutazione`: the evaluator's report (§5). Summary cards, offer, entries, exits, follow-up,
 * network, data quality, the methodological appendix and provenance; by ambito the indicators of
 * its tables by ambito (needs.byIds);
 * no suppression unless --suppress is given.
 */
import type { ReportTemplate } from '../../src/report/index.js';
import { followUpSection } from '../sections/follow-up.js';
import { ENTRY_BY_AMBITO, ingressiSection } from '../sections/ingressi.js';
import { metodoSection } from '../sections/metodo.js';
import { DEMAND_BY_AMBITO, OFFER_BY_AMBITO, OFFER_SERIES_BY_AMBITO, OFFER_SERIES_IDS, offertaSection } from '../sections/offerta.js';
import { provenienzaSection } from '../sections/provenienza.js';
import { qualitaDatiSection } from '../sections/qualita-dati.js';
import { reteSection } from '../sections/rete.js';
import { sintesiSection } from '../sections/sintesi.js';
import { EXIT_BY_AMBITO, usciteSection } from '../sections/uscite.js';

/** Section ids in page order (the CI smoke test looks for each). */
export const VALUTAZIONE_SECTIONS = ['sintesi', 'offerta', 'ingressi', 'uscite', 'follow-up', 'rete', 'qualita-dati', 'metodo', 'provenienza'] as const;

export const valutazione: ReportTemplate = {
  id: 'valutazione',
  title: (t) => t('doc.valutazione'),
  defaultSuppress: () => undefined,
  by: 'ambito',
  needs: {
    series: { ids: OFFER_SERIES_IDS, by: 'ambito', byIds: OFFER_SERIES_BY_AMBITO },
    distributions: true,
    units: true,
    networkMap: true,
    checks: true,
    byIds: [...OFFER_BY_AMBITO, ...DEMAND_BY_AMBITO, ...ENTRY_BY_AMBITO, ...EXIT_BY_AMBITO],
  },
  async sections(ctx) {
    return [
      sintesiSection(ctx),
      await offertaSection(ctx),
      await ingressiSection(ctx),
      await usciteSection(ctx),
      await followUpSection(ctx),
      await reteSection(ctx),
      await qualitaDatiSection(ctx),
      metodoSection(ctx),
      provenienzaSection(ctx),
    ];
  },
};

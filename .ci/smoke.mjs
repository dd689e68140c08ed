// Checks what `npm start` produced: the database, the check and the indicators, and (once the
// report exists) a report with every section and non-null headline values.
import { existsSync, readFileSync } from 'node:fs';

const fail = (message) => {
  console.error(`smoke: ${message}`);
  process.exit(1);
};
if (!existsSync('out/brianza.duckdb')) fail('out/brianza.duckdb missing');
if (existsSync('out/indicatori.json')) {
  const result = JSON.parse(readFileSync('out/indicatori.json', 'utf8'));
  for (const id of ['occupancy_rate', 'entries', 'exits', 'positive_exit_rate', 'followup_completion_rate']) {
    const v = result.values.find((x) => x.id === id && Object.keys(x.group).length === 0);
    if (!v) fail(`indicator ${id} missing`);
    if (v.value === null) fail(`indicator ${id} is null on the fixtures`);
  }
  console.log(`smoke: ${result.values.length} indicator values for ${result.period.from} – ${result.period.to}`);
}
if (existsSync('out/report-valutazione.html')) {
  const html = readFileSync('out/report-valutazione.html', 'utf8');
  const sections = [...html.matchAll(/<section[^>]*id="([^"]+)"/g)].map((m) => m[1]);
  for (const id of ['sintesi', 'offerta', 'ingressi', 'uscite', 'follow-up', 'rete', 'qualita-dati', 'metodo', 'provenienza']) {
    if (!sections.includes(id)) fail(`report section ${id} missing (have: ${sections.join(', ')})`);
  }
  if (/data-headline="null"/.test(html)) fail('a headline value of the report is null');
  console.log(`smoke: report with ${sections.length} sections`);
}
console.log('smoke: ok');

/**
 * `npx tsx bench/sandbox.ts` — the sandbox's bulk-delete rate: records deleted per second through
 * `DELETE /crm/v7/Leads?ids=…` in batches of 100 (the API's cap), over one keep-alive undici Pool of
 * `--concurrency N` connections (default 4). `--records N` (default 20000) Leads are seeded through the admin
 * API first; `--rounds N` (default 5) rounds, median reported, each round on freshly seeded records.
 */
import { Pool } from 'undici';
import { startSandbox } from '../src/sandbox/index.js';
import { median, option } from './stats.js';

const RECORDS = Math.floor(option('records', 20_000));
const CONCURRENCY = Math.floor(option('concurrency', 4));
const ROUNDS = Math.floor(option('rounds', 5));
const BATCH = 100;
const SEED_BATCH = 2_000;

const sandbox = await startSandbox();
const pool = new Pool(sandbox.url, { connections: CONCURRENCY, pipelining: 1 });
const auth = { authorization: `Zoho-oauthtoken ${sandbox.accessToken}` };

async function seed(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let done = 0; done < count; done += SEED_BATCH) {
    const records = Array.from({ length: Math.min(SEED_BATCH, count - done) }, (_, i) => ({ fields: { Last_Name: `Bench ${done + i}` } }));
    const res = await pool.request({ path: '/__sandbox/records/Leads', method: 'POST', body: JSON.stringify({ records }) });
    const body = (await res.body.json()) as { records: { id: string }[] };
    ids.push(...body.records.map((r) => r.id));
  }
  return ids;
}

/** Deletes `ids` in batches of 100 with CONCURRENCY requests in flight; returns the elapsed milliseconds. */
async function deleteAll(ids: string[]): Promise<number> {
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += BATCH) batches.push(ids.slice(i, i + BATCH));
  let next = 0;
  let deleted = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const res = await pool.request({ path: `/crm/v7/Leads?ids=${batch.join(',')}&wf_trigger=false`, method: 'DELETE', headers: auth });
      const body = (await res.body.json()) as { data: { status: string }[] };
      if (res.statusCode !== 200) throw new Error(`batch answered ${res.statusCode}`);
      deleted += body.data.filter((d) => d.status === 'success').length;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = performance.now() - start;
  if (deleted !== ids.length) throw new Error(`deleted ${deleted} of ${ids.length}`);
  return elapsed;
}

await deleteAll(await seed(BATCH * CONCURRENCY * 4)); // warm-up
const rates: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const ids = await seed(RECORDS);
  rates.push(RECORDS / ((await deleteAll(ids)) / 1000));
  await pool.request({ path: '/__sandbox/requests', method: 'DELETE' }).then((r) => r.body.dump());
}
await pool.close();
await sandbox.close();

const rate = median(rates);
console.log(`sandbox bulk delete: ${RECORDS} Leads per round in batches of ${BATCH}, ${CONCURRENCY} keep-alive connections, median of ${ROUNDS} rounds`);
console.log(`${Math.round(rate).toLocaleString('en')} records/s  (${Math.round(rate / BATCH).toLocaleString('en')} requests/s; rounds: ${rates.map((r) => Math.round(r)).join(', ')})`);

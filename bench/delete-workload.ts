/**
 * The runner bench's workload, shared by bench/runner.ts and scripts/bench-runner-ab.mjs: the delete script (each
 * record's outcome checked, or only counted), the sandbox's Leads seeded for a number of runs, the raw undici loop
 * that issues the same DELETEs, and the check that every seeded id ended deleted.
 */
import { request, type Dispatcher } from 'undici';

/** Ids per DELETE (`DELETE /crm/v7/Leads?ids=…`), the page's limit. */
export const BATCH = 100;
/** Leads seeded per admin request. */
const SEED_BATCH = 5_000;

/** The delete loop, with `check` run on each response (in `response`). */
export const deleteScript = (check: string): string => `
deleted = 0;
for each batch in batches
{
	response = invokeurl
	[
		url :base + "/crm/v7/Leads?ids=" + batch.toString()
		type :DELETE
		connection :"bench"
	];
${check}
}
return deleted;
`;

/** What the issue asks for: every record's outcome checked, as a careful delete script does. */
export const CHECK_EACH = `	for each outcome in response.get("data")
	{
		if (outcome.get("status") == "success")
		{
			deleted = deleted + 1;
		}
	}`;

/** Only the outcomes counted: the same requests with little interpreter work, to show the runner's own share. */
export const COUNT_ONLY = `	deleted = deleted + response.get("data").size();`;

/** A call of the sandbox's admin API (`/__sandbox/<path>`), answering its JSON. */
export type Admin = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<unknown>;

/**
 * Back to the demo data, then `runs` × `records` new Leads: each run's ids in batches of {@link BATCH}. Every run's
 * records are seeded before the first is measured, so nothing is reset, re-seeded or collected between the runs.
 */
export async function seedRuns(admin: Admin, runs: number, records: number): Promise<string[][][]> {
  await admin('POST', 'reset');
  const ids: string[] = [];
  for (let done = 0; done < runs * records; done += SEED_BATCH) {
    const fields = Array.from({ length: Math.min(SEED_BATCH, runs * records - done) }, (_, i) => ({ fields: { Last_Name: `Bench ${done + i}` } }));
    const seeded = (await admin('POST', 'records/Leads', { records: fields })) as { records: { id: string }[] };
    for (const record of seeded.records) ids.push(record.id);
  }
  return Array.from({ length: runs }, (_, run) => {
    const batches: string[][] = [];
    for (let i = run * records; i < (run + 1) * records; i += BATCH) batches.push(ids.slice(i, Math.min(i + BATCH, (run + 1) * records)));
    return batches;
  });
}

/** The sandbox's own account: every id of `runs` must now be in the recycle bin. */
export async function checkAllDeleted(admin: Admin, runs: string[][][]): Promise<void> {
  const wanted = new Set(runs.flat(2));
  const leads = (await admin('GET', 'records/Leads')) as { id: string; deleted: boolean }[];
  const deleted = leads.filter((r) => wanted.has(r.id) && r.deleted).length;
  if (deleted !== wanted.size) throw new Error(`the sandbox shows ${deleted} of ${wanted.size} Leads deleted`);
}

/** The raw loop: the same DELETEs from undici's `request`, every body parsed, the `success` outcomes counted. */
export async function rawDeletes(url: string, batches: readonly string[][], headers: Record<string, string>, agent: Dispatcher): Promise<number> {
  let deleted = 0;
  for (const batch of batches) {
    const res = await request(`${url}/crm/v7/Leads?ids=${batch.join(',')}`, { method: 'DELETE', headers, dispatcher: agent });
    const body = (await res.body.json()) as { data: { status: string }[] };
    if (res.statusCode !== 200) throw new Error(`raw loop: a batch answered ${res.statusCode}`);
    for (const outcome of body.data) if (outcome.status === 'success') deleted++;
  }
  return deleted;
}

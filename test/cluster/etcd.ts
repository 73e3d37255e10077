/** Direct calls to etcd's v3 JSON gateway (for tests that need to provoke 410 Gone). */
import {failure} from './logs.js';
import {httpRequest} from './net.js';
import {clusterPaths, requireRunningState} from './paths.js';

/**
 * Compacts etcd at its current revision, so that any watch resumed from an older
 * resourceVersion fails with 410 Gone (Expired) and its client must re-list. Use it
 * (e.g. while kube-apiserver is stopped) to exercise clients' relist paths.
 * Returns the compacted revision.
 */
export async function compactEtcd(): Promise<number> {
	const paths = clusterPaths();
	const {ports} = requireRunningState(paths);
	const post = (urlPath: string, body: unknown) =>
		httpRequest(`http://127.0.0.1:${ports.etcdClient}${urlPath}`, {body: JSON.stringify(body), timeoutMs: 10_000});
	const range = await post('/v3/kv/range', {key: Buffer.from('/registry').toString('base64'), limit: 1});
	const revision = Number((JSON.parse(range.body) as {header?: {revision?: string}}).header?.revision);
	if (range.status !== 200 || !Number.isFinite(revision)) throw failure('etcd', `reading the current revision failed: HTTP ${range.status} ${range.body.slice(0, 200)}`, paths);
	const compacted = await post('/v3/kv/compaction', {revision, physical: true});
	if (compacted.status !== 200 && !compacted.body.includes('already been compacted')) {
		throw failure('etcd', `compaction at ${revision} failed: HTTP ${compacted.status} ${compacted.body.slice(0, 200)}`, paths);
	}
	return revision;
}

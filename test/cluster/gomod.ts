/**
 * Go module lookups: the kwok stages and the Argo CRDs are read from the Go module
 * cache (at the versions test/cluster/<wrapper>/go.mod pins), never copied into the repo.
 */
import {execFile} from 'node:child_process';
import path from 'node:path';
import {promisify} from 'node:util';
import {clusterDir} from './paths.js';
import {ClusterError} from './util.js';

const execFileP = promisify(execFile);

const moduleDirCache = new Map<string, string>();

/** `Dir` of a module in the Go module cache, at the version the wrapper module `wrapper` requires. */
export async function goModuleDir(wrapper: 'kwok' | 'argo' | 'k8s' | 'etcd', modulePath: string): Promise<string> {
	const cacheKey = `${wrapper} ${modulePath}`;
	const cached = moduleDirCache.get(cacheKey);
	if (cached) return cached;
	try {
		const {stdout} = await execFileP('go', ['mod', 'download', '-json', modulePath], {
			cwd: path.join(clusterDir, wrapper),
			env: {...process.env, GOTOOLCHAIN: 'local'},
			maxBuffer: 1 << 20,
		});
		const info = JSON.parse(stdout) as {Dir?: string; Error?: string};
		if (!info.Dir) throw new Error(info.Error ?? 'no Dir in go mod download output');
		moduleDirCache.set(cacheKey, info.Dir);
		return info.Dir;
	} catch (error) {
		const e = error as {stderr?: string; stdout?: string; message: string};
		throw new ClusterError(`go mod download -json ${modulePath} (in test/cluster/${wrapper}) failed: ${e.stderr || e.stdout || e.message}`);
	}
}

/** Building the binaries with build.sh (which caches per component). */
import {spawn} from 'node:child_process';
import path from 'node:path';
import {clusterDir, repoRoot} from './paths.js';
import {ClusterError} from './util.js';

/**
 * Runs test/cluster/build.sh (cached per component) and returns the binaries
 * directory it prints on its last stdout line. Progress (stderr) goes to `onProgress`.
 */
export async function build(options: {onProgress?: (line: string) => void} = {}): Promise<string> {
	const script = path.join(clusterDir, 'build.sh');
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [script], {cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderrTail: string[] = [];
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		let partial = '';
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			partial += chunk;
			const lines = partial.split('\n');
			partial = lines.pop() ?? '';
			for (const line of lines) {
				stderrTail = [...stderrTail.slice(-40), line];
				options.onProgress?.(line);
			}
		});
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) {
				reject(new ClusterError(`build.sh failed with exit code ${code}:\n${[...stderrTail, partial].join('\n')}`));
				return;
			}
			const last = stdout.trim().split('\n').pop()?.trim();
			if (!last) reject(new ClusterError('build.sh printed no binaries directory'));
			else resolve(last);
		});
	});
}

/**
 * `npm run cluster:up|cluster:down|cluster:status` — local control plane with the real Argo Rollouts controller.
 * Usage: tsx test/cluster/cli.ts up|down|status
 */
import path from 'node:path';
import {build, clusterPaths, down, status, up} from './cluster.js';
import {elapsedLogger, runMain} from './script.js';

const say = elapsedLogger(6);

async function main(command: string | undefined): Promise<number> {
	switch (command) {
		case 'up': {
			say('building binaries (cached per component; a cold build takes several minutes)');
			const binDir = await build({onProgress: (line) => say(line)});
			say(`binaries in ${binDir}`);
			const result = await up({binDir, owner: 'cli', log: say});
			say(result.reused ? 'cluster already running; reused' : `cluster up in ${(result.elapsedMs / 1000).toFixed(1)}s`);
			const relative = path.relative(process.cwd(), result.paths.kubeconfig);
			const rel = relative && !relative.startsWith('..') ? relative : result.paths.kubeconfig;
			console.log(`kubeconfig (admin):     ${result.paths.kubeconfig}`);
			console.log(`kubeconfig (read-only): ${result.paths.kubeconfigReadonly}`);
			console.log(`logs:                   ${result.paths.logsDir}`);
			console.log(`\n  export KUBECONFIG=${result.paths.kubeconfig}`);
			console.log(`  ${path.join(result.state.binDir, 'kubectl-argo-rollouts')} list rollouts -A --kubeconfig ${rel}`);
			return 0;
		}
		case 'down':
			await down({log: say});
			say(`cluster stopped (logs kept in ${clusterPaths().logsDir})`);
			return 0;
		case 'status': {
			const s = await status();
			for (const c of s.components) {
				console.log(`${c.name.padEnd(24)} ${(c.running ? 'running' : 'stopped').padEnd(8)} pid=${String(c.pid ?? '-').padEnd(8)} port=${c.port ?? '-'}`);
			}
			console.log(`apiserver /readyz: ${s.apiserverReady ? 'ok' : 'not ready'}`);
			if (s.state) console.log(`started ${s.state.startedAt} by ${s.state.owner}; nodes: ${s.state.nodes.join(', ')}`);
			if (s.healthy) console.log(`kubeconfig: ${s.paths.kubeconfig}`);
			return s.healthy ? 0 : 1;
		}
		default:
			console.error('usage: tsx test/cluster/cli.ts up|down|status');
			return 2;
	}
}

runMain(main);

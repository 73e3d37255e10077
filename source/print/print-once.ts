// Non-interactive mode: wait for the first full list, print, exit.
import {UserError} from '../errors.js';
import {sanitize} from '../terminal/sanitize.js';
import {deriveRollouts} from '../model/derive.js';
import {normalise} from '../domain/normalise.js';
import {ingressSwitches, type SwitchOverride} from '../model/ingress-switch.js';
import {switchText} from './switch-print.js';
import type {OpenedSource} from '../open-source.js';
import {toJson} from './json.js';
import {renderText} from './text.js';

const READY_TIMEOUT_MS = 20_000;

export async function printOnce(
	opened: OpenedSource,
	opts: {format: 'text' | 'json'; color: boolean; rollout?: string; overrides?: readonly SwitchOverride[]},
): Promise<number> {
	const {source, namespace} = opened;
	source.start();
	try {
		let timer: NodeJS.Timeout | undefined;
		const timedOut = new Promise<'timeout'>(resolve => {
			timer = setTimeout(() => resolve('timeout'), READY_TIMEOUT_MS);
		});
		const outcome = await Promise.race([source.ready().then(() => 'ready' as const), timedOut]);
		clearTimeout(timer);
		const snapshot = source.getSnapshot();
		const rollouts = snapshot.watches.find(w => w.resource === 'rollouts');
		if (rollouts && (rollouts.state === 'unavailable' || rollouts.state === 'failed')) {
			throw new UserError(`cannot list rollouts: ${rollouts.reason ?? rollouts.state}`);
		}
		if (outcome === 'timeout') {
			throw new UserError(`timed out after ${READY_TIMEOUT_MS / 1000}s waiting for the API server${rollouts?.reason ? `: ${rollouts.reason}` : ''}`);
		}
		let views = deriveRollouts(snapshot.objects, Date.now());
		// Hand-made blue-green beside the rollouts; a NAME selects a rollout or an Ingress.
		let switches = ingressSwitches(normalise(snapshot.objects), opts.overrides);
		if (opts.rollout) {
			views = views.filter(v => v.name === opts.rollout);
			switches = switches.filter(s => s.ingress === opts.rollout);
			if (views.length === 0 && switches.length === 0) {
				throw new UserError(`rollout "${opts.rollout}" not found${namespace ? ` in namespace ${namespace}` : ''}`);
			}
		}
		const text = () => [renderText(views, Date.now(), {color: opts.color}).replace(/\n$/, ''), switchText(switches)].filter(Boolean).join('\n\n');
		const out = opts.format === 'json' ? toJson(views, Date.now(), switches) : text();
		process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
		if (opts.format === 'text' && views.length === 0 && switches.length === 0) {
			process.stderr.write(`No rollouts found${namespace ? ` in namespace ${sanitize(namespace)}` : ''}.\n`);
		}
		return 0;
	} finally {
		source.stop();
	}
}

// Interactive mode: take over the terminal (alternate screen), render the
// App, and give the terminal back clean on every way out.
import React from 'react';
import type {OpenedSource} from '../open-source.js';
import type {SwitchOverride} from '../model/ingress-switch.js';
import {App} from './App.js';
import {mountScreen} from './mount.js';

const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

export async function runInteractive(opened: OpenedSource, opts: {readonly: boolean; rollout?: string; traffic?: boolean; overrides?: readonly SwitchOverride[]}): Promise<number> {
	const {source, namespace} = opened;
	const readonlyReason = opts.readonly ? '--readonly' : opened.offline ? 'offline file' : null;
	// With one rollout named, open it directly; find its namespace from the source's scope.
	const initialRollout = opts.rollout ? `${namespace ?? ''}/${opts.rollout}` : undefined;

	// Libraries must not write over the frame: silence console while the app owns the screen.
	const quiet = () => {};
	const saved = {log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug};
	Object.assign(console, {log: quiet, info: quiet, warn: quiet, error: quiet, debug: quiet});

	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		source.stop();
		process.stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
		Object.assign(console, saved);
	};
	const onSignal = () => {
		restore();
		process.exit(130);
	};
	process.once('SIGTERM', onSignal);
	process.once('SIGHUP', onSignal);
	process.once('exit', restore);

	process.stdout.write(ENTER_ALT_SCREEN);
	source.start();
	try {
		const {instance} = mountScreen(
			<App
				source={source}
				origin={opened.origin}
				namespace={namespace}
				readonlyReason={readonlyReason}
				execute={readonlyReason ? undefined : opened.execute}
				probe={opened.probe}
				initialTraffic={opts.traffic}
				executeManual={readonlyReason ? undefined : opened.executeManual}
				overrides={opts.overrides}
				initialRollout={initialRollout}
			/>,
			{stdout: process.stdout, stdin: process.stdin},
		);
		await instance.waitUntilExit();
	} finally {
		restore();
		process.off('SIGTERM', onSignal);
		process.off('SIGHUP', onSignal);
	}
	return 0;
}

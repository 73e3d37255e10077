// A tiny Ink harness with a terminal of a chosen size (ink-testing-library's
// stdout is fixed at 100 columns with no rows), plus a static Source.
import {KINDS} from '../../source/domain/kinds.js';
import {readFileSync} from 'node:fs';
import React from 'react';
import {render} from 'ink';
import type {Snapshot, Source} from '../../source/kube/source.js';
import type {ObjectSets} from '../../source/domain/raw.js';
import {parseObjects, sortByKind} from '../../source/kube/file-source.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';

/** React 19 schedules work; let it flush before the next key or assertion. */
export const settle = (ms = 30) => new Promise(resolve => setTimeout(resolve, ms));

export function renderAt(element: React.ReactElement, columns: number, rows: number) {
	const stdout = new FakeStdout(columns, rows);
	const stdin = new FakeStdin();
	const instance = render(element, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	return {
		stdout,
		lastFrame: () => stdout.frames[stdout.frames.length - 1] ?? '',
		press: async (data: string) => {
			stdin.send(data);
			await settle();
		},
		unmount: () => instance.unmount(),
	};
}

export function staticSource(objects: ObjectSets): Source {
	const snapshot: Snapshot = {
		version: 1,
		objects,
		watches: KINDS.map(({resource}) => ({
			resource,
			state: 'live',
			attempt: 0,
			nextRetryAt: null,
			reason: null,
		})),
	};
	return {start() {}, stop() {}, getSnapshot: () => snapshot, subscribe: () => () => {}, ready: async () => {}};
}

export const objectsFromFile = (path: string): ObjectSets => sortByKind(parseObjects(readFileSync(path, 'utf8'), path));

/** Strips ANSI codes (there should be none with FORCE_COLOR=0, but be sure). */
export const plainText = (s: string) => s.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');

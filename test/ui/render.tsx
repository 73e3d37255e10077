// A harness with a terminal of a chosen size, mounted as production mounts
// the app (source/ui/mount.tsx: Ink for input, the screen writer for output),
// plus a static Source. `lastFrame()` is the screen the writer has put on the
// terminal (its model, which test/ui/screen-writer.test.ts proves equal to
// what a terminal emulator shows for the bytes written).
import {KINDS} from '../../source/domain/kinds.js';
import {readFileSync} from 'node:fs';
import React from 'react';
import stringWidth from 'string-width';
import {expect} from 'vitest';
import type {Snapshot, Source} from '../../source/kube/source.js';
import type {ObjectSets} from '../../source/domain/raw.js';
import {parseObjects, sortByKind} from '../../source/kube/file-source.js';
import {mountScreen} from '../../source/ui/mount.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';

/** React 19 schedules work; let it flush before the next key or assertion. */
export const settle = (ms = 30) => new Promise(resolve => setTimeout(resolve, ms));

export function renderAt(element: React.ReactElement, columns: number, rows: number) {
	const stdout = new FakeStdout(columns, rows);
	const stdin = new FakeStdin();
	const mounted = mountScreen(element, {stdout, stdin: stdin as unknown as NodeJS.ReadStream});
	return {
		stdout,
		writer: mounted.writer,
		lastFrame: () => mounted.writer.text(),
		press: async (data: string) => {
			stdin.send(data);
			await settle();
		},
		unmount: () => mounted.unmount(),
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

/** Every line of the frame fits the terminal's width, and the frame leaves the last row free. */
export function expectFits(frame: string, columns: number, rows: number) {
	const lines = plainText(frame).replace(/\n$/, '').split('\n');
	expect(lines.length).toBeLessThan(rows);
	for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
}

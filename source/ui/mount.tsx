// Mounts a full-screen React app: Ink for components, state, input and the
// app lifecycle; the frame goes to a ScreenWriter on the real terminal. Ink
// itself gets a silent stdout that only mirrors the terminal's size and resize
// events, so its whole-frame output step (and its full-screen cursor
// bookkeeping) never runs against the terminal. run.tsx, the UI tests and the
// benches all mount through here, so they measure what users get.
import {EventEmitter} from 'node:events';
import React from 'react';
import {render, type Instance} from 'ink';
import {ScreenWriterContext} from './Frame.js';
import {ScreenWriter, type Output} from './screen-writer.js';

export interface Terminal extends Output {
	columns: number;
	rows: number;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
	hasColors?(): boolean;
}

/** Whether colour codes may be written: the stream's own answer (which honours FORCE_COLOR, NO_COLOR and TERM), else FORCE_COLOR. */
export function colourFor(stream: Partial<Pick<Terminal, 'hasColors'>>): boolean {
	if (typeof stream.hasColors === 'function') return stream.hasColors();
	return process.env['FORCE_COLOR'] !== '0' && (process.env['NO_COLOR'] ?? '') === '';
}

/** What Ink sees as stdout: the terminal's size and resize events, and a write that goes nowhere. */
class SizeOnlyStdout extends EventEmitter {
	readonly isTTY = true;
	private readonly forward = () => this.emit('resize');
	constructor(private readonly terminal: Terminal) {
		super();
		terminal.on('resize', this.forward);
	}
	get columns() {
		return this.terminal.columns;
	}
	get rows() {
		return this.terminal.rows;
	}
	write(): boolean {
		return true;
	}
	detach() {
		this.terminal.off('resize', this.forward);
	}
}

export interface Mounted {
	writer: ScreenWriter;
	instance: Instance;
	unmount(): void;
}

export function mountScreen(
	element: React.ReactElement,
	io: {stdout: Terminal; stdin: NodeJS.ReadStream; colour?: boolean},
): Mounted {
	const writer = new ScreenWriter(io.stdout, {colour: io.colour ?? colourFor(io.stdout)});
	const inkStdout = new SizeOnlyStdout(io.stdout);
	const instance = render(<ScreenWriterContext.Provider value={writer}>{element}</ScreenWriterContext.Provider>, {
		stdout: inkStdout as unknown as NodeJS.WriteStream,
		stdin: io.stdin,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	instance.waitUntilExit().then(
		() => inkStdout.detach(),
		() => inkStdout.detach(),
	);
	return {writer, instance, unmount: () => instance.unmount()};
}

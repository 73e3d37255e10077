// The App on a fake terminal, mounted as source/ui/run.tsx mounts it
// (source/ui/mount.tsx: Ink for input, the screen writer for output),
// recording every write, plus an in-memory Source that the benches mutate and
// notify like a watch does.
import React from 'react';
import type {ResourceKind, Snapshot, Source} from '../../source/kube/source.js';
import type {ObjectSets} from '../../source/domain/raw.js';
import {App, type AppProps} from '../../source/ui/App.js';
import {mountScreen} from '../../source/ui/mount.js';
import {FakeStdin, FakeStdout} from '../ui/fake-terminal.js';

const ANSI = /\u001B\[[0-9;?]*[A-Za-z]/g;

export interface Write {
	at: number; // performance.now()
	bytes: number;
	text: string;
	/** A frame: the write has screen content (not just cursor/erase/sync escapes). */
	frame: boolean;
}

/** Keeps every write with its time and size instead of just the text. */
class RecordingStdout extends FakeStdout {
	writes: Write[] = [];
	protected override record(text: string) {
		this.writes.push({at: performance.now(), bytes: Buffer.byteLength(text), text, frame: text.replace(ANSI, '') !== ''});
	}
}

const KINDS: ResourceKind[] = ['rollouts', 'replicasets', 'pods', 'services', 'ingresses', 'analysisruns', 'experiments'];

/** A Source whose objects the bench replaces; every update notifies at once, like one watch event. */
export class MutableSource implements Source {
	private listeners = new Set<() => void>();
	private snapshot: Snapshot;
	notifications = 0;

	constructor(objects: ObjectSets) {
		const watches = KINDS.map((resource) => ({resource, state: 'live' as const, attempt: 0, nextRetryAt: null, reason: null}));
		this.snapshot = {version: 1, objects, watches};
	}
	start() {}
	stop() {}
	ready() {
		return Promise.resolve();
	}
	getSnapshot() {
		return this.snapshot;
	}
	subscribe(listener: () => void) {
		this.listeners.add(listener);
		return () => void this.listeners.delete(listener);
	}
	get objects(): ObjectSets {
		return this.snapshot.objects;
	}
	/** New arrays for the changed kinds (as cluster-source rebuilds them), a new snapshot, then notify. */
	update(changed: Partial<ObjectSets>) {
		this.snapshot = {...this.snapshot, version: this.snapshot.version + 1, objects: {...this.snapshot.objects, ...changed}};
		this.notifications++;
		for (const listener of [...this.listeners]) listener();
	}
}

export interface Mounted {
	stdout: RecordingStdout;
	mountedAt: number;
	/** Frames the app handed to the screen writer (one per React commit), whether or not they were written. */
	renders: number[];
	/** The screen as the writer has put it on the terminal (writes are updates, not whole frames). */
	screen(): string;
	frames(from?: number, to?: number): Write[];
	unmount(): void;
}

export function mountApp(source: Source, columns: number, rows: number, initialRollout?: string, extra: Partial<AppProps> = {}): Mounted {
	const stdout = new RecordingStdout(columns, rows);
	const renders: number[] = [];
	const mountedAt = performance.now();
	const mounted = mountScreen(React.createElement(App, {source, origin: 'bench', namespace: null, readonlyReason: null, initialRollout, ...extra}), {
		stdout,
		stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
	});
	const render = mounted.writer.render.bind(mounted.writer);
	mounted.writer.render = (lines, size) => {
		renders.push(performance.now());
		render(lines, size);
	};
	return {
		stdout,
		mountedAt,
		renders,
		screen: () => mounted.writer.text(),
		frames: (from = 0, to = Infinity) => stdout.writes.filter((w) => w.frame && w.at >= from && w.at < to),
		unmount: () => mounted.unmount(),
	};
}

/** Screen lines of a frame, escapes removed (for counting changed lines). */
export const screenLines = (frame: Write) => frame.text.replace(ANSI, '').split('\n');

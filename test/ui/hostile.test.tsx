import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../source/ui/App.js';
import {CONTROL, hostileExample} from '../unit/hostile.js';
import {renderAt, staticSource} from './render.js';
import {withoutWriterEscapes} from './writer-escapes.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** With FORCE_COLOR=0 the writer's own escapes are cursor moves, erases and colourless SGR; any other control byte came from the objects. */
const controlBytes = (frame: string) => withoutWriterEscapes(frame).replace(/\n/g, '').match(CONTROL);

describe.each([
	[120, 40],
	[20, 10],
])('hostile objects at %ix%i', (columns, rows) => {
	it('no control byte from object data reaches the list, the detail view, help or a confirmation', async () => {
		const ui = renderAt(
			<App source={staticSource(hostileExample())} origin="file hostile" namespace={null} readonlyReason={null} execute={async () => ({ok: true, message: 'done'})} />,
			columns,
			rows,
		);
		cleanup = ui.unmount;
		await ui.press('');
		expect(ui.lastFrame()).toContain('^[');
		for (const key of ['\r', 'j', 'j', 'j', 'p', '\u001B', 'u', '\u001B', '?', '\u001B']) {
			await ui.press(key);
			expect(controlBytes(ui.lastFrame()), `after ${JSON.stringify(key)}`).toBeNull();
		}
		expect(ui.stdout.frames.length).toBeGreaterThan(5);
		for (const frame of ui.stdout.frames) expect(controlBytes(frame)).toBeNull();
		// Ten renders: give a loaded 2-core machine time (this is not a timing test).
	}, 20_000);
});

// The frame's way out of React: App builds the whole screen as styled lines
// and this component hands them to the screen writer after each commit, which
// sends only the cells that changed. Ink's own output is not used for the
// frame (see mount.tsx); React still owns state, input and re-rendering.
import {createContext, useContext, useLayoutEffect} from 'react';
import type {Line} from './lines.js';
import type {ScreenWriter} from './screen-writer.js';

export const ScreenWriterContext = createContext<ScreenWriter | null>(null);

export function Frame({lines, columns, rows}: {lines: Line[]; columns: number; rows: number}) {
	const writer = useContext(ScreenWriterContext);
	if (!writer) throw new Error('Frame needs a ScreenWriter: mount the app with mountScreen() (source/ui/mount.tsx)');
	useLayoutEffect(() => {
		writer.render(lines, {columns, rows});
	});
	return null;
}

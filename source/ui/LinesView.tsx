// Renders pre-laid-out lines: one <Text> per line, cut to the width, so Ink
// never wraps and the frame's height is exactly the number of lines. This is
// the terminal edge of the live UI: every segment is sanitised here, before
// clipping, so the escaped form is what gets measured and cut.
import React from 'react';
import {Text} from 'ink';
import {sanitize, MAX_FIELD_LENGTH} from '../terminal/sanitize.js';
import {clipLine, type Line} from './lines.js';

export function LinesView({lines, width}: {lines: Line[]; width: number}) {
	return (
		<>
			{lines.map((line, i) => (
				<Text key={i} wrap="truncate-end">
					{clipLine(safeLine(line, width), width).map((s, j) => (
						<Text key={j} color={s.color} bold={s.bold} dimColor={s.dim} inverse={s.inverse}>
							{s.text}
						</Text>
					))}
					{line.length === 0 ? ' ' : ''}
				</Text>
			))}
		</>
	);
}

/** The line with unsafe characters in any segment made visible (the same line when there are none). */
function safeLine(line: Line, width: number): Line {
	const limit = Math.max(MAX_FIELD_LENGTH, width + 1);
	return line.some(s => s.text.length > limit || sanitize(s.text, limit) !== s.text)
		? line.map(s => ({...s, text: sanitize(s.text, limit)}))
		: line;
}

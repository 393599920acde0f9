import { z } from 'zod';

/** A number that is neither NaN nor infinite; range checks keep their own messages. */
export const finite = () => z.number({ error: (issue) => (issue.code === 'invalid_type' ? 'must be a finite number' : undefined) });

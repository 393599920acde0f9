/** Novelty: new patterns pass and are stored, repeats habituate, partial matches drive a mismatch population. */
export * from './run';
